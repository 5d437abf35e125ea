import { readdirSync } from "node:fs";
import { co2 } from "@tgwf/co2";
import { describe, expect, it } from "vitest";
import { footerFootprint, footprintReport, SUSTAINABLE_SOFTWARE_COURSE } from "./footprint.server";
import type { MeasuredWeights } from "./measured";

const weights: MeasuredWeights = {
  measuredAt: "2026-12-02",
  method: "m",
  machine: "x",
  views: {
    "lesson-first": { bytes: 100 * 1024, path: "/courses/a/b/c" },
    "lesson-next": { bytes: 30 * 1024, path: "/courses/a/b/d" },
    catalogue: { bytes: 50_000, path: "/courses" },
  },
};
const library = new co2({ model: "swd", version: 4 });

describe("footerFootprint", () => {
  it("gives each page type its typical first-visit weight, or null when it is not measured", () => {
    const footer = footerFootprint(weights);
    expect(footer.typical).toEqual({
      home: null,
      catalogue: 50_000,
      course: null,
      lesson: 100 * 1024,
      quiz: null,
      footprint: null,
      other: null,
    });
    expect(footer.measuredAt).toBe("2026-12-02");
    expect(footer.gramsPerByte * 1e6).toBeCloseTo(library.perByte(1e6, false), 12);
  });
});

describe("footprintReport", () => {
  it("sets every budget against the measurement, with CO2.js's estimate", () => {
    const rows = Object.fromEntries(footprintReport(weights).rows.map((r) => [r.view, r]));
    expect(rows["lesson-first"]).toMatchObject({ kib: 120, bytes: 100 * 1024, withinBudget: true });
    expect(rows["lesson-first"]!.grams).toBe(library.perByte(100 * 1024, false));
    expect(rows["lesson-next"]).toMatchObject({ kib: 20, withinBudget: false });
    expect(rows["lesson-data-saver"]).toMatchObject({ kib: 40, bytes: null, grams: null, withinBudget: null });
  });

  it("a page exactly at its budget is within it", () => {
    const exact = { ...weights, views: { "lesson-next": { bytes: 20 * 1024, path: "/x" } } };
    expect(footprintReport(exact).rows.find((r) => r.view === "lesson-next")!.withinBudget).toBe(true);
  });

  it("links to a course that is in content/", () => {
    const folders = readdirSync("content/courses").map((f) => f.replace(/^\d+-/, ""));
    expect(folders).toContain(SUSTAINABLE_SOFTWARE_COURSE.slug);
  });
});
