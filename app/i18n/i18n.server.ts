// Which language a request is answered in, and the server's translators. The order: the signed-in
// person's choice (User.language), else the language switcher's cookie, else the browser's
// Accept-Language, else English. URLs carry no language, so a shared link opens in the reader's.
import { createCookie, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { getUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { addVary } from "~/http/headers";
import { DEFAULT_LANGUAGE, directionOf, isLanguage, LANGUAGES, type Language } from "./config";
import { translator } from "./translator.server";

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The language switcher's choice, for visitors and for this browser after signing out. */
export const languageCookie = createCookie("gda_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: ONE_YEAR_SECONDS,
  secure: process.env.COOKIE_SECURE ? process.env.COOKIE_SECURE === "true" : process.env.NODE_ENV === "production",
});

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...LANGUAGES],
    fallbackLanguage: DEFAULT_LANGUAGE,
    cookie: languageCookie,
    order: ["cookie", "header"],
  },
});

/** Adds the request headers a page depends on through its language to `Vary` (Cookie: the switcher's and the session's). */
export function varyByLanguage(headers: Headers): void {
  addVary(headers, ["Accept-Language", "Cookie"]);
}

/** The language to answer `request` in (see the order above). */
export async function languageFor(request: Request, user: { language: string | null } | null): Promise<Language> {
  if (isLanguage(user?.language)) return user.language;
  const detected = await detector.getLocale(request);
  return isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
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
