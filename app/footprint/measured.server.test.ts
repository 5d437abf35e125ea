import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MeasuredWeights } from "./measured";
import { MEASURED_FILE, measuredWeights, parseMeasuredWeights, writeMeasuredWeights } from "./measured.server";

const sample: MeasuredWeights = {
  measuredAt: "2026-12-02",
  method: "Chromium, empty cache.",
  machine: "2 cores.",
  views: { "lesson-first": { bytes: 130_000, path: "/courses/a/b/c" }, catalogue: { bytes: 90_000, path: "/courses" } },
};

describe("measured weights", () => {
  it("the committed file is valid and is what the build reads", () => {
    const committed = JSON.parse(readFileSync(MEASURED_FILE, "utf8"));
    expect(parseMeasuredWeights(committed)).toEqual(measuredWeights);
    expect(Object.keys(measuredWeights.views).length).toBeGreaterThan(0);
  });

  it("writes what it is given, in a fixed order, and reads it back", () => {
    const file = join(mkdtempSync(join(tmpdir(), "weights-")), "measured.json");
    writeMeasuredWeights(sample, file);
    const text = readFileSync(file, "utf8");
    expect(parseMeasuredWeights(JSON.parse(text))).toEqual(sample);
    expect(text.indexOf('"lesson-first"')).toBeLessThan(text.indexOf('"catalogue"'));
    expect(text.endsWith("}\n")).toBe(true);
  });

  it.each([
    ["a view that is not measured", { ...sample, views: { lessons: { bytes: 1, path: "/" } } }],
    ["bytes that are not a positive whole number", { ...sample, views: { home: { bytes: -1, path: "/" } } }],
    ["a date that is not a day", { ...sample, measuredAt: "yesterday" }],
    ["no method", { ...sample, method: "" }],
  ])("refuses %s", (_, value) => {
    const file = join(mkdtempSync(join(tmpdir(), "weights-")), "measured.json");
    expect(() => writeMeasuredWeights(value as MeasuredWeights, file)).toThrow();
  });
});
