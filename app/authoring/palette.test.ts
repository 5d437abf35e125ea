import { describe, expect, it } from "vitest";
import { checkLessonMdx } from "~/lessons/mdx-guard";
import { COMPONENT_NAMES } from "~/lessons/registry";
import { PALETTE } from "./palette";

describe("the component palette", () => {
  it("offers every top-level lesson component, and nothing else", () => {
    const nested = ["Step", "Tab", "Option"];
    expect(PALETTE.map((p) => p.name).sort()).toEqual(COMPONENT_NAMES.filter((n) => !nested.includes(n)).sort());
  });

  it.each(PALETTE)("inserts $name with the props the MDX check requires", ({ snippet }) => {
    expect(checkLessonMdx(`# Lesson\n\n${snippet}\n`)).toEqual([]);
  });
});
