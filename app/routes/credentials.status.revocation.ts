import { buildStatusListCredential, signCredential, STATUS_LIST_TTL_SECONDS } from "~/certificates/credential.server";
import { db } from "~/db/db.server";
import { siteUrl } from "~/site";

/** The revocation status list (W3C Bitstring Status List) that certificate credentials point to, as a VC-JWT. */
export async function loader() {
  const jwt = await signCredential(db, await buildStatusListCredential(db, siteUrl()));
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Cache-Control": `public, max-age=${STATUS_LIST_TTL_SECONDS}`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
