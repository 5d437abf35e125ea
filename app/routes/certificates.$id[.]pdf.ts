import type { LoaderFunctionArgs } from "@remix-run/node";
import { hasRole, requireUser } from "~/auth/auth.server";
import { findCertificate } from "~/certificates/certificate.server";
import { certificatePdf } from "~/certificates/pdf.server";
import { findCourse } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { paths } from "~/paths";
import { siteUrl } from "~/site";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const c = await findCertificate(db, params.id ?? "");
  if (!c || (c.userId !== user.id && !hasRole(user, "admin")))
    notFound("There is no certificate of yours at this address.");
  const pdf = await certificatePdf(c, siteUrl() + paths.verify(c.id), findCourse(c.courseSlug)?.estimatedMinutes);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${c.id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
