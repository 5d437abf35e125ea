// Pages that are the same for everyone who is signed out say so with `Cache-Control: public`: the
// server then renders them once, compresses them once and answers repeat visits with 304 (see
// scripts/public-cache.ts). Browsers revalidate every time (max-age=0), so a publication or a
// sign-in shows at once. A page for a signed-in person is never marked public.
import { data } from "@remix-run/node";
import { getUser, type Auth } from "~/auth/auth.server";

export const SAME_FOR_EVERYONE = "public, max-age=0, must-revalidate";

/** The loader's data, marked as the same for everyone when nobody is signed in. */
export function sameForEveryoneWhenSignedOut<T>(context: { auth?: Auth }, value: T) {
  return getUser(context) ? value : data(value, { headers: { "Cache-Control": SAME_FOR_EVERYONE } });
}
