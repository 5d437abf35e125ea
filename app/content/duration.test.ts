import { describe, expect, it } from "vitest";
import { courseMinutes } from "./duration";

describe("a course's computed duration", () => {
  it("adds the lessons' minutes and a minute per graded question, final assessment included", () => {
    const course = {
      modules: [
        { lessons: [{ minutes: 8 }, { minutes: 10 }], quiz: { questions: [1, 2, 3, 4, 5] } },
        { lessons: [{ minutes: 7 }], quiz: null },
      ],
      finalAssessment: { questions: Array.from({ length: 15 }) },
    };
    expect(courseMinutes(course)).toBe(25 + 20);
    expect(courseMinutes({ modules: [], finalAssessment: null })).toBe(0);
  });
});
