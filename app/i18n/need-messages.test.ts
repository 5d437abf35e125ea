// A module that words something with `useTranslation(namespace)` loads that namespace's messages
// in the browser (`await needMessages(…)`, see ./messages.ts); without it the page would show the
// message's key after a navigation. The end-to-end tests also fail on such a message at run time.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_NAMESPACE } from "./config";

const APP = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|server)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The namespaces of the module's `const { t … } = useTranslation(…)` calls. */
function namespacesWorded(source: string): Set<string> {
  const found = new Set<string>();
  for (const call of source.matchAll(/\{\s*t\b[^}]*\}\s*=\s*useTranslation\(([^)]*)\)/g)) {
    const names = [...call[1]!.matchAll(/"([\w-]+)"/g)].map((m) => m[1]!);
    for (const name of names.length ? names : [DEFAULT_NAMESPACE]) found.add(name);
  }
  return found;
}

/** The namespaces of the module's top-level `await needMessages(…)`. */
function namespacesLoaded(source: string): Set<string> {
  const found = new Set<string>();
  for (const call of source.matchAll(/^await needMessages\(([^)]*)\);$/gm))
    for (const m of call[1]!.matchAll(/"([\w-]+)"/g)) found.add(m[1]!);
  return found;
}

describe("modules that word messages", () => {
  const modules = sources(APP).map((path) => ({ path, source: readFileSync(path, "utf8") }));

  it("are found", () => {
    expect(modules.filter((m) => namespacesWorded(m.source).size > 0).length).toBeGreaterThan(40);
  });

  it("load the namespaces they word", () => {
    const missing = modules.flatMap(({ path, source }) => {
      const loaded = namespacesLoaded(source);
      return [...namespacesWorded(source)]
        .filter((namespace) => !loaded.has(namespace))
        .map((namespace) => `${relative(APP, path)}: ${namespace}`);
    });
    expect(missing).toEqual([]);
  });

  it("name namespaces that exist", () => {
    const existing = new Set(
      readdirSync(join(import.meta.dirname, "messages", "en")).map((f) => f.replace(".json", "")),
    );
    const unknown = modules.flatMap(({ path, source }) =>
      [...namespacesLoaded(source)].filter((n) => !existing.has(n)).map((n) => `${relative(APP, path)}: ${n}`),
    );
    expect(unknown).toEqual([]);
  });
});
