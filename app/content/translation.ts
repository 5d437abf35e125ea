// A translation mirrors its original: the same modules, lessons, lesson components, quiz questions
// and options (by id, with the same right answers), sources and figures. Only the words change.
// `npm run content:check` reports every difference, so a translation cannot drift from its original.
import type { CourseDef, ModuleDef, Problem } from "./load.server";
import type { Question, QuizDef } from "./schema";

/**
 * Every number written with digits, read the way the language writes them: in English "78,000 t"
 * and "22.3%" give 78000 and 22.3; in French "78 000 t" and "22,3 %" give the same.
 */
export function figuresIn(text: string, language = "en"): string[] {
  const parts = new Intl.NumberFormat(language, { numberingSystem: "latn" }).formatToParts(1000.5);
  const decimal = parts.find((p) => p.type === "decimal")?.value ?? ".";
  if (decimal !== ",") return (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/,(?=\d{3}\b)/g, ""));
  // Decimal comma: groups of three digits are separated by a space (often a narrow no-break one).
  return (text.match(/\d{1,3}(?:[ \u00A0\u202F]\d{3})+(?:,\d+)?(?!\d)|\d+(?:[.,]\d+)*/g) ?? []).map((n) =>
    /^\d+(?:\.\d+)+$/.test(n) ? n : n.replace(/[ \u00A0\u202F]/g, "").replace(",", "."),
  );
}

/** Arabic-Indic and Eastern Arabic-Indic digits: translations write numbers with 0–9. */
const NON_WESTERN_DIGIT = /[\u0660-\u0669\u06F0-\u06F9]/;

/** The lesson components in the order a lesson uses them, e.g. ["Callout", "Term", "KnowledgeCheck"]. */
export const componentsIn = (body: string) => [...body.matchAll(/<([A-Z][A-Za-z]*)\b/g)].map((m) => m[1]!);

function multisetDifference(a: string[], b: string[]) {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  const extra: string[] = [];
  for (const x of b) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else extra.push(x);
  }
  const missing = [...counts].flatMap(([x, n]) => Array<string>(n).fill(x));
  return { missing, extra };
}

const questionText = (q: Question) =>
  [q.prompt, q.explanation, q.concept ?? "", ...(q.type === "truefalse" ? [] : q.options.map((o) => o.text))].join(
    "\n",
  );

/**
 * What differs between a translation and its original, as problems naming the translation's files.
 * `dir` is the translation's folder as it should appear in messages (e.g. content/courses/06-circular-ict-ar).
 */
