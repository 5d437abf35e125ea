// The language a page is written in: the interface language (the root loader's), unless the page
// is a document in a language of its own — a certificate and its verify page are written in the
// language of the course they were earned in; their loaders return `pageLanguage`.
import { useMatches } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LANGUAGE, isLanguage, type Language } from "./config";
import { loadLanguage } from "./messages";

type WithLanguage = { language?: unknown; pageLanguage?: unknown } | undefined;

/** The page language from the matched routes' data, deepest first (server and browser alike). */
export function pageLanguageOf(data: WithLanguage[]): Language {
  for (const d of [...data].reverse()) if (isLanguage(d?.pageLanguage)) return d.pageLanguage;
  const root = data[0];
  return isLanguage(root?.language) ? root.language : DEFAULT_LANGUAGE;
}

export function usePageLanguage(): Language {
  return pageLanguageOf(useMatches().map((m) => m.data as WithLanguage));
}

/**
 * After a navigation in the browser to a page in another language (a certificate in Arabic from
 * an English page), loads that language's messages and switches to it. The first page of a visit
 * needs none of this: entry.client.tsx loads the page's language before hydrating.
 */
export function useFollowPageLanguage(language: Language) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language === language) return;
    let current = true;
    void loadLanguage(i18n, language).then(async () => {
      if (current) await i18n.changeLanguage(language);
    });
    return () => {
      current = false;
    };
  }, [i18n, language]);
}
