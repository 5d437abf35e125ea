// The patched route matching (patches/@remix-run+router…, decision 011): a new route tree of a shape
// seen before is matched with that shape's ranking, and the matches name the new tree's routes.
import { matchRoutes, type AgnosticRouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const tree = (): AgnosticRouteObject[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "lesson", path: "courses/:course/:module/:lesson" },
      { id: "course", path: "courses/:course" },
      { id: "quiz", path: "courses/:course/quiz/:quiz" },
      { id: "splat", path: "*" },
    ],
  },
];

const ids = (routes: AgnosticRouteObject[], url: string) => matchRoutes(routes, url)?.map((m) => m.route.id);

describe("route matching with the ranking of a shape kept", () => {
  it("matches a second tree of the same shape as the first, with the second tree's route objects", () => {
    const first = tree();
    const second = tree();
    for (const routes of [first, second]) {
      expect(ids(routes, "/")).toEqual(["root", "home"]);
      expect(ids(routes, "/courses/a/quiz/final")).toEqual(["root", "quiz"]);
      expect(ids(routes, "/courses/a/m/l")).toEqual(["root", "lesson"]);
      expect(ids(routes, "/courses/a")).toEqual(["root", "course"]);
      expect(ids(routes, "/elsewhere")).toEqual(["root", "splat"]);
    }
    const matched = matchRoutes(second, "/courses/a/m/l")!;
    expect(matched[0]!.route).toBe(second[0]);
    expect(matched[1]!.route).toBe(second[0]!.children![1]);
    expect(matched[1]!.params).toEqual({ course: "a", module: "m", lesson: "l" });
  });

  it("ranks a tree of another shape on its own", () => {
    const other = tree();
    other[0]!.children!.push({ id: "search", path: "courses/search" });
    expect(ids(other, "/courses/search")).toEqual(["root", "search"]);
    expect(ids(tree(), "/courses/search")).toEqual(["root", "course"]);
  });

  it("matches a path seen before the same way on every tree of the shape, no match included", () => {
    const paths = ["/courses/a/m/l", "/courses/b/m/l", "/courses/a", "/courses/a/quiz/final", "/", "/elsewhere"];
    const expected = [
      ["root", "lesson"],
      ["root", "lesson"],
      ["root", "course"],
      ["root", "quiz"],
      ["root", "home"],
      ["root", "splat"],
    ];
    for (let round = 0; round < 3; round++) {
      const routes = tree();
      expect(paths.map((path) => ids(routes, path))).toEqual(expected);
      expect(matchRoutes(routes, "/courses/b/m/l")![1]!.params).toEqual({ course: "b", module: "m", lesson: "l" });
    }
    const noSplat = (): AgnosticRouteObject[] => [
      { id: "root", path: "", children: [{ id: "course", path: "courses/:course" }] },
    ];
    for (let round = 0; round < 2; round++) {
      expect(matchRoutes(noSplat(), "/nowhere/at/all")).toBeNull();
      expect(ids(noSplat(), "/courses/x")).toEqual(["root", "course"]);
    }
  });
});
