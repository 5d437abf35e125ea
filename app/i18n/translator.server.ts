// The server's translators: one i18next instance per language, made once (rendering only reads
// them). Free of requests and sessions, so that any server module (e-mails, too) may word messages.
import type { TFunction } from "i18next";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from "./config";
import { createI18n } from "./instance";
import { RESOURCES } from "./resources.server";

const instances = new Map(LANGUAGES.map((language) => [language, createI18n(language, RESOURCES[language]!)]));

export const i18nFor = (language: string) => instances.get(isLanguage(language) ? language : DEFAULT_LANGUAGE)!;

/** A translator for loaders, actions and e-mails: messages for page titles, errors and mail. */
export function translator(language: string, namespace?: string): TFunction {
  return i18nFor(language).getFixedT(null, namespace ?? null);
}
