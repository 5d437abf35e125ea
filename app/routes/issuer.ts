import type { LoaderFunctionArgs } from "@remix-run/node";
import { issuerProfile } from "~/certificates/credential.server";
import { siteUrl } from "~/certificates/site.server";

/** The Open Badges issuer profile, at the stable address credentials name as their issuer. */
export async function loader({ request }: LoaderFunctionArgs) {
  return Response.json(issuerProfile(siteUrl(request)), { headers: { "Access-Control-Allow-Origin": "*" } });
}
