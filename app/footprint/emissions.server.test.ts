// The footer multiplies bytes by a factor in the browser; these check that it gives what CO2.js
// itself gives with the same options, at every size, without numbers that bypass the library.
import { readFileSync } from "node:fs";
import { co2 } from "@tgwf/co2";
import { describe, expect, it } from "vitest";
import { toGrams } from "./emissions";
import { ESTIMATE_OPTIONS, GRAMS_PER_BYTE, GREEN_HOSTING, gramsForBytes, MODEL } from "./emissions.server";

const library = new co2({ model: "swd", version: 4 });

describe("bytes to grams", () => {
  it("1 MB in the browser equals CO2.js's SWD v4 estimate for 1 MB, hosting not green", () => {
    expect(toGrams(1_000_000, GRAMS_PER_BYTE)).toBeCloseTo(library.perByte(1_000_000, false), 12);
  });

  it.each([1, 1024, 2644, 120 * 1024, 10_000_000, 3_000_000_000])("%i bytes: factor × bytes = CO2.js", (bytes) => {
    const expected = library.perByte(bytes, false);
    expect(toGrams(bytes, GRAMS_PER_BYTE) / expected).toBeCloseTo(1, 12);
    expect(gramsForBytes(bytes)).toBe(expected);
  });

  it("no bytes, no emissions (as CO2.js)", () => {
    expect(toGrams(0, GRAMS_PER_BYTE)).toBe(0);
    expect(library.perByte(0, false)).toBe(0);
  });

  it("uses the v4 model, not v3 or OneByte, and does not count the hosting as green", () => {
    expect(ESTIMATE_OPTIONS).toEqual({ model: "swd", version: 4 });
    expect(GREEN_HOSTING).toBe(false);
    expect(gramsForBytes(1e6)).not.toBe(new co2({ model: "swd", version: 3 }).perByte(1e6, false));
    expect(gramsForBytes(1e6)).not.toBe(new co2({ model: "1byte" }).perByte(1e6, false));
    expect(gramsForBytes(1e6)).toBeGreaterThan(library.perByte(1e6, true));
  });

  it("names the CO2.js version that is installed", () => {
    const installed = JSON.parse(readFileSync("node_modules/@tgwf/co2/package.json", "utf8")) as { version: string };
    expect(MODEL.libraryVersion).toBe(installed.version);
    const pinned = JSON.parse(readFileSync("package.json", "utf8")) as { dependencies: Record<string, string> };
    expect(pinned.dependencies["@tgwf/co2"]).toBe(installed.version);
  });
});
