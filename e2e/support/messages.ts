// The interface's own messages (app/i18n/messages), for journeys in another language: a test names
// the English message and reads the same message in the language it runs in.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = "app/i18n/messages";
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = "", out = new Map<string, string>()) {
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else flatten(value, `${prefix}${key}.`, out);
  }
  return out;
}

const cache = new Map<string, Map<string, string>>();
function messages(language: string) {
  let all = cache.get(language);
  if (!all) {
    all = new Map();
    for (const file of readdirSync(join(DIR, language)))
      for (const [key, value] of flatten(JSON.parse(readFileSync(join(DIR, language, file), "utf8")) as Tree))
        all.set(`${file.replace(/\.json$/, "")}:${key}`, value);
    cache.set(language, all);
  }
  return all;
}

/** The message `ns:key` in `language`, with its {{placeholders}} filled in and markup removed. */
export function message(language: string, id: string, values: Record<string, string | number> = {}): string {
  const text = messages(language).get(id);
  if (text === undefined) throw new Error(`No message ${id} in ${language}`);
  return text
    .replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => String(values[name] ?? `{{${name}}}`))
    .replace(/<\/?\w+\s*\/?>/g, "");
}

/** The id of the English message that reads exactly `english` (the first, when several do). */
export function idOf(english: string): string {
  for (const [id, text] of messages("en")) if (text === english) return id;
  throw new Error(`No English message reads "${english}"`);
}

/** The message that reads `english` in English, as it reads in `language`. */
export const inLanguage = (language: string, english: string, values?: Record<string, string | number>) =>
  message(language, idOf(english), values);
