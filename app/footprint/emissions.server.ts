// Estimated emissions of data transfer with the Sustainable Web Design Model v4, through the Green
// Web Foundation's CO2.js. Server-side only: the browser receives the grams-per-byte factor.
import { co2 } from "@tgwf/co2";

/** The library and model behind every figure; the version is the pinned one (a test checks it). */
export const MODEL = {
  name: "Sustainable Web Design Model",
  version: 4,
  library: "CO2.js",
  libraryVersion: "0.19.0",
} as const;

/**
 * The options every estimate uses: SWD v4 with its defaults (global average grid intensity for
 * every segment; no caching ratios, since each view's own bytes are counted), and the hosting
 * not counted as green: it is not verified as running on renewable energy.
 */
export const ESTIMATE_OPTIONS = { model: "swd", version: 4 } as const;
export const GREEN_HOSTING = false;

const model = new co2(ESTIMATE_OPTIONS);

/** Grams CO2e for `bytes` transferred, straight from CO2.js. */
export const gramsForBytes = (bytes: number) => model.perByte(bytes, GREEN_HOSTING);

/**
 * Grams CO2e per byte. The model is linear in bytes for fixed options, so one gigabyte divided by
 * its size gives the factor that the footer multiplies in the browser.
 */
export const GRAMS_PER_BYTE = gramsForBytes(1e9) / 1e9;
