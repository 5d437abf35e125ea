// The course details form: what course.md's frontmatter holds (plus the answer-reveal policy of
// the course's quizzes), as form fields and back. Validated with the same rules as content/.
import { parseDocument } from "yaml";
import { z } from "zod";
import type { CourseFiles } from "~/content/load.server";
import { REVEAL_POLICIES, type RevealPolicy } from "~/content/schema";
import { frontmatter, withFrontmatter, type StructureResult } from "./structure";

export const REVEAL_CHOICES = [
  ["never", "Never (only which questions were wrong, and the idea to revisit)"],
  ["after-pass", "After the learner passes"],
  ["after-last-attempt", "After the learner passes or uses the last attempt"],
  ["always", "After every attempt (practice)"],
] as const satisfies readonly (readonly [RevealPolicy, string])[];

const text = (what: string, max: number) =>
  z
    .string({ required_error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `Keep the ${what} to ${max} characters.`);
const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const DetailsSchema = z.object({
  title: text("title", 120),
  summary: text("summary", 200),
  description: text("description", 5000),
  audience: text("audience", 1000),
  outcomes: z
    .string({ required_error: "List the outcomes, one per line." })
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(300, "Keep each outcome to 300 characters."))
        .min(3, "List at least 3 outcomes.")
        .max(8, "List at most 8 outcomes."),
    ),
  level: z.enum(["introductory", "intermediate", "advanced"], { errorMap: () => ({ message: "Choose a level." }) }),
  topics: z
    .string({ required_error: "Give at least one topic." })
    .transform((s) =>
      s
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(slug, "Write topics as lower-case words joined by hyphens."))
        .min(1, "Give at least one topic.")
        .max(8, "Give at most 8 topics."),
    ),
  language: z
    .string({ required_error: "Enter a language code such as en." })
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Enter a language code such as en, fr or ar."),
  passMark: z.coerce
    .number({ required_error: "Enter a pass mark.", invalid_type_error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(50, "The pass mark is at least 50.")
    .max(100, "The pass mark is at most 100."),
  // Empty means no limit.
  maxAttempts: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce
      .number({ invalid_type_error: "Enter a whole number." })
      .int("Enter a whole number.")
      .min(1, "Allow at least 1 attempt.")
      .max(100, "Allow at most 100 attempts.")
      .optional(),
  ),
  cooldownMinutes: z.coerce
    .number({ invalid_type_error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(0)
    .max(10_080, "At most a week (10,080 minutes).")
    .default(0),
  moduleReveal: z.enum(REVEAL_POLICIES),
  finalReveal: z.enum(REVEAL_POLICIES),
});
export type Details = z.output<typeof DetailsSchema>;

const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const quizPaths = (files: CourseFiles) => ({
  modules: Object.keys(files).filter((p) => /^[^/]+\/quiz\.yml$/.test(p)),
  final: "final-assessment.yml" in files ? "final-assessment.yml" : null,
});
const revealOf = (source: string | undefined, fallback: RevealPolicy): RevealPolicy => {
  const value = source ? parseDocument(source).get("reveal") : undefined;
  return REVEAL_POLICIES.includes(value as RevealPolicy) ? (value as RevealPolicy) : fallback;
};

/** The form's values, as text, from the draft's files. */
export function detailsOf(files: CourseFiles): Record<keyof Details, string> {
  const fm = frontmatter(files["course.md"]) ?? {};
  const retakes = (fm.retakes ?? {}) as Record<string, unknown>;
  const quizzes = quizPaths(files);
  return {
    title: str(fm.title),
    summary: str(fm.summary),
    description: str(fm.description),
    audience: str(fm.audience),
    outcomes: Array.isArray(fm.outcomes) ? fm.outcomes.map(str).join("\n") : "",
    level: str(fm.level) || "introductory",
    topics: Array.isArray(fm.topics) ? fm.topics.map(str).join(", ") : "",
    language: str(fm.language) || "en",
    passMark: str(fm.passMark) || "70",
    maxAttempts: str(retakes.maxAttempts),
    cooldownMinutes: str(retakes.cooldownMinutes) || "0",
    moduleReveal: revealOf(quizzes.modules[0] ? files[quizzes.modules[0]] : undefined, "after-pass"),
    finalReveal: revealOf(quizzes.final ? files[quizzes.final] : undefined, "never"),
  };
}

/** Writes the details into course.md (keeping fields the form does not show) and the quizzes' reveal policy. */
export function applyDetails(files: CourseFiles, d: Details): StructureResult {
  const fm = frontmatter(files["course.md"]) ?? {};
  const retakes = { ...(d.maxAttempts ? { maxAttempts: d.maxAttempts } : {}), cooldownMinutes: d.cooldownMinutes };
  const next: CourseFiles = {
    ...files,
    "course.md": withFrontmatter(files["course.md"], {
      ...fm,
      title: d.title,
      summary: d.summary,
      description: d.description,
      audience: d.audience,
      outcomes: d.outcomes,
      level: d.level,
      topics: d.topics,
      language: d.language,
      passMark: d.passMark,
      retakes,
    }),
  };
  const quizzes = quizPaths(files);
  const setReveal = (path: string, value: RevealPolicy) => {
    const doc = parseDocument(files[path]);
    if (doc.errors.length) return;
    doc.set("reveal", value);
    next[path] = doc.toString({ lineWidth: 0 });
  };
  for (const path of quizzes.modules) setReveal(path, d.moduleReveal);
  if (quizzes.final) setReveal(quizzes.final, d.finalReveal);
  return { ok: true, files: next };
}
