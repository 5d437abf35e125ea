// Which language a request is answered in (the order is in i18n.server.ts): the person's choice,
// the language switcher's cookie, the browser's Accept-Language, English. Free of sessions and
// the database, so that the sign-in checks (auth.server.ts) may word their refusals too.
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from "./config";

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

/** The language to answer `request` in: the user's choice, else the cookie's, else Accept-Language's, else English. */
export async function languageFor(request: Request, user: { language: string | null } | null): Promise<Language> {
  if (isLanguage(user?.language)) return user.language;
  const detected = await detector.getLocale(request);
  return isLanguage(detected) ? detected : DEFAULT_LANGUAGE;
}
