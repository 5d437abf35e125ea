// The lesson components an author may use, with the props each accepts. This is the single list
// that both the MDX check (what may be written) and the renderer (what is drawn) rely on.
import { z } from "zod";
import { MEDIA_HASH } from "~/media/media";

const text = (what: string) =>
  z
    .string({ required_error: `${what} is required` })
    .trim()
    .min(1, `${what} must not be empty`);
const number = (what: string) => z.string().regex(/^\d+(\.\d+)?$/, `${what} must be a number, e.g. "1500"`);
const pixels = (what: string) =>
  z.string().regex(/^[1-9]\d{0,4}$/, `${what} must be a whole number of pixels, e.g. "1200"`);
const flag = z.literal(true, { invalid_type_error: "write it as a bare word, e.g. <Option correct>" });

type Spec = {
  props: z.ZodTypeAny;
  /** Where the component may appear: only directly inside this component. */
  parent?: string;
  /** What may appear directly inside it, if restricted. */
  children?: string[];
  /** A check over the element's component children, e.g. the number of correct options. */
  check?: (
    children: { name: string; props: Record<string, unknown> }[],
    props: Record<string, unknown>,
  ) => string | null;
};

export const LESSON_COMPONENTS: Record<string, Spec> = {
  Callout: { props: z.object({ type: z.enum(["note", "tip", "warning"]), title: text("title").optional() }).strict() },
  KeyFigure: {
    props: z
      .object({
        value: text("value"),
        label: text("label"),
        source: text("source"),
        year: z.string({ required_error: "year is required" }).regex(/^(19|20)\d\d$/, "year must be a four-digit year"),
      })
      .strict(),
  },
  Term: { props: z.object({ definition: text("definition") }).strict() },
  Figure: {
    props: z
      .object({
        src: z
          .string()
          .regex(/^\/content\/[\w\-/.]+\.(svg|png|jpe?g|webp)$/, "src must be an image under /content/")
          .optional(),
        media: z
          .string()
          .regex(MEDIA_HASH, "media must be the name of an uploaded image: 32 characters, 0-9 and a-f")
          .optional(),
        alt: text("alt"),
        caption: text("caption"),
        width: pixels("width").optional(),
        height: pixels("height").optional(),
      })
      .strict()
      .refine((p) => (p.src === undefined) !== (p.media === undefined), {
        message: "give the image as either src (a file under /content/) or media (an uploaded image), not both",
      })
      .refine((p) => (p.width === undefined) === (p.height === undefined), {
        message: "give width and height together, or neither",
      }),
  },
  Steps: { props: z.object({}).strict(), children: ["Step"] },
  Step: { props: z.object({ title: text("title") }).strict(), parent: "Steps" },
  Tabs: { props: z.object({}).strict(), children: ["Tab"] },
  Tab: { props: z.object({ label: text("label") }).strict(), parent: "Tabs" },
  KnowledgeCheck: {
    props: z.object({ question: text("question"), multiple: flag.optional() }).strict(),
    children: ["Option"],
    check: (options, props) => {
      const correct = options.filter((o) => o.props.correct === true).length;
      if (options.length < 2) return "KnowledgeCheck needs at least two <Option>s";
      if (props.multiple) return correct >= 1 ? null : "KnowledgeCheck needs at least one correct <Option>";
      return correct === 1
        ? null
        : `KnowledgeCheck needs exactly one correct <Option> (found ${correct}); add "multiple" if more are right`;
    },
  },
  Option: {
    props: z.object({ correct: flag.optional(), feedback: text("feedback") }).strict(),
    parent: "KnowledgeCheck",
  },
  PueCalculator: {
    props: z.object({ facilityKwh: number("facilityKwh").optional(), itKwh: number("itKwh").optional() }).strict(),
  },
  DeviceCarbonCalculator: {
    props: z
      .object({
        embodiedKg: number("embodiedKg").optional(),
        annualKwh: number("annualKwh").optional(),
        gridIntensity: number("gridIntensity").optional(),
        years: number("years").optional(),
      })
      .strict(),
  },
  Scope3Screening: { props: z.object({ company: text("company").optional() }).strict() },
  CircularityScore: { props: z.object({ device: text("device").optional() }).strict() },
  SciCalculator: {
    props: z
      .object({
        energyKwh: number("energyKwh").optional(),
        gridIntensity: number("gridIntensity").optional(),
        embodiedKg: number("embodiedKg").optional(),
        lifespanYears: number("lifespanYears").optional(),
        hoursReserved: number("hoursReserved").optional(),
        resourceShare: number("resourceShare").optional(),
        units: number("units").optional(),
        unitName: text("unitName").optional(),
      })
      .strict(),
  },
  HostingTradeoff: {
    props: z
      .object({
        labelA: text("labelA").optional(),
        itKwhA: number("itKwhA").optional(),
        pueA: number("pueA").optional(),
        gridA: number("gridA").optional(),
        labelB: text("labelB").optional(),
        itKwhB: number("itKwhB").optional(),
        pueB: number("pueB").optional(),
        gridB: number("gridB").optional(),
      })
      .strict(),
  },
  WarningChain: { props: z.object({ hazard: text("hazard").optional() }).strict() },
};

/** The interactive lesson components: calculators and exercises that the server checks. */
export const EXERCISE_COMPONENTS = [
  "PueCalculator",
  "DeviceCarbonCalculator",
  "Scope3Screening",
  "CircularityScore",
  "SciCalculator",
  "HostingTradeoff",
  "WarningChain",
] as const;

export const COMPONENT_NAMES = Object.keys(LESSON_COMPONENTS);
