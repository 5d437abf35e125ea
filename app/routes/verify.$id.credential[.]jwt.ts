import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCertificate } from "~/certificates/certificate.server";
import { buildCredential, signCredential } from "~/certificates/credential.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { siteUrl } from "~/site";

/** The certificate as an Open Badges 3.0 credential, secured as a VC-JWT. */
export async function loader({ params }: LoaderFunctionArgs) {
  const c = await findCertificate(db, params.id ?? "");
  if (!c || c.status === "invalid") notFound("There is no certificate with this ID.");
  if (c.status === "revoked") throw new Response(`This certificate was revoked: ${c.revokedReason}`, { status: 410 });
  const jwt = await signCredential(db, buildCredential(c, siteUrl()));
  return new Response(jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="certificate-${c.id}.jwt"`,
      "Access-Control-Allow-Origin": "*",
    },
  });
}
