// Small helpers that turn refusals into HTTP responses. Only routes and these helpers speak HTTP;
// domain modules throw their own errors, which the helpers here translate.
import { PasswordWorkBusyError } from "~/auth/password.server";

/** A plain-text 4xx/5xx Response with a reason a person can read; throw it from a loader or action. */
export function badRequest(status: number, reason: string, headers: HeadersInit = {}): Response {
  return new Response(reason, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

/** Waits for `work`; when the password hasher is saturated, throws a 503 with Retry-After instead of failing with a 500. */
export async function unlessBusy<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof PasswordWorkBusyError) {
      throw badRequest(503, e.message, { "Retry-After": String(e.retryAfterSeconds) });
    }
    throw e;
  }
}

/** The Retry-After header for a refusal that can be retried later. */
export function retryAfter(refusal: { retryAfterSeconds: number }): Record<string, string> {
  return { "Retry-After": String(refusal.retryAfterSeconds) };
}

/** "Too many attempts" in words, with how long to wait. */
export function tooManyMessage(refusal: { retryAfterSeconds: number }, what = "attempts"): string {
  const s = refusal.retryAfterSeconds;
  const wait = s < 60 ? `${s} second${s === 1 ? "" : "s"}` : `${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? "" : "s"}`;
  return `Too many ${what}. Please wait ${wait} and try again.`;
}
