// The one way to refresh app/footprint/measured.json, the typical page weights the footer and the
// footprint page show: weighs every view in Chromium with scripts/lib/page-weight.ts (the module the
// benchmark's page weights come from) and writes them through writeMeasuredWeights. Against a
// running production server (`npm run build`, then `npm start` with COOKIE_SECURE=false over plain
// HTTP); signs a new learner up on it. Then rebuild, so that the build ships the new figures.
//   tsx scripts/measure-weights.ts http://127.0.0.1:3000      (CHROMIUM_PATH, MEASURE_COURSE)
import { availableParallelism, cpus } from "node:os";
import { pathToFileURL } from "node:url";
import type { MeasuredWeights } from "~/footprint/measured";
import { MEASURED_FILE, writeMeasuredWeights } from "~/footprint/measured.server";
import { formatWeights, measureFootprintViews, MEASUREMENT_METHOD, type FootprintViews } from "./lib/page-weight";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The figures as measured.json keeps them: the day, the method, the machine, bytes per view. */
export function measuredWeightsOf(measured: FootprintViews, base: string, day = new Date()): MeasuredWeights {
  const where = LOOPBACK.has(new URL(base).hostname)
    ? "server and browser on the same machine (no network delay)"
    : `server at ${new URL(base).origin}`;
  return {
    measuredAt: day.toISOString().slice(0, 10),
    method: MEASUREMENT_METHOD,
    machine:
      `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? "CPU"}, Chromium ${measured.chromium}, ` +
      `Node ${process.version}; production build, ${where}.`,
    views: Object.fromEntries(
      Object.entries(measured.views).map(([view, w]) => [view, { bytes: w.total, path: w.path }]),
    ),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = process.argv[2];
  if (!base) {
    console.error("Usage: tsx scripts/measure-weights.ts BASE_URL   (a production server, e.g. http://127.0.0.1:3000)");
    process.exit(2);
  }
  const measured = await measureFootprintViews(base, { course: process.env.MEASURE_COURSE });
  console.log(formatWeights(Object.entries(measured.views).map(([view, w]) => [`${view} ${w.path}`, w])));
  writeMeasuredWeights(measuredWeightsOf(measured, base));
  console.log(`\nWrote ${MEASURED_FILE}; rebuild to ship the new figures.`);
}
