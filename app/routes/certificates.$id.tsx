import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { findCertificate } from "~/certificates/certificate.server";
import { CopyLink } from "~/components/copy-link";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { formatDate, formatPercent } from "~/lib/format";
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
  return {
    id: c.id,
    courseTitle: c.courseTitle,
    score: c.score,
    status: c.status,
    completedAt: c.completedAt.toISOString(),
    revocation: c.revokedAt ? { at: c.revokedAt.toISOString(), reason: c.revokedReason } : null,
    verifyUrl,
    linkedIn: linkedIn.toString(),
  };
}

export default function MyCertificate() {
  const c = useLoaderData<typeof loader>();
  const header = (
    <>
      <h1 className="text-3xl font-bold">Your certificate</h1>
      <p className="mt-2 text-lg">{c.courseTitle}</p>
      <p className="muted">
        Completed {formatDate(c.completedAt)} with {formatPercent(c.score)} · ID{" "}
        <code className="whitespace-nowrap">{c.id}</code>
      </p>
    </>
  );
  if (c.status !== "valid") {
    // A certificate that is no longer valid is not shared: no PDF, no credential, no link to post.
    return (
      <div className="mx-auto max-w-2xl">
        {header}
        <div
          role="alert"
          className="mt-6 rounded-md border-l-4 border-red-600 bg-red-50 p-5 text-red-950 dark:bg-red-950 dark:text-red-50"
        >
          {c.revocation ? (
            <>
              <p className="text-xl font-bold">✗ This certificate was revoked on {formatDate(c.revocation.at)}.</p>
              <p className="mt-1">Reason: {c.revocation.reason}</p>
            </>
          ) : (
            <p className="text-xl font-bold">✗ This certificate is not valid: its data does not match its signature.</p>
          )}
          <p className="mt-2">
            It can no longer be shared or downloaded, and its public verify page tells anyone who checks it that it is
            not valid. If you think this is a mistake, contact the academy.
          </p>
        </div>
        <p className="mt-6">
          <Link to={paths.verify(c.id)}>See what the public verify page shows</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl">
      {header}
      <p className="mt-2 font-semibold text-emerald-800 dark:text-emerald-300">✓ Valid</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <a href={paths.certificatePdf(c.id)} className="btn-primary" download>
          Download PDF
        </a>
        <a href={c.linkedIn} className="btn-secondary" rel="noopener noreferrer" target="_blank">
          Add to LinkedIn profile
        </a>
        <a href={paths.credential(c.id)} className="btn-secondary" download>
          Open Badges credential
        </a>
        <Link to={paths.verify(c.id)} className="btn-secondary">
          Open the public verify page
        </Link>
      </div>
      <section aria-labelledby="share-heading" className="mt-8">
        <h2 id="share-heading" className="text-xl font-bold">
          Share it
        </h2>
        <p className="mt-1 text-sm muted">
          Give this link to an employer. It shows your name, the course, the date, your score and whether the
          certificate is still valid, and nothing else about you.
        </p>
        <div className="mt-3">
          <CopyLink url={c.verifyUrl} label="Verify link" />
        </div>
      </section>
    </div>
  );
}
