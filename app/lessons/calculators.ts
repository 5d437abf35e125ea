// The arithmetic behind the lesson calculators, kept apart from their forms so it can be tested.
// Their messages are in the page's language (the `lesson` message files).
import { translator } from "~/i18n/i18n.server";

/** Power usage effectiveness: total facility energy ÷ IT equipment energy (ISO/IEC 30134-2). */
export function pue(facilityKwh: number, itKwh: number, language = "en") {
  const t = translator(language, "lesson");
  if (!(facilityKwh > 0) || !(itKwh > 0)) return { error: t("pue.errors.positive") } as const;
  if (facilityKwh < itKwh) return { error: t("pue.errors.facilityBelowIt") } as const;
  const value = facilityKwh / itKwh;
  return { pue: value, overheadKwh: facilityKwh - itKwh, overheadShare: (facilityKwh - itKwh) / facilityKwh } as const;
}

/** A device's yearly footprint: embodied emissions spread over its years of use, plus its electricity. */
export function deviceFootprint(
  embodiedKg: number,
  annualKwh: number,
  gridGramsPerKwh: number,
  years: number,
  language = "en",
) {
  const t = translator(language, "lesson");
  if (!(years > 0)) return { error: t("device.errors.lifetime") } as const;
  if ([embodiedKg, annualKwh, gridGramsPerKwh].some((v) => !(v >= 0))) return { error: t("errors.negative") } as const;
  const embodiedPerYear = embodiedKg / years;
  const usePerYear = (annualKwh * gridGramsPerKwh) / 1000;
  const perYear = embodiedPerYear + usePerYear;
  return { embodiedPerYear, usePerYear, perYear, embodiedShare: perYear > 0 ? embodiedPerYear / perYear : 0 } as const;
}

/** Reads a number from a form field; a missing or unreadable value gives the fallback. */
export function readNumber(value: string | null | undefined, fallback: number): number {
  if (value === null || value === undefined || value.trim() === "") return fallback;
  const n = Number(value.replace(/[\s,]/g, ""));
  return Number.isFinite(n) ? n : fallback;
}
