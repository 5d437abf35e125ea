// Every message exists in every language, with the same placeholders and markup, and each language's
// plural forms (Arabic has six: zero, one, two, few, many, other).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LANGUAGE, LANGUAGES } from "./config";

const DIR = join(import.meta.dirname, "messages");
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === "string") out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const read = (language: string, namespace: string) =>
  flatten(JSON.parse(readFileSync(join(DIR, language, `${namespace}.json`), "utf8")) as Tree);
const namespaces = readdirSync(join(DIR, DEFAULT_LANGUAGE)).map((f) => f.replace(/\.json$/, ""));
/** Placeholders and markup a translation must keep: {{name}}, <strong>, <1>, $t(…) nesting. */
const shape = (message: string) =>
  [...message.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}|<\/?([\w]+)\s*\/?>|\$t\(([^)]*)\)/g)]
    .map((m) => m[1] ?? (m[2] ? `<${m[2]}>` : m[3]))
    .sort();
/** Message keys without their plural suffix: "lessons_one" and "lessons_other" are "lessons". */
const bases = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, "")));

describe("message files", () => {
  it("have the same files in every language", () => {
    for (const language of LANGUAGES)
      expect(readdirSync(join(DIR, language)).sort(), language).toEqual(
        readdirSync(join(DIR, DEFAULT_LANGUAGE)).sort(),
      );
  });

  for (const namespace of namespaces)
    for (const language of LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE))
      it(`${language}/${namespace}.json has every message of English, with its placeholders and plural forms`, () => {
        const english = read(DEFAULT_LANGUAGE, namespace);
        const translated = read(language, namespace);
        const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        const pluralBases = new Set(
          [...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")),
        );
        const expected = new Set([
          ...[...english.keys()].filter((k) => !PLURAL.test(k)),
          ...[...pluralBases].flatMap((b) => categories.map((c) => `${b}_${c}`)),
        ]);
        const missing = [...expected].filter((k) => !translated.has(k));
        const extra = [...translated.keys()].filter(
          (k) => !expected.has(k) && !(PLURAL.test(k) && pluralBases.has(k.replace(PLURAL, ""))),
        );
        expect(missing, "missing").toEqual([]);
        expect(extra, "not in English").toEqual([]);
        expect(bases(translated.keys())).toEqual(bases(english.keys()));
        for (const [key, message] of translated) {
          const source = english.get(key) ?? english.get(`${key.replace(PLURAL, "")}_other`)!;
          // A plural form may leave the number out ("درسان", two lessons).
          const keep = (p: string | undefined) => !(PLURAL.test(key) && p === "count");
          expect(shape(message).filter(keep), `${language}/${namespace}.json ${key}`).toEqual(
            shape(source).filter(keep),
          );
          expect(message.trim(), `${language}/${namespace}.json ${key} is empty`).not.toBe("");
        }
      });
});
