import type { HeadersFunction } from "@remix-run/node";

// Remix drops a loader's or action's headers from page responses unless the route passes them on.
// Routes that answer 429 or 503 export this as `headers` so that the Retry-After header reaches the
// client; the root exports it too, for errors thrown by any route.
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
