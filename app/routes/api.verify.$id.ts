import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCertificate } from "~/certificates/certificate.server";
import { siteUrl } from "~/certificates/site.server";
import { verificationReport } from "~/certificates/verification.server";
import { db } from "~/db/db.server";

/** The verification API: the same facts as the verify page, as JSON. */
export async function loader({ params }: LoaderFunctionArgs) {
  const c = await findCertificate(db, params.id ?? "");
  if (!c) return Response.json({ id: params.id, status: "not-found", message: "There is no certificate with this ID." }, { status: 404 });
  return Response.json(verificationReport(c, siteUrl()), { headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" } });
}
