import { publicJwks } from "~/certificates/keys.server";
import { db } from "~/db/db.server";

/** The public keys that sign certificates and credentials, current and retired. */
export async function loader() {
  return Response.json(await publicJwks(db), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
