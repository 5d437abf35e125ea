// One language's messages for the browser, loaded when a page starts: each language's files are
// one script (see vite.config.ts), fetched once and then cached; the others are never loaded.
import type { ResourceLanguage } from "i18next";

// E-mails are written on the server only: their words never go to the browser.
const files = import.meta.glob<Record<string, unknown>>(["./messages/*/*.json", "!./messages/*/mail.json"], {
  import: "default",
});

export async function loadMessages(language: string): Promise<ResourceLanguage> {
  const mine = Object.entries(files).filter(([path]) => path.startsWith(`./messages/${language}/`));
  const loaded = await Promise.all(
    mine.map(async ([path, load]) => [/([^/]+)\.json$/.exec(path)![1]!, await load()] as const),
  );
  return Object.fromEntries(loaded);
}
