// Reads and writes measured.json, the last measured page weights. scripts/measure-weights.ts measures
// the pages in a browser and calls writeMeasuredWeights; the build then ships the new figures.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { MEASURED_VIEWS, type MeasuredWeights } from "./measured";
import measured from "./measured.json";

export const MEASURED_FILE = fileURLToPath(new URL("./measured.json", import.meta.url));

const weight = z.object({ bytes: z.number().int().positive(), path: z.string().startsWith("/") });
const schema = z.object({
  measuredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day, YYYY-MM-DD"),
  method: z.string().min(1),
  machine: z.string().min(1),
  views: z.object(Object.fromEntries(MEASURED_VIEWS.map((v) => [v, weight.optional()]))).strict(),
});

/** Checks a set of weights; throws with the first problem (a programming error in the caller). */
export function parseMeasuredWeights(value: unknown): MeasuredWeights {
  return schema.parse(value) as MeasuredWeights;
}

/** The figures this build was made with. */
export const measuredWeights: MeasuredWeights = parseMeasuredWeights(measured);

/** Writes the figures of a new measurement, checked, for the next build (and for review in git). */
export function writeMeasuredWeights(weights: MeasuredWeights, file = MEASURED_FILE): void {
  const checked = parseMeasuredWeights(weights);
  const views = Object.fromEntries(MEASURED_VIEWS.filter((v) => checked.views[v]).map((v) => [v, checked.views[v]]));
  writeFileSync(file, `${JSON.stringify({ ...checked, views }, null, 2)}\n`);
}
