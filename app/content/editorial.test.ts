// The editorial bar for the shipped courses: size, structure and the components every lesson uses.
import { describe, expect, it } from "vitest";
import { loadContent } from "./load.server";

const { courses } = loadContent("content/courses");
// The short taster course is exempt from the size rules; it is a one-hour introduction.
const fullCourses = courses.filter((c) => c.slug !== "green-digital-action-essentials");

/** Words of prose: the lesson without frontmatter, component tags and Markdown syntax. */
function proseWords(body: string) {
  return body
    .replace(/<[A-Z][^>]*>/g, " ")
    .replace(/<\/[A-Z][^>]*>/g, " ")
    .replace(/[#*_`|>-]/g, " ")
    .split(/\s+/)
    .filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

describe("the shipped courses", () => {
  it("are the four courses of the curriculum", () => {
    expect(fullCourses.map((c) => c.slug)).toEqual(["circular-ict", "green-ict-standards", "digital-climate-action", "green-digital-skills"]);
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

      it("has lessons of roughly 600–1,200 words that use key figures, callouts, terms and a knowledge check", () => {
        for (const lesson of course.modules.flatMap((m) => m.lessons)) {
          const words = proseWords(lesson.body);
          expect(words, `${lesson.file}: ${words} words`).toBeGreaterThanOrEqual(550);
          expect(words, `${lesson.file}: ${words} words`).toBeLessThanOrEqual(1300);
          for (const component of ["<KeyFigure", "<Callout", "<Term", "<KnowledgeCheck"]) {
            expect(lesson.body.includes(component), `${lesson.file} uses ${component}`).toBe(true);
          }
        }
      });
    });
  }
});
