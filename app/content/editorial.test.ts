// The editorial bar for the shipped courses: size, structure and the components every lesson uses.
import { describe, expect, it } from "vitest";
import { EXERCISE_COMPONENTS } from "~/lessons/registry";
import { courseMinutes } from "./duration";
import { loadContent, type CourseDef } from "./load.server";

const { courses } = loadContent("content/courses");
// The short taster course (and its translations) is exempt from the size rules; it is a one-hour introduction.
const fullCourses = courses.filter((c) => (c.translationOf ?? c.slug) !== "green-digital-action-essentials");
const originalOf = (course: CourseDef) => courses.find((c) => c.slug === course.translationOf);

/** Words of prose: the lesson without frontmatter, component tags and Markdown syntax. */
function proseWords(body: string) {
  return body
    .replace(/<[A-Z][^>]*>/g, " ")
    .replace(/<\/[A-Z][^>]*>/g, " ")
    .replace(/[#*_`|>-]/g, " ")
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

describe("the shipped courses", () => {
  it("are the four courses of the curriculum", () => {
    expect(fullCourses.filter((c) => !c.translationOf).map((c) => c.slug)).toEqual([
      "circular-ict",
      "green-ict-standards",
      "digital-climate-action",
      "green-digital-skills",
    ]);
  });

  for (const course of fullCourses) {
    describe(course.title, () => {
      it("has at least 5 modules of at least 3 lessons, each with sources and a graded quiz of 5 or more questions", () => {
        expect(course.modules.length).toBeGreaterThanOrEqual(5);
        for (const m of course.modules) {
          expect(m.lessons.length, m.slug).toBeGreaterThanOrEqual(3);
          expect(m.sources.length, m.slug).toBeGreaterThanOrEqual(1);
          expect(m.quiz?.questions.length ?? 0, m.slug).toBeGreaterThanOrEqual(5);
        }
      });

      it("has a final assessment of 15 or more questions, a pass mark of 70 % or more and a glossary", () => {
        expect(course.finalAssessment?.questions.length ?? 0).toBeGreaterThanOrEqual(15);
        expect(course.passMark).toBeGreaterThanOrEqual(70);
        expect(course.glossary.length).toBeGreaterThanOrEqual(10);
      });

      it("has lessons of roughly 600–1,200 words (a translation: 60–140 % of its original's) that use callouts, terms and a knowledge check", () => {
        const original = originalOf(course);
        const originalLessons = new Map(original?.modules.flatMap((m) => m.lessons).map((l) => [l.key, l]));
        for (const lesson of course.modules.flatMap((m) => m.lessons)) {
          const words = proseWords(lesson.body);
          const source = originalLessons.get(lesson.key);
          // Languages differ in words per idea: Arabic joins articles, prepositions and pronouns to words.
          const [min, max] = source ? [0.6 * proseWords(source.body), 1.4 * proseWords(source.body)] : [550, 1300];
          expect(words, `${lesson.file}: ${words} words`).toBeGreaterThanOrEqual(min);
          expect(words, `${lesson.file}: ${words} words`).toBeLessThanOrEqual(max);
          // Key figures, figures, tabs and exercises vary from lesson to lesson; these three do not.
          for (const component of ["<Callout", "<Term", "<KnowledgeCheck"]) {
            expect(lesson.body.includes(component), `${lesson.file} uses ${component}`).toBe(true);
          }
        }
      });
    });
  }
});

/** Lower-case words only, so that punctuation, case and spacing do not hide a repeated question. */
const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/&[a-z]+;/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function gradedQuestions(course: CourseDef) {
  return [
    ...course.modules.flatMap((m) =>
      (m.quiz?.questions ?? []).map((q) => ({ where: `${m.slug}/quiz.yml#${q.id}`, q })),
    ),
    ...(course.finalAssessment?.questions ?? []).map((q) => ({ where: `final-assessment.yml#${q.id}`, q })),
  ];
}

const share = (part: number, whole: number) => (whole ? part / whole : 0);
const percent = (x: number) => `${Math.round(x * 100)} %`;

// What makes the assessments measure understanding, and the courses worth an afternoon.
describe("the shipped courses' assessments, exercises, diagrams and duration", () => {
  for (const course of fullCourses) {
    describe(course.title, () => {
      const questions = gradedQuestions(course);
      const lessons = course.modules.flatMap((m) => m.lessons);

      it("gives away the right answer by its length in under 30 % of single-choice questions", () => {
        const single = questions.flatMap(({ where, q }) => (q.type === "single" ? [{ where, q }] : []));
        const longest = single.filter(({ q }) => {
          const right = q.options.find((o) => o.correct)!;
          return right.text.length >= Math.max(...q.options.map((o) => o.text.length));
        });
        const s = share(longest.length, single.length);
        expect(
          s,
          `${longest.length} of ${single.length} (${percent(s)}) have the right option longest or tied: ${longest.map((x) => x.where).join(", ")}`,
        ).toBeLessThan(0.3);
      });

      it("has all options but one right in at most 1 in 4 multiple-choice questions", () => {
        const multiple = questions.flatMap(({ where, q }) => (q.type === "multiple" ? [{ where, q }] : []));
        const allButOne = multiple.filter(
          ({ q }) => q.options.filter((o) => o.correct).length === q.options.length - 1,
        );
        const s = share(allButOne.length, multiple.length);
        expect(
          s,
          `${allButOne.length} of ${multiple.length} (${percent(s)}) have all options but one right: ${allButOne.map((x) => x.where).join(", ")}`,
        ).toBeLessThanOrEqual(0.25);
      });

      it("does not repeat an in-lesson knowledge check in a graded question", () => {
        const practised = new Map<string, string>();
        for (const lesson of lessons)
          for (const match of lesson.body.matchAll(/<KnowledgeCheck\b[^>]*?\squestion="([^"]*)"/g))
            practised.set(normalise(match[1]!), lesson.file);
        const repeated = questions
          .filter(({ q }) => practised.has(normalise(q.prompt)))
          .map(({ where, q }) => `${where} repeats ${practised.get(normalise(q.prompt))}`);
        expect(repeated).toEqual([]);
      });

      it("maps every question to a course outcome, and assesses every outcome", () => {
        const unmapped = questions.filter(({ q }) => q.outcome === undefined).map(({ where }) => where);
        expect(unmapped, `${unmapped.length} of ${questions.length} questions have no outcome`).toEqual([]);
        const assessed = new Set(questions.flatMap(({ q }) => (q.outcome === undefined ? [] : [q.outcome].flat())));
        const unassessed = course.outcomes.map((o, i) => ({ n: i + 1, o })).filter(({ n }) => !assessed.has(n));
        expect(unassessed.map(({ n, o }) => `outcome ${n}: ${o}`)).toEqual([]);
      });

      it("has at least two exercises and four figures", () => {
        const exercises = lessons.filter((l) =>
          EXERCISE_COMPONENTS.some((name) => new RegExp(`<${name}\\b`).test(l.body)),
        );
        const figures = lessons.reduce((n, l) => n + (l.body.match(/<Figure\b/g)?.length ?? 0), 0);
        expect(
          exercises.length,
          `lessons with an exercise: ${exercises.map((l) => l.file).join(", ") || "none"}`,
        ).toBeGreaterThanOrEqual(2);
        expect(figures, "figures in the course").toBeGreaterThanOrEqual(4);
      });

      it("takes 180 to 240 minutes: lessons plus a minute per graded question", () => {
        const minutes = courseMinutes(course);
        expect(minutes).toBeGreaterThanOrEqual(180);
        expect(minutes).toBeLessThanOrEqual(240);
      });
    });
  }
});
