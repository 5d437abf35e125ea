import { issuerProfile } from "~/certificates/credential.server";
import { siteUrl } from "~/site";

/** The Open Badges issuer profile, at the stable address credentials name as their issuer. */
export async function loader() {
  return Response.json(issuerProfile(siteUrl()), { headers: { "Access-Control-Allow-Origin": "*" } });
}
