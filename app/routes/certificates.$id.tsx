import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { findCertificate } from "~/certificates/certificate.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { formatDate } from "~/lib/format";
import { paths } from "~/paths";
import { SITE_NAME, pageTitle, siteUrl } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Your certificate") }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const c = await findCertificate(db, params.id ?? "");
  if (!c || c.userId !== user.id) notFound("There is no certificate of yours at this address.");
  const verifyUrl = `${siteUrl()}/verify/${c.id}`;
  const linkedIn = new URL("https://www.linkedin.com/profile/add");
  linkedIn.search = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.courseTitle,
    organizationName: SITE_NAME,
    issueYear: String(c.completedAt.getUTCFullYear()),
    issueMonth: String(c.completedAt.getUTCMonth() + 1),
    certUrl: verifyUrl,
    certId: c.id,
  }).toString();
  return { id: c.id, courseTitle: c.courseTitle, score: c.score, status: c.status, completedAt: c.completedAt.toISOString(), verifyUrl, linkedIn: linkedIn.toString() };
}

export default function MyCertificate() {
  const c = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-3xl font-bold">Your certificate</h1>
      <p className="mt-2 text-lg">{c.courseTitle}</p>
      <p className="muted">
        Completed {formatDate(c.completedAt)} with {c.score}% · ID <code>{c.id}</code>
        {c.status !== "valid" && <strong> · {c.status}</strong>}
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <a href={paths.certificatePdf(c.id)} className="btn-primary" download>
          Download PDF
        </a>
        <Link to={paths.verify(c.id)} className="btn-secondary">Open the public verify page</Link>
        <a href={c.linkedIn} className="btn-secondary" rel="noopener noreferrer" target="_blank">
          Add to LinkedIn profile
        </a>
        <a href={paths.credential(c.id)} className="btn-secondary" download>
          Open Badges credential
        </a>
      </div>
      <p className="mt-6 text-sm muted">
        Share the verify link with an employer: <code className="break-all">{c.verifyUrl}</code>. It shows your name, the course, the date, your
        score and whether the certificate is still valid, and nothing else about you.
      </p>
    </div>
  );
}
