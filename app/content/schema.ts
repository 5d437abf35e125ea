// The shape of course files (see content/README.md). Validated by `npm run content:check`.
import { z } from "zod";

const text = z.string().trim().min(1, "must not be empty");
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lower-case words joined by hyphens");

export const CourseFrontmatter = z
  .object({
    title: text,
    summary: text.max(200, "keep the summary to 200 characters"),
    description: text,
    audience: text,
    outcomes: z.array(text).min(3, "list at least 3 outcomes").max(8, "list at most 8 outcomes"),
    level: z.enum(["introductory", "intermediate", "advanced"]),
    topics: z.array(slug).min(1, "list at least one topic"),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "use a BCP 47 language code such as en or ar"),
    passMark: z.number().int().min(50).max(100),
    /**
     * The slug of the course this one translates. A translation mirrors its original: the same
     * module and lesson files, the same quiz question and option ids, the same figures.
     */
    translationOf: slug.optional(),
    /** A decorative 16:9 illustration in public/covers, drawn at 320 × 180, e.g. /covers/circular-ict.svg. */
    cover: z
      .string()
      .regex(
        /^\/covers\/[a-z0-9]+(-[a-z0-9]+)*\.(svg|webp|png|jpg)$/,
        "name a file in public/covers, e.g. /covers/circular-ict.svg",
      )
      .optional(),
    retakes: z
      .object({
        maxAttempts: z.number().int().min(1).optional(),
        cooldownMinutes: z.number().int().min(0).default(0),
      })
      .strict()
      .default({ cooldownMinutes: 0 }),
  })
  .strict();

export const ModuleFrontmatter = z
  .object({
    title: text,
    summary: text,
    outcomes: z.array(text).min(1, "list at least one outcome"),
    sources: z
      .array(
        z
          .object({
            title: text,
            publisher: text,
            year: z.number().int().min(1900).max(2100),
            url: z.string().url().optional(),
          })
          .strict(),
      )
      .min(1, "list at least one source"),
  })
  .strict();

export const LessonFrontmatter = z
  .object({
    title: text,
    summary: text,
    minutes: z.number().int().min(1).max(120),
    key: z
      .string()
      .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, "a key looks like module-slug/lesson-slug")
      .optional(),
  })
  .strict();

const Option = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "use a short id such as a, b, c"),
    text,
    correct: z.literal(true).optional(),
  })
  .strict();
/** Which of the course's outcomes (numbered from 1, as listed in course.md) a question assesses. */
const outcome = z.union([z.number().int().min(1), z.array(z.number().int().min(1)).min(1)]).optional();
/**
 * What a learner sees about a question they got wrong while the key stays hidden: the idea to
 * revisit, written so that it does not give the right option away.
 */
const concept = text.optional();
const ChoiceQuestion = z
  .object({
    id: slug,
    type: z.enum(["single", "multiple"]),
    prompt: text,
    options: z.array(Option).min(3, "give 3 to 6 options").max(6, "give 3 to 6 options"),
    explanation: text,
    concept,
    outcome,
  })
  .strict();
const TrueFalseQuestion = z
  .object({
    id: slug,
    type: z.literal("truefalse"),
    prompt: text,
    answer: z.boolean(),
    explanation: text,
    concept,
    outcome,
  })
  .strict();

/**
 * When a submitted attempt's result shows the right options and their explanations:
 * - never: not at all (the learner sees which questions were wrong, and each one's concept);
 * - after-pass: once the learner has passed this quiz;
 * - after-last-attempt: once the learner has passed or has no attempt left;
 * - always: after every submission (practice quizzes).
 */
export const REVEAL_POLICIES = ["never", "after-pass", "after-last-attempt", "always"] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];

export const Quiz = z
  .object({
    title: text,
    passMark: z.number().int().min(1).max(100).optional(),
    shuffle: z.boolean().default(true),
    reveal: z.enum(REVEAL_POLICIES, {
      required_error: `say when answers are shown after submitting: reveal: ${REVEAL_POLICIES.join(" | ")}`,
      invalid_type_error: `reveal is one of ${REVEAL_POLICIES.join(", ")}`,
    }),
    questions: z
      .array(z.discriminatedUnion("type", [ChoiceQuestion, TrueFalseQuestion]))
      .min(1, "add at least one question"),
  })
  .strict();

/**
 * Checks across a quiz's questions that the schema cannot express. It reads the raw data, so it
 * reports alongside any schema problem rather than only once the rest is right.
 */
export function quizChecks(raw: unknown): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const questions = (raw as { questions?: unknown })?.questions;
  if (!Array.isArray(questions)) return issues;
  const seen = new Set<unknown>();
  questions.forEach((q: { id?: unknown; type?: unknown; options?: unknown }, i) => {
    if (q?.id !== undefined && seen.has(q.id))
      issues.push({ path: ["questions", i, "id"], message: `question id "${String(q.id)}" is used twice` });
    seen.add(q?.id);
    if ((q?.type !== "single" && q?.type !== "multiple") || !Array.isArray(q.options)) return;
    const options = q.options as { id?: unknown; correct?: unknown }[];
    const correct = options.filter((o) => o?.correct === true).length;
    if (q.type === "single" && correct !== 1)
      issues.push({
        path: ["questions", i, "options"],
        message: `a single-choice question needs exactly one correct option (found ${correct})`,
      });
    if (q.type === "multiple" && (correct < 2 || correct === options.length))
      issues.push({
        path: ["questions", i, "options"],
        message: `a multiple-choice question needs at least two correct options and one wrong one (found ${correct} of ${options.length})`,
      });
    const ids = options.map((o) => o?.id);
    if (new Set(ids).size !== ids.length)
      issues.push({ path: ["questions", i, "options"], message: "option ids must be unique" });
  });
  return issues;
}

/**
 * Checks that every question's `outcome` points at one of the course's outcomes (numbered from 1
 * in course.md). The schema checks the shape; only the course knows how many outcomes there are.
 */
export function outcomeChecks(raw: unknown, outcomeCount: number): { path: (string | number)[]; message: string }[] {
  const questions = (raw as { questions?: unknown })?.questions;
  if (!Array.isArray(questions)) return [];
  const issues: { path: (string | number)[]; message: string }[] = [];
  questions.forEach((q: { outcome?: unknown }, i) => {
    const values = Array.isArray(q?.outcome) ? q.outcome : q?.outcome === undefined ? [] : [q.outcome];
    values.forEach((n, j) => {
      if (typeof n === "number" && Number.isInteger(n) && (n < 1 || n > outcomeCount)) {
        const path = Array.isArray(q.outcome) ? ["questions", i, "outcome", j] : ["questions", i, "outcome"];
        issues.push({
          path,
          message: `outcome ${n} does not exist: course.md lists ${outcomeCount} outcome${outcomeCount === 1 ? "" : "s"}, numbered from 1`,
        });
      }
    });
  });
  return issues;
}

export const Glossary = z.array(z.object({ term: text, definition: text }).strict()).min(1);

export type CourseMeta = z.infer<typeof CourseFrontmatter>;
export type ModuleMeta = z.infer<typeof ModuleFrontmatter>;
export type QuizDef = z.infer<typeof Quiz>;
export type Question = QuizDef["questions"][number];
