import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { findCertificate } from "~/certificates/certificate.server";
import { SITE_NAME } from "~/site";
import { siteUrl } from "~/site";
import { db } from "~/db/db.server";
import { formatDate } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: `Your certificate · ${SITE_NAME}` }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const c = await findCertificate(db, params.id ?? "");
  if (!c || c.userId !== user.id) throw new Response("Not found", { status: 404 });
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
        <a href={`/certificates/${c.id}.pdf`} className="btn-primary" download>
          Download PDF
        </a>
        <Link to={`/verify/${c.id}`} className="btn-secondary">Open the public verify page</Link>
        <a href={c.linkedIn} className="btn-secondary" rel="noopener noreferrer" target="_blank">
          Add to LinkedIn profile
        </a>
        <a href={`/verify/${c.id}/credential.jwt`} className="btn-secondary" download>
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
