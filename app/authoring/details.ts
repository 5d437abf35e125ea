// The course details form: what course.md's frontmatter holds (plus the answer-reveal policy of
// the course's quizzes), as form fields and back. Validated with the same rules as content/.
import type { TFunction } from "i18next";
import { parseDocument } from "yaml";
import { z } from "zod";
import type { CourseFiles } from "~/content/load.server";
import { REVEAL_POLICIES, type RevealPolicy } from "~/content/schema";
import { frontmatter, withFrontmatter, type StructureResult } from "./structure";

/** The answer-reveal policies, in the order the forms offer them (worded by `author:details.reveal.*`). */
export const REVEAL_CHOICES = [
  "never",
  "after-pass",
  "after-last-attempt",
  "always",
] as const satisfies readonly RevealPolicy[];

// Messages are made with the reader's translator (`authoring:problems.details.*`).
const text = (t: TFunction, what: "title" | "summary" | "description" | "audience", max: number) => {
  const field = t(`authoring:problems.details.field.${what}`);
  const required = t("authoring:problems.details.required", { what: field });
  return z
    .string({ required_error: required })
    .trim()
    .min(1, required)
    .max(max, t("authoring:problems.details.tooLong", { what: field, count: max }));
};
const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const detailsSchema = (t: TFunction) => {
  const p = (key: string) => t(`authoring:problems.details.${key}`);
  return z.object({
    title: text(t, "title", 120),
    summary: text(t, "summary", 200),
    description: text(t, "description", 5000),
    audience: text(t, "audience", 1000),
    outcomes: z
      .string({ required_error: p("outcomesRequired") })
      .transform((s) =>
        s
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().max(300, p("outcomeTooLong")))
          .min(3, p("outcomesMin"))
          .max(8, p("outcomesMax")),
      ),
    level: z.enum(["introductory", "intermediate", "advanced"], { errorMap: () => ({ message: p("level") }) }),
    topics: z
      .string({ required_error: p("topicsRequired") })
      .transform((s) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().regex(slug, p("topicFormat")))
          .min(1, p("topicsRequired"))
          .max(8, p("topicsMax")),
      ),
    language: z
      .string({ required_error: p("languageRequired") })
      .trim()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, p("languageFormat")),
    passMark: z.coerce
      .number({ required_error: p("passMarkRequired"), invalid_type_error: p("wholeNumber") })
      .int(p("wholeNumber"))
      .min(50, p("passMarkMin"))
      .max(100, p("passMarkMax")),
    // Empty means no limit.
    maxAttempts: z.preprocess(
      (v) => (v === "" ? undefined : v),
      z.coerce
        .number({ invalid_type_error: p("wholeNumber") })
        .int(p("wholeNumber"))
        .min(1, p("attemptsMin"))
        .max(100, p("attemptsMax"))
        .optional(),
    ),
    cooldownMinutes: z.coerce
      .number({ invalid_type_error: p("wholeNumber") })
      .int(p("wholeNumber"))
      .min(0, p("cooldownMin"))
      .max(10_080, p("cooldownMax"))
      .default(0),
    moduleReveal: z.enum(REVEAL_POLICIES, { errorMap: () => ({ message: p("reveal") }) }),
    finalReveal: z.enum(REVEAL_POLICIES, { errorMap: () => ({ message: p("reveal") }) }),
  });
};
export type Details = z.output<ReturnType<typeof detailsSchema>>;

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
