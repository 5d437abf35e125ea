// Which language a request is answered in, and the server's translators. The order: the signed-in
// person's choice (User.language), else the language switcher's cookie, else the browser's
// Accept-Language, else English. URLs carry no language, so a shared link opens in the reader's.
import type { AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { getUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { addVary } from "~/http/headers";
import { directionOf, type Language } from "./config";
import { languageCookie, languageFor } from "./language.server";
import { translator } from "./translator.server";

export { languageCookie, languageFor };

/** Adds the request headers a page depends on through its language to `Vary` (Cookie: the switcher's and the session's). */
export function varyByLanguage(headers: Headers): void {
  addVary(headers, ["Accept-Language", "Cookie"]);
}

export { i18nFor, translator } from "./translator.server";

export const documentAttributes = (language: Language) => ({ lang: language, dir: directionOf(language) });

/**
 * Records a language choice: always in the browser's cookie, and in the account of a signed-in
 * person. Returns the Set-Cookie header value.
 */
export async function chooseLanguage(user: { id: string } | null, language: Language): Promise<string> {
  if (user) await db.user.update({ where: { id: user.id }, data: { language } });
  return languageCookie.serialize(language);
}

/**
 * The language of a loader's or action's request and a translator for it, e.g.
 * `const { t } = await requestTranslator(args, "catalogue"); return { title: t("title") };`
 */
export async function requestTranslator(
  args: { request: Request; context: AppLoadContext },
  namespace?: string,
): Promise<{ language: Language; t: TFunction }> {
  const language = await languageFor(args.request, getUser(args.context));
  return { language, t: translator(language, namespace) };
}
