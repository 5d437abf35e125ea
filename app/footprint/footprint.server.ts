// What the footer and the footprint page show: measured weights turned into estimated emissions.
import { BUDGETS } from "./budgets";
import { GRAMS_PER_BYTE, GREEN_HOSTING, gramsForBytes, MODEL } from "./emissions.server";
import { TYPICAL_VIEW, type MeasuredWeights } from "./measured";
import { measuredWeights } from "./measured.server";
import { PAGE_TYPES, type PageType } from "./page-types";

export type FooterFootprint = {
  /** Grams CO2e per byte transferred: the browser multiplies its own measurement by it. */
  gramsPerByte: number;
  measuredAt: string;
  /** The typical bytes of each page type (null: not measured yet). */
  typical: Record<PageType, number | null>;
};

/** The footer's data, the same for every page and person (the page type is chosen by address). */
export function footerFootprint(weights: MeasuredWeights = measuredWeights): FooterFootprint {
  const typical = Object.fromEntries(
    PAGE_TYPES.map((type) => {
      const view = TYPICAL_VIEW[type];
      return [type, (view && weights.views[view]?.bytes) ?? null];
    }),
  ) as Record<PageType, number | null>;
  return { gramsPerByte: GRAMS_PER_BYTE, measuredAt: weights.measuredAt, typical };
}

/** The course that teaches the method (content/courses/04-green-digital-skills). */
export const SUSTAINABLE_SOFTWARE_COURSE = { slug: "green-digital-skills" };

/** The footprint page: every budget against the last measurement, with its estimated emissions. */
export function footprintReport(weights: MeasuredWeights = measuredWeights) {
  return {
    model: MODEL,
    course: SUSTAINABLE_SOFTWARE_COURSE,
    greenHosting: GREEN_HOSTING,
    gramsPerMegabyte: gramsForBytes(1e6),
    measuredAt: weights.measuredAt,
    method: weights.method,
    machine: weights.machine,
    rows: BUDGETS.map((budget) => {
      const measured = weights.views[budget.view];
      const budgetBytes = budget.kib * 1024;
      return {
        ...budget,
        budgetBytes,
        bytes: measured?.bytes ?? null,
        path: measured?.path ?? null,
        grams: measured ? gramsForBytes(measured.bytes) : null,
        withinBudget: measured ? measured.bytes <= budgetBytes : null,
      };
    }),
  };
}
