import { describe, expect, it } from "vitest";
import { paths } from "~/paths";
import { pageTypeOf } from "./page-types";

const course = { slug: "circular-ict" };

describe("pageTypeOf", () => {
  it.each([
    [paths.home(), "home"],
    [paths.courses(), "catalogue"],
    ["/courses/", "catalogue"],
    [paths.course(course), "course"],
    [paths.lesson(course, { slug: "the-e-waste-challenge" }, { slug: "why-recycling-lags" }), "lesson"],
    [paths.quiz(course, "the-e-waste-challenge"), "quiz"],
    [paths.attempt(course, "final", "abc"), "quiz"],
    [paths.footprint(), "footprint"],
  ])("%s is a %s page", (path, type) => {
    expect(pageTypeOf(path)).toBe(type);
  });

  it.each([
    paths.glossary(course),
    paths.myLearning(),
    paths.search("e-waste"),
    paths.verify("K7QM3XHP9TRDW2FN"),
    paths.author(),
    "/footprint/more",
    "/courses/a/b/c/d",
  ])("%s is not a measured page type", (path) => {
    expect(pageTypeOf(path)).toBe("other");
  });
});
