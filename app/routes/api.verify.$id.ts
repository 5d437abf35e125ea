import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCertificate } from "~/certificates/certificate.server";
import { siteUrl } from "~/certificates/site.server";
import { db } from "~/db/db.server";
import { retryAfter, tooManyMessage } from "~/http/errors.server";
import { throttleVerifyApi } from "~/security/rate-limit.server";

/** The verification API: the same facts as the verify page, as JSON. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const refusal = await throttleVerifyApi(db, context.clientIp);
  if (refusal) {
    const headers = { ...retryAfter(refusal), "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };
    return Response.json({ id: params.id, status: "rate-limited", message: tooManyMessage(refusal, "requests") }, { status: 429, headers });
  }
  const c = await findCertificate(db, params.id ?? "");
  if (!c) return Response.json({ id: params.id, status: "not-found", message: "There is no certificate with this ID." }, { status: 404 });
  const base = siteUrl(request);
  return Response.json(
    {
      id: c.id,
      status: c.status,
      valid: c.status === "valid",
      signature: { algorithm: "Ed25519", keyId: c.keyId, verified: c.signatureValid, jwks: `${base}/.well-known/jwks.json` },
      learnerName: c.learnerName,
      course: { title: c.courseTitle, url: `${base}/courses/${c.courseSlug}`, outcomes: c.outcomes },
      score: c.score,
      completedAt: c.completedAt.toISOString(),
      revoked: c.revokedAt ? { at: c.revokedAt.toISOString(), reason: c.revokedReason } : null,
      credential: `${base}/verify/${c.id}/credential.jwt`,
    },
    { headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" } },
  );
}
