// The messages a page needs in the browser, one script per language and namespace (see
// vite.config.ts). A module that words something names its namespaces at its top:
//
//   await needMessages("cohort");
//
// In the browser that waits until the page language's messages of those namespaces are loaded; a
// route module is not rendered before it has finished loading, so its messages are there when it
// renders — on the first page (before hydration, see entry.client.tsx) and after a navigation.
// The server has every message already (resources.server.ts): there it does nothing.
import type { i18n as I18n, ResourceKey } from "i18next";

// E-mails are written on the server only: their words never go to the browser.
const files = import.meta.glob<ResourceKey>(["./messages/*/*.json", "!./messages/*/mail.json"], {
  import: "default",
});

/** The namespaces the modules loaded so far asked for: a switch of language loads them again. */
const wanted = new Set<string>();
const loading = new Map<string, Promise<ResourceKey>>();
/** The browser's i18next instance, once entry.client.tsx has made it. */
let browser: I18n | undefined;

const inBrowser = () => typeof document !== "undefined";

function load(language: string, namespace: string): Promise<ResourceKey> {
  const path = `./messages/${language}/${namespace}.json`;
  let messages = loading.get(path);
  if (!messages) {
    const file = files[path];
    if (!file) throw new Error(`No messages for "${namespace}" in "${language}"`);
    // A failed load is forgotten, so that the next page asking for these messages tries again.
    messages = file().catch((error: unknown) => {
      loading.delete(path);
      throw error;
    });
    loading.set(path, messages);
  }
  return messages;
}

async function add(i18n: I18n, language: string, namespaces: readonly string[]) {
  const messages = await Promise.all(namespaces.map((namespace) => load(language, namespace)));
  namespaces.forEach((namespace, i) => {
    if (!i18n.hasResourceBundle(language, namespace))
      i18n.addResourceBundle(language, namespace, messages[i], true, true);
  });
}

/** Waits (in the browser) until the page language's messages of these namespaces are loaded. */
export async function needMessages(...namespaces: string[]): Promise<void> {
  if (!inBrowser()) return;
  for (const namespace of namespaces) wanted.add(namespace);
  if (browser) await add(browser, browser.language, namespaces);
  else await Promise.all(namespaces.map((namespace) => load(document.documentElement.lang || "en", namespace)));
}

/** Gives the browser's instance the messages the page's modules asked for; later ones follow. */
export async function attachMessages(i18n: I18n): Promise<void> {
  browser = i18n;
  await add(i18n, i18n.language, [...wanted]);
}

/** Loads another language's messages of the namespaces in use (before switching to it). */
export async function loadLanguage(i18n: I18n, language: string): Promise<void> {
  await add(i18n, language, [...wanted]);
}

/**
 * Says in the browser's console when a message is asked for in a namespace the page did not load
 * (its module lacks `needMessages`): the page would show the message's key instead of its words.
 * The end-to-end tests fail on it.
 */
export function reportUnloaded(i18n: I18n) {
  return (languages: readonly string[], namespace: string, key: string) => {
    const language = languages[0] ?? i18n.language;
    if (!i18n.hasResourceBundle(language, namespace))
      console.error(`Messages not loaded: "${namespace}" in "${language}" (for ${namespace}:${key})`);
  };
}
