export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export const LEVEL_LABELS: Record<string, string> = { introductory: "Introductory", intermediate: "Intermediate", advanced: "Advanced" };
export const LANGUAGE_LABELS: Record<string, string> = { en: "English", fr: "Français", ar: "العربية", es: "Español" };
export const topicLabel = (topic: string) => topic.replace(/-/g, " ").replace(/^\w/, (c) => c.toUpperCase()).replace(/\bIct\b/gi, "ICT");

/** A date as people read it on certificates and pages: "20 November 2026" (long) or "20 Nov 2026". */
export function formatDate(date: Date | string, style: "long" | "medium" = "long"): string {
  return new Date(date).toLocaleDateString("en-GB", { dateStyle: style, timeZone: "UTC" });
}

/**
 * A percentage as the site writes it: "93%" (no space, as in English UI text). `value` is already
 * in percent (93, not 0.93); `digits` is the most decimals shown ("22.3%").
 */
export function formatPercent(value: number, digits = 0): string {
  return `${value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 })}%`;
}
