import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCertificate } from "~/certificates/certificate.server";
import { verificationReport } from "~/certificates/verification.server";
import { db } from "~/db/db.server";
import { retryAfter, tooManyMessage } from "~/http/errors.server";
import { translator } from "~/i18n/i18n.server";
import { throttleVerifyApi } from "~/security/rate-limit.server";
import { siteUrl } from "~/site";

/** The verification API: the same facts as the verify page, as JSON. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const refusal = await throttleVerifyApi(db, context.clientIp);
  if (refusal) {
    const headers = { ...retryAfter(refusal), "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };
    return Response.json(
      { id: params.id, status: "rate-limited", message: tooManyMessage(translator("en"), refusal, "requests") },
      { status: 429, headers },
    );
  }
  const c = await findCertificate(db, params.id ?? "");
  if (!c)
    return Response.json(
      { id: params.id, status: "not-found", message: "There is no certificate with this ID." },
      { status: 404 },
    );
  return Response.json(verificationReport(c, siteUrl()), {
    headers: { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  });
}
