// An i18next instance for one language, the same on the server and in the browser. Numbers and
// dates go into messages already formatted (app/lib/format.ts, per language), never through
// i18next's own formatting, so Arabic keeps the digits 0–9.
import { createInstance, type i18n, type ResourceLanguage } from "i18next";
import { initReactI18next } from "react-i18next";
import { DEFAULT_NAMESPACE } from "./config";

type MissingKeyHandler = (languages: readonly string[], namespace: string, key: string) => void;

/** `onUnloaded`: told of a message asked for in a namespace not loaded (see ~/i18n/messages). */
export function createI18n(
  language: string,
  messages: ResourceLanguage,
  { onUnloaded }: { onUnloaded?: (instance: i18n) => MissingKeyHandler } = {},
): i18n {
  const instance = createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    // Every message exists in every language (a test checks it): no fallback to load.
    fallbackLng: false,
    ns: Object.keys(messages),
    defaultNS: DEFAULT_NAMESPACE,
    resources: { [language]: messages },
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    initImmediate: false,
    returnNull: false,
    react: { useSuspense: false },
    ...(onUnloaded && { saveMissing: true, missingKeyHandler: onUnloaded(instance) }),
  });
  return instance;
}