export function translationProblems(original: CourseDef, translation: CourseDef, dir: string): Problem[] {
  const problems: Problem[] = [];
  const at = (file: string, message: string) => problems.push({ file: `${dir}/${file}`, line: 1, column: 1, message });

  const sameFigures = (file: string, what: string, originalText: string, translatedText: string) => {
    if (NON_WESTERN_DIGIT.test(translatedText))
      at(file, `${what}: write numbers with the digits 0–9, as the original does`);
    const { missing, extra } = multisetDifference(
      figuresIn(originalText, original.language),
      figuresIn(translatedText, translation.language),
    );
    if (missing.length || extra.length)
      at(
        file,
        `${what}: the figures differ from the original (${[
          missing.length ? `missing ${missing.join(", ")}` : "",
          extra.length ? `not in the original ${extra.join(", ")}` : "",
        ]
          .filter(Boolean)
          .join("; ")})`,
      );
  };

  if (translation.language === original.language)
    at("course.md", `a translation is in another language than its original (both are "${original.language}")`);
  for (const key of ["passMark", "level"] as const)
    if (translation[key] !== original[key]) at("course.md", `${key} must be the original's (${original[key]})`);
  if (JSON.stringify(translation.retakes) !== JSON.stringify(original.retakes))
    at("course.md", "retakes must be the original's");
  if (translation.outcomes.length !== original.outcomes.length)
    at("course.md", `list the original's ${original.outcomes.length} outcomes, in the same order`);
  const courseText = (c: CourseDef) => [c.title, c.summary, c.description, c.audience, ...c.outcomes].join("\n");
  sameFigures("course.md", "course.md", courseText(original), courseText(translation));

  if (translation.glossary.length !== original.glossary.length)
    at("glossary.yml", `give the original's ${original.glossary.length} glossary entries`);
  const glossaryText = (c: CourseDef) => c.glossary.map((g) => `${g.term}\n${g.definition}`).join("\n");
  sameFigures("glossary.yml", "the glossary", glossaryText(original), glossaryText(translation));

  const modules = new Map(translation.modules.map((m) => [m.slug, m]));
  const moduleDir = (m: ModuleDef) => m.lessons[0]?.file.split("/").at(-2) ?? m.slug;
  const translatedOrder = translation.modules.map((m) => m.slug).join(", ");
  const originalOrder = original.modules.map((m) => m.slug).join(", ");
  if (translatedOrder !== originalOrder)
    at(
      "course.md",
      `the modules must be the original's, in its order: ${originalOrder} (found ${translatedOrder || "none"})`,
    );

  for (const om of original.modules) {
    const tm = modules.get(om.slug);
    if (!tm) continue;
    const folder = moduleDir(tm);
    if (tm.outcomes.length !== om.outcomes.length)
      at(`${folder}/module.md`, `list the original's ${om.outcomes.length} module outcomes`);
    const sourceKey = (m: ModuleDef) => m.sources.map((s) => `${s.year} ${s.url ?? ""}`).join("\n");
    if (tm.sources.length !== om.sources.length || sourceKey(tm) !== sourceKey(om))
      at(`${folder}/module.md`, "the sources must be the original's, in its order, with the same years and addresses");
    const moduleText = (m: ModuleDef) =>
      [m.title, m.summary, ...m.outcomes, ...m.sources.map((s) => `${s.title} ${s.publisher}`)].join("\n");
    sameFigures(`${folder}/module.md`, "module.md", moduleText(om), moduleText(tm));

    const lessons = new Map(tm.lessons.map((l) => [l.key, l]));
    for (const ol of om.lessons) {
      const tl = lessons.get(ol.key);
      const file = ol.file.split("/").slice(-2).join("/");
      if (!tl) {
        at(file, `the lesson ${ol.key} is missing: translate ${ol.file}`);
        continue;
      }
      if (tl.minutes !== ol.minutes) at(file, `minutes must be the original's (${ol.minutes})`);
      const oc = componentsIn(ol.body).join(", ");
      const tc = componentsIn(tl.body).join(", ");
      if (oc !== tc) at(file, `use the original's lesson components in its order: ${oc} (found ${tc})`);
      sameFigures(
        file,
        "the lesson",
        `${ol.title}\n${ol.summary}\n${ol.body}`,
        `${tl.title}\n${tl.summary}\n${tl.body}`,
      );
    }
    for (const tl of tm.lessons)
      if (!om.lessons.some((l) => l.key === tl.key))
        at(tl.file.split("/").slice(-2).join("/"), `the original has no lesson ${tl.key}`);
    quizProblems(om.quiz, tm.quiz, `${folder}/quiz.yml`, at, sameFigures);
  }
  quizProblems(original.finalAssessment, translation.finalAssessment, "final-assessment.yml", at, sameFigures);
  return problems;
}

function quizProblems(
  original: QuizDef | null,
  translation: QuizDef | null,
  file: string,
  at: (file: string, message: string) => void,
  sameFigures: (file: string, what: string, a: string, b: string) => void,
) {
  if (!original && !translation) return;
  if (!original || !translation) {
    at(file, original ? "the original has this quiz: translate it" : "the original has no such quiz");
    return;
  }
  if (
    original.passMark !== translation.passMark ||
    original.reveal !== translation.reveal ||
    original.shuffle !== translation.shuffle
  )
    at(file, "passMark, reveal and shuffle must be the original's");
  const ids = (q: QuizDef) => q.questions.map((x) => x.id).join(", ");
  if (ids(original) !== ids(translation))
    at(
      file,
      `the questions must be the original's, by id and in its order: ${ids(original)} (found ${ids(translation)})`,
    );
  const translated = new Map(translation.questions.map((q) => [q.id, q]));
  for (const oq of original.questions) {
    const tq = translated.get(oq.id);
    if (!tq) continue;
    const key = (q: Question) =>
      JSON.stringify([
        q.type,
        q.outcome,
        q.type === "truefalse" ? q.answer : q.options.map((o) => [o.id, o.correct === true]),
      ]);
    if (key(oq) !== key(tq))
      at(file, `question ${oq.id}: type, outcome, option ids and right answers must be the original's`);
    sameFigures(file, `question ${oq.id}`, questionText(oq), questionText(tq));
  }
}
