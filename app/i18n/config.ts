// The interface languages. One place decides which exist, which way they are written and what each
// is called in itself; the language switcher, the page's lang/dir and the message files follow it.

export const LANGUAGES = ["en", "ar", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

/** Each language's name in itself, as a language switcher shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", ar: "العربية", fr: "Français" };

export const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

/**
 * A language named in itself, for any BCP 47 code: a course may be written in a language the
 * interface does not offer ("es" → "español"). Unknown codes are shown as they are.
 */
export function languageName(code: string): string {
  if (isLanguage(code)) return LANGUAGE_NAMES[code];
  try {
    const name = new Intl.DisplayNames([code], { type: "language" }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
  } catch {
    return code;
  }
}

/** Scripts written right to left, by primary language subtag. */
const RIGHT_TO_LEFT = new Set(["ar", "fa", "he", "ur", "ps", "sd", "yi", "dv", "ckb"]);

/** The writing direction of a BCP 47 language tag: "rtl" for Arabic, "ltr" for English and French. */
export const directionOf = (language: string): "ltr" | "rtl" =>
  RIGHT_TO_LEFT.has(language.split("-")[0]!.toLowerCase()) ? "rtl" : "ltr";

/** `lang` and `dir` for text written in `language` (the page may be in another). */
export const languageOf = (language: string | undefined) =>
  language ? { lang: language, dir: directionOf(language) } : {};

/**
 * The locale `Intl` formats with: Arabic keeps the Western digits 0–9 (the academy's convention, as
 * in the Arabic texts it answers), so "ar" formats as "ar-u-nu-latn".
 */
export const formattingLocale = (language: string) =>
  language.split("-")[0] === "ar" ? `${language}-u-nu-latn` : language;

/** The message files' namespaces: one per area of the site (app/i18n/messages/<language>/<namespace>.json). */
export const DEFAULT_NAMESPACE = "common";
