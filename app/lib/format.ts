// Numbers, dates and durations as each interface language writes them. Every function takes the
// language (default English); components use `useFormat()` (app/lib/use-format.ts), which passes the
// page's. Arabic keeps the digits 0–9 (see formattingLocale in app/i18n/config.ts).
import { formattingLocale } from "~/i18n/config";

/** "45 min", "1 h 30 min" in English; CLDR's words elsewhere ("45 دقيقة", "1 h 30 min"). */
export function formatMinutes(minutes: number, language = "en"): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (language === "en") {
    if (minutes < 60) return `${minutes} min`;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const display = directionOfArabic(language) ? "long" : "short";
  const unit = (u: "hour" | "minute", n: number) =>
    formatter(
      `unit:${language}:${u}:${display}`,
      () => new Intl.NumberFormat(formattingLocale(language), { style: "unit", unit: u, unitDisplay: display }),
    ).format(n);
  if (minutes < 60) return unit("minute", minutes);
  return m ? `${unit("hour", h)} ${unit("minute", m)}` : unit("hour", h);
}

/** Arabic abbreviations of units are not in common use: durations are written out. */
const directionOfArabic = (language: string) => language.split("-")[0] === "ar";

/** A whole or decimal number with the language's separators: "78,000" (en), "78 000" (fr). */
export function formatNumber(value: number, language = "en", digits = 0): string {
  return formatter(
    `number:${language}:${digits}`,
    () => new Intl.NumberFormat(formattingLocale(language), { maximumFractionDigits: digits }),
  ).format(value);
}

/** A translator as the catalogue's labels need it: `t` from useTranslation or requestTranslator. */
type Translate = (key: string, options: { defaultValue: string }) => string;

/** A course level in the page's language (`catalogue:level.<level>`), else the level as stored. */
export const levelLabel = (t: Translate, level: string): string =>
  t(`catalogue:level.${level}`, { defaultValue: level });

/** A topic in the page's language (`catalogue:topic.<slug>`); a topic without a message reads as topicLabel writes it. */
export const topicName = (t: Translate, topic: string): string =>
  t(`catalogue:topic.${topic}`, { defaultValue: topicLabel(topic) });

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
export function formatDate(date: Date | string, style: "long" | "medium" = "long", language = "en"): string {
  return formatter(
    `date:${language}:${style}`,
    () =>
      new Intl.DateTimeFormat(language === "en" ? "en-GB" : formattingLocale(language), {
        dateStyle: style,
        timeZone: "UTC",
      }),
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
export function formatPercent(value: number, digits = 0, language = "en"): string {
  const f = formatter(
    `percent:${language}:${digits}`,
    () =>
      new Intl.NumberFormat(formattingLocale(language), {
        style: "percent",
        maximumFractionDigits: digits,
        minimumFractionDigits: 0,
      }),
  );
  return f.format(value / 100);
}
