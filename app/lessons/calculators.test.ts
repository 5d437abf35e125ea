import { describe, expect, it } from "vitest";
import { deviceFootprint, pue, readNumber } from "./calculators";

describe("calculators", () => {
  it("PUE is total facility energy divided by IT energy", () => {
    expect(pue(15, 10)).toMatchObject({ pue: 1.5, overheadKwh: 5 });
    expect(pue(5, 10)).toHaveProperty("error");
    expect(pue(0, 0)).toHaveProperty("error");
  });

  it("a device's yearly footprint spreads embodied emissions over its life", () => {
    const r = deviceFootprint(80, 5, 400, 4);
    expect(r).toMatchObject({ embodiedPerYear: 20, usePerYear: 2, perYear: 22 });
    expect(deviceFootprint(80, 5, 400, 0)).toHaveProperty("error");
  });

  it("reads numbers from form input, falling back when unreadable", () => {
    expect(readNumber("1,500,000", 1)).toBe(1_500_000);
    expect(readNumber("abc", 7)).toBe(7);
    expect(readNumber(null, 7)).toBe(7);
  });
});
