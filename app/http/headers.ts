import type { HeadersFunction } from "@remix-run/node";

// Remix drops a loader's or action's headers from page responses unless the route passes them on.
// Routes that answer 429 or 503 export this as `headers` so that the Retry-After header reaches the
// client; the root exports it too, for errors thrown by any route. Routes whose loader may mark the
// page as the same for everyone (app/http/cache.server.ts) export `passCacheControl`, which does both.
export const passRetryAfter: HeadersFunction = ({ errorHeaders, actionHeaders, loaderHeaders }) => {
  const out = new Headers();
  for (const h of [errorHeaders, actionHeaders, loaderHeaders]) {
    const value = h?.get("Retry-After");
    if (value) {
      out.set("Retry-After", value);
      break;
    }
  }
  return out;
};

export const passCacheControl: HeadersFunction = (args) => {
  const out = new Headers(passRetryAfter(args));
  const cacheControl = args.errorHeaders ? null : args.loaderHeaders.get("Cache-Control");
  if (cacheControl) out.set("Cache-Control", cacheControl);
  return out;
};

/** Adds request header names to a response's `Vary`, once each (a `Vary: *` stays as it is). */
export function addVary(headers: Headers, names: readonly string[]): void {
  const present = new Set(
    (headers.get("Vary") ?? "")
      .split(",")
      .map((v) => v.trim().toLowerCase())
      .filter(Boolean),
  );
  if (present.has("*")) return;
  for (const name of names) if (!present.has(name.toLowerCase())) headers.append("Vary", name);
}
