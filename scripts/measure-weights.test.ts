import { describe, expect, it } from "vitest";
import { MEASURED_VIEWS, type MeasuredView } from "~/footprint/measured";
import { parseMeasuredWeights } from "~/footprint/measured.server";
import { RESOURCE_KINDS, type ViewWeight } from "./lib/page-weight";
import { measuredWeightsOf } from "./measure-weights";

const zero = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, 0])) as ViewWeight["byType"];
const weight = (total: number, path: string): ViewWeight => ({
  total,
  path,
  byType: { ...zero, script: total },
  requests: { ...zero, script: 1 },
});
const views = Object.fromEntries(MEASURED_VIEWS.map((v, i) => [v, weight(1000 * (i + 1), `/${v}`)])) as Record<
  MeasuredView,
  ViewWeight
>;

describe("the figures measure-weights writes", () => {
  it("keep every view's total bytes and address, the day and the module's method, and are valid", () => {
    const written = measuredWeightsOf(
      { chromium: "156.0", views },
      "http://127.0.0.1:3000",
      new Date("2026-12-02T10:00:00Z"),
    );
    expect(parseMeasuredWeights(written)).toEqual(written);
    expect(written.measuredAt).toBe("2026-12-02");
    expect(written.views).toEqual(
      Object.fromEntries(MEASURED_VIEWS.map((v, i) => [v, { bytes: 1000 * (i + 1), path: `/${v}` }])),
    );
    expect(written.method).toMatch(/encodedDataLength/);
    expect(written.machine).toMatch(/Chromium 156\.0, .*server and browser on the same machine/);
  });

  it("say where the server was when it was not on this machine", () => {
    const written = measuredWeightsOf({ chromium: "156.0", views }, "https://academy.example.org/");
    expect(written.machine).toMatch(/server at https:\/\/academy\.example\.org\.$/);
  });
});
