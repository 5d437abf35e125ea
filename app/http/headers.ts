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
