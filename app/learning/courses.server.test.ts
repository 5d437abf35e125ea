import { describe, expect, it } from "vitest";
import { starterCourse } from "./courses.server";

describe("starterCourse", () => {
  const course = (slug: string, level: string, estimatedMinutes: number) => ({ slug, level, estimatedMinutes });

  it("is the shortest introductory course", () => {
    const courses = [
      course("long", "introductory", 220),
      course("short-advanced", "advanced", 20),
      course("taster", "introductory", 34),
    ];
    expect(starterCourse(courses)?.slug).toBe("taster");
  });

  it("keeps the first listed on a tie, and is null without an introductory course", () => {
    expect(starterCourse([course("a", "introductory", 30), course("b", "introductory", 30)])?.slug).toBe("a");
    expect(starterCourse([course("c", "intermediate", 30)])).toBeNull();
  });

  it("prefers the academy's reviewed courses to one just published from the workspace", () => {
    const reviewed = { ...course("taster", "introductory", 34), reviewed: true };
    const fresh = { ...course("draft-course", "introductory", 5), reviewed: false };
    expect(starterCourse([fresh, reviewed])?.slug).toBe("taster");
    expect(starterCourse([fresh])?.slug).toBe("draft-course");
  });
});
