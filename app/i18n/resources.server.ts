// Every language's messages, for rendering on the server (bundled in the server build).
import type { Resource } from "i18next";
import { LANGUAGES } from "./config";

const files = import.meta.glob<Record<string, unknown>>("./messages/*/*.json", { eager: true, import: "default" });

export const RESOURCES: Resource = Object.fromEntries(LANGUAGES.map((language) => [language, {}]));
for (const [path, messages] of Object.entries(files)) {
  const [, language, namespace] = /^\.\/messages\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  RESOURCES[language!]![namespace!] = messages;
}

export const NAMESPACES = [...new Set(Object.values(RESOURCES).flatMap((r) => Object.keys(r)))].sort();
