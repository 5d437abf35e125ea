// Small helpers that turn refusals into HTTP responses. Only routes and these helpers speak HTTP;
// domain modules throw their own errors, which the helpers here translate.
import type { TFunction } from "i18next";
import { PasswordWorkBusyError } from "~/auth/password.server";

/** A plain-text 4xx/5xx Response with a reason a person can read; throw it from a loader or action. */
export function httpError(status: number, reason: string, headers: HeadersInit = {}): Response {
  return new Response(reason, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

/** Waits for `work`; when the password hasher is saturated, throws a 503 with Retry-After instead of failing with a 500. */
export async function unlessBusy<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof PasswordWorkBusyError) {
      throw httpError(503, e.message, { "Retry-After": String(e.retryAfterSeconds) });
    }
    throw e;
  }
}

/** The Retry-After header for a refusal that can be retried later. */
export function retryAfter(refusal: { retryAfterSeconds: number }): Record<string, string> {
  return { "Retry-After": String(refusal.retryAfterSeconds) };
}

/** "Too many attempts" in words, with how long to wait. */
/** What a person asked too often (a key under common:tooMany), worded with how long to wait. */
export type TooManyOf = "logIn" | "signUp" | "passwordReset" | "links" | "requests";

export function tooManyMessage(t: TFunction, refusal: { retryAfterSeconds: number }, what: TooManyOf): string {
  const s = refusal.retryAfterSeconds;
  const wait = s < 60 ? t("common:wait.seconds", { count: s }) : t("common:wait.minutes", { count: Math.ceil(s / 60) });
  return t(`common:tooMany.${what}`, { wait });
}

/** Throws a 404 answer. Typed as `never`, so `value ?? notFound()` narrows away null. */
export function notFound(message = "There is nothing at this address."): never {
  throw httpError(404, message);
}

/** Throws a 400 answer with the reason. */
export function badRequest(message: string): never {
  throw httpError(400, message);
}

/** Throws `status` with the message unless the condition holds. */
export function invariantResponse(condition: unknown, message: string, status = 400): asserts condition {
  if (!condition) throw httpError(status, message);
}
