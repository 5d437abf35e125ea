import { describe, expect, it } from "vitest";
import { quizCourse } from "#tests/fixtures/course-fixture";
import { resumePath, stepAfterLesson, stepAfterQuiz } from "./flow";

const course = quizCourse();
const noQuizzes = quizCourse({ finalAssessment: null, modules: course.modules.map((m) => ({ ...m, quiz: null })) });

describe("what comes next", () => {
  it("after a lesson that ends a module with a quiz: the quiz; else the next lesson; after the last: the final", () => {
    expect(stepAfterLesson(course, "m1/l1")).toEqual({
      kind: "quiz",
      path: "/courses/quiz-course/quiz/m1",
      label: "take the quiz",
    });
    expect(stepAfterLesson(noQuizzes, "m1/l1")).toEqual({
      kind: "lesson",
      path: "/courses/quiz-course/m2/l1",
      label: "continue",
    });
    expect(stepAfterLesson(noQuizzes, "m2/l1")).toEqual({
      kind: "course",
      path: "/courses/quiz-course",
      label: "finish",
    });
    expect(stepAfterLesson({ ...noQuizzes, finalAssessment: course.finalAssessment }, "m2/l1")).toMatchObject({
      kind: "quiz",
      path: "/courses/quiz-course/quiz/final",
    });
  });

  it("after a quiz: the next module, then the final assessment, then the course page", () => {
    expect(stepAfterQuiz(course, "m1")).toMatchObject({
      kind: "lesson",
      path: "/courses/quiz-course/m2/l1",
      label: "Continue with module 2: m2",
    });
    expect(stepAfterQuiz(course, "m2")).toMatchObject({ kind: "quiz", path: "/courses/quiz-course/quiz/final" });
    expect(stepAfterQuiz(course, "final")).toMatchObject({ kind: "course", path: "/courses/quiz-course" });
  });

  it("Continue leads to the remembered lesson, or the first one", () => {
    expect(resumePath(course, "m2/l1")).toBe("/courses/quiz-course/m2/l1");
    expect(resumePath(course, null)).toBe("/courses/quiz-course/m1/l1");
    expect(resumePath(course, "gone/lesson")).toBe("/courses/quiz-course/m1/l1");
  });
});
