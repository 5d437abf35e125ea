// The shape of measured.json: the last measured page weights, written by scripts/measure-weights.ts
// (writeMeasuredWeights in measured.server.ts) and read by the footer and the footprint page.
import type { PageType } from "./page-types";

/** The page views that are measured, each from a fresh browser unless said otherwise. */
export const MEASURED_VIEWS = [
  "lesson-first",
  "lesson-next",
  "lesson-data-saver",
  "catalogue",
  "course",
  "home",
  "footprint",
] as const;
export type MeasuredView = (typeof MEASURED_VIEWS)[number];

export type MeasuredWeight = {
  /** Bytes on the wire: compressed bodies plus response headers, every request of the view. */
  bytes: number;
  /** The address measured (a lesson's, for the lesson views). */
  path: string;
};

export type MeasuredWeights = {
  /** The day of the measurement, YYYY-MM-DD. */
  measuredAt: string;
  /** How the bytes were counted (browser, cache state, what is summed). */
  method: string;
  /** The machine and network the server and browser ran on. */
  machine: string;
  /** A view missing here has not been measured yet (e.g. a mode not built yet). */
  views: Partial<Record<MeasuredView, MeasuredWeight>>;
};

/** The view whose weight the footer shows, before JavaScript measures the page itself. */
export const TYPICAL_VIEW: Record<PageType, MeasuredView | null> = {
  home: "home",
  catalogue: "catalogue",
  course: "course",
  lesson: "lesson-first",
  quiz: null,
  footprint: "footprint",
  other: null,
};
