// A JSON Schema for the subset of xAPI 1.0.3 statements the academy records: used by the tests to
// check every statement's shape (ajv), and a description of what an LRS receives from us.
const languageMap = {
  type: "object",
  minProperties: 1,
  additionalProperties: { type: "string" },
} as const;

const activity = {
  type: "object",
  required: ["objectType", "id", "definition"],
  additionalProperties: false,
  properties: {
    objectType: { const: "Activity" },
    id: { type: "string", format: "uri" },
    definition: {
      type: "object",
      required: ["type", "name"],
      additionalProperties: false,
      properties: { type: { type: "string", format: "uri" }, name: languageMap },
    },
  },
} as const;

export const statementSchema = {
  $id: "https://greendigital.academy/schemas/xapi-statement-subset.json",
  type: "object",
  required: ["id", "version", "timestamp", "actor", "verb", "object"],
  additionalProperties: false,
  properties: {
    id: { type: "string", format: "uuid" },
    version: { const: "1.0.3" },
    timestamp: { type: "string", format: "date-time" },
    actor: {
      type: "object",
      required: ["objectType", "account"],
      additionalProperties: false,
      properties: {
        objectType: { const: "Agent" },
        account: {
          type: "object",
          required: ["homePage", "name"],
          additionalProperties: false,
          properties: { homePage: { type: "string", format: "uri" }, name: { type: "string", minLength: 1 } },
        },
      },
    },
    verb: {
      type: "object",
      required: ["id", "display"],
      additionalProperties: false,
      properties: {
        id: {
          enum: ["registered", "experienced", "completed", "attempted", "passed", "failed"].map(
            (v) => `http://adlnet.gov/expapi/verbs/${v}`,
          ),
        },
        display: languageMap,
      },
    },
    object: activity,
    result: {
      type: "object",
      additionalProperties: false,
      properties: {
        score: {
          type: "object",
          required: ["scaled", "raw", "min", "max"],
          additionalProperties: false,
          properties: {
            scaled: { type: "number", minimum: -1, maximum: 1 },
            raw: { type: "number" },
            min: { type: "number" },
            max: { type: "number" },
          },
        },
        success: { type: "boolean" },
        completion: { type: "boolean" },
      },
    },
    context: {
      type: "object",
      required: ["contextActivities"],
      additionalProperties: false,
      properties: {
        platform: { type: "string" },
        language: { type: "string" },
        contextActivities: {
          type: "object",
          additionalProperties: false,
          properties: { parent: { type: "array", items: activity }, grouping: { type: "array", items: activity } },
        },
      },
    },
  },
} as const;
