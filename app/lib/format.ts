export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

export const LEVEL_LABELS: Record<string, string> = {
  introductory: "Introductory",
  intermediate: "Intermediate",
  advanced: "Advanced",
};
export const LANGUAGE_LABELS: Record<string, string> = { en: "English", fr: "Français", ar: "العربية", es: "Español" };
/** Words that are written in capitals in a topic's label. */
const ACRONYMS = new Set(["ict", "ai", "ghg", "iot", "pue", "itu", "un"]);

/**
 * A topic slug as people write it: "circular-ict" → "Circular ICT", "e-waste" → "E-waste".
 * Hyphens between words become spaces; a hyphen after a single letter is part of the word.
 */
export function topicLabel(topic: string): string {
  const words = topic.split("-").reduce<string[]>((acc, part) => {
    const prev = acc[acc.length - 1];
    if (prev !== undefined && /^\p{L}$/u.test(prev.split("-").pop()!)) acc[acc.length - 1] = `${prev}-${part}`;
    else acc.push(part);
    return acc;
  }, []);
  const label = words.map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w)).join(" ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** A date as people read it on certificates and pages: "20 November 2026" (long) or "20 Nov 2026". */
export function formatDate(date: Date | string, style: "long" | "medium" = "long"): string {
  return formatter(
    `date:${style}`,
    () => new Intl.DateTimeFormat("en-GB", { dateStyle: style, timeZone: "UTC" }),
  ).format(new Date(date));
}

// Creating an Intl formatter costs far more than using one (toLocaleString creates one per call):
// each is made once and kept.
const formatters = new Map<string, { format(value: never): string }>();
function formatter<F extends { format(value: never): string }>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/**
 * A percentage as the site writes it: "93%" (no space, as in English UI text). `value` is already
 * in percent (93, not 0.93); `digits` is the most decimals shown ("22.3%").
 */
export function formatPercent(value: number, digits = 0): string {
  const f = formatter(
    `percent:${digits}`,
    () => new Intl.NumberFormat("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
  );
  return `${f.format(value)}%`;
}
