// Data-saver mode: pages without JavaScript (no scripts, no hydration) and without decorative
// assets (the logo, course covers). Every journey works without JavaScript, so nothing is lost but
// enhancements. This module alone decides whether a request is in data-saver mode; the root loader
// passes the decision to the page (root.tsx leaves out its scripts) and entry.server.tsx leaves out
// the hydration data.
import { db } from "~/db/db.server";
import { addVary } from "./headers";

/** The signed-out visitor's choice, as a cookie. A signed-in person's choice is `User.dataSaver`. */
export const DATA_SAVER_COOKIE = "gda_data_saver";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Pages differ by the browser's Save-Data header and by who asks (session cookie, visitor's choice). */
export const DATA_SAVER_VARY = ["Save-Data", "Cookie"];

export type DataSaver = {
  /** Serve this page without JavaScript and decorative assets. */
  on: boolean;
  /** The browser sends `Save-Data: on` (the person's setting in their browser or system). */
  browser: boolean;
  /** The choice made on this site: the account's setting, or the visitor's cookie when signed out. */
  chosen: boolean;
};

/**
 * Whether this request is in data-saver mode: the browser asks for it (`Save-Data: on`), or the
 * person turned it on here (in their account when signed in, else with the visitor's cookie).
 */
export function dataSaverFor(request: Request, user: { dataSaver: boolean } | null): DataSaver {
  const browser = (request.headers.get("Save-Data") ?? "").trim().toLowerCase() === "on";
  const chosen = user ? user.dataSaver : readCookie(request.headers.get("Cookie"), DATA_SAVER_COOKIE) === "on";
  return { on: browser || chosen, browser, chosen };
}

/** Adds the request headers a page depends on through data-saver mode to `Vary`. */
export function varyByDataSaver(headers: Headers): void {
  addVary(headers, DATA_SAVER_VARY);
}

/**
 * Records a choice: in the account of a signed-in person, else in a cookie for the visitor.
 * Returns the Set-Cookie header value to send (a visitor's choice; a signed-in person's leftover
 * visitor cookie is cleared, so the account alone decides), or null.
 */
export async function chooseDataSaver(
  user: { id: string } | null,
  on: boolean,
  cookieHeader: string | null,
): Promise<string | null> {
  if (user) {
    await setAccountDataSaver(user.id, on);
    return readCookie(cookieHeader, DATA_SAVER_COOKIE) === undefined ? null : dataSaverCookie(false);
  }
  return dataSaverCookie(on);
}

/** Turns a signed-in person's data-saver setting on or off. */
export async function setAccountDataSaver(userId: string, on: boolean): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { dataSaver: on } });
}

/** The visitor's cookie: set for a year when on, removed when off. */
export function dataSaverCookie(on: boolean): string {
  const attributes = ["Path=/", "SameSite=Lax", "HttpOnly", ...(cookieSecure() ? ["Secure"] : [])];
  return on
    ? [`${DATA_SAVER_COOKIE}=on`, `Max-Age=${ONE_YEAR_SECONDS}`, ...attributes].join("; ")
    : [`${DATA_SAVER_COOKIE}=`, "Max-Age=0", ...attributes].join("; ");
}

function cookieSecure() {
  if (process.env.COOKIE_SECURE) return process.env.COOKIE_SECURE === "true";
  return process.env.NODE_ENV === "production";
}

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
