import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { findCertificate } from "~/certificates/certificate.server";
import { verificationReport } from "~/certificates/verification.server";
import { CopyLink } from "~/components/copy-link";
import { StatusErrorBoundary } from "~/components/error-page";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { formatDate, formatPercent } from "~/lib/format";
import { paths } from "~/paths";
import { SITE_NAME, siteUrl } from "~/site";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificate ${data.id} · ${SITE_NAME}` : "No such certificate" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const c = await findCertificate(db, params.id ?? "");
  if (!c) notFound("There is no certificate with this ID. Check the ID on the certificate and try again.");
  // Only what the certificate itself states, the catalogue's note where it states less, and its status.
  return { ...verificationReport(c, siteUrl()), verifyUrl: `${siteUrl()}/verify/${c.id}` };
}

export default function VerifyPage() {
  const r = useLoaderData<typeof loader>();
  const facts = r.certified ?? r.unverifiedRecord!;
  const tone = {
    valid: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
    revoked: "border-red-600 bg-red-50 dark:bg-red-950",
    invalid: "border-red-600 bg-red-50 dark:bg-red-950",
  }[r.status];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm font-semibold uppercase tracking-wide muted">Certificate verification</p>
      <div className={`mt-3 rounded-md border-l-4 p-5 ${tone}`} role="status">
        <p className="text-sm font-semibold">Status, checked now</p>
        {r.status === "valid" && <p className="text-2xl font-bold">✓ Valid certificate</p>}
        {r.status === "revoked" && (
          <>
            <p className="text-2xl font-bold">✗ Revoked</p>
            <p className="mt-1">
              Revoked on {formatDate(r.revocation.at!)}. Reason: {r.revocation.reason}
            </p>
          </>
        )}
        {r.status === "invalid" && (
          <p className="text-2xl font-bold">✗ Not valid: the certificate&apos;s data does not match its signature</p>
        )}
        <p className="mt-1 text-sm">
          Issued by {SITE_NAME} and digitally signed, so that anyone can check it has not been altered.
        </p>
      </div>
      <h2 className="mt-8 text-xl font-bold">
        {r.certified ? "Certified by the signature" : "Data on record (not certified: it does not match the signature)"}
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-4 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">Awarded to</dt>
        <dd className="text-xl">{facts.learnerName}</dd>
        <dt className="font-semibold">Course</dt>
        <dd>
          <Link to={paths.course(facts.course)}>{facts.course.title}</Link>
        </dd>
        {facts.courseSummary != null && (
          <>
            <dt className="font-semibold">About the course</dt>
            <dd>{facts.courseSummary}</dd>
          </>
        )}
        <dt className="font-semibold">Completed on</dt>
        <dd>{formatDate(facts.completedAt)}</dd>
        <dt className="font-semibold">Final score</dt>
        <dd>
          {formatPercent(facts.score)}
          {facts.passMark != null && ` (pass mark ${formatPercent(facts.passMark)})`}
        </dd>
        <dt className="font-semibold">Certificate ID</dt>
        <dd>
          <code className="whitespace-nowrap">{r.id}</code>
        </dd>
      </dl>
      <h3 className="mt-8 text-lg font-bold">What the holder has shown they can do</h3>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        {facts.course.outcomes.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      {r.catalogue && (
        <section
          aria-labelledby="catalogue-heading"
          className="mt-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
        >
          <h2 id="catalogue-heading" className="text-lg font-bold">
            Current catalogue information
          </h2>
          <p className="mt-1 text-sm muted">{r.catalogue.note}</p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
            <dt className="font-semibold">Pass mark today</dt>
            <dd>{formatPercent(r.catalogue.passMark)}</dd>
            <dt className="font-semibold">About the course</dt>
            <dd>{r.catalogue.courseSummary}</dd>
          </dl>
        </section>
      )}
      {r.status === "valid" && (
        <div className="mt-8">
          <CopyLink url={r.verifyUrl} label="Link to this page" />
        </div>
      )}
      <details className="mt-8 rounded-md border border-slate-300 dark:border-slate-600">
        <summary className="cursor-pointer p-3 font-semibold">Technical details</summary>
        <dl className="grid gap-x-6 gap-y-2 border-t border-slate-200 p-3 text-sm sm:grid-cols-[12rem_1fr] dark:border-slate-700">
          <dt className="font-semibold">Signature</dt>
          <dd>
            Ed25519 (EdDSA), key <code className="break-all">{r.signature.keyId}</code>
          </dd>
          <dt className="font-semibold">Public keys</dt>
          <dd>
            <Link to={paths.jwks()} reloadDocument>
              JSON Web Key Set (JWKS)
            </Link>
          </dd>
          {r.revocation.statusList && (
            <>
              <dt className="font-semibold">Revocation</dt>
              <dd>
                Published in the academy&apos;s <a href={r.revocation.statusList.url}>status list</a> (entry{" "}
                {r.revocation.statusList.index})
              </dd>
            </>
          )}
          {r.courseVersion !== null && (
            <>
              <dt className="font-semibold">Course version</dt>
              <dd>Earned on version {r.courseVersion} of the course</dd>
            </>
          )}
          <dt className="font-semibold">Formats</dt>
          <dd>
            <Link to={paths.verifyApi(r.id)} reloadDocument>
              Verification (JSON)
            </Link>{" "}
            ·{" "}
            <Link to={paths.credential(r.id)} reloadDocument>
              Open Badges 3.0 credential (VC-JWT)
            </Link>
          </dd>
        </dl>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <StatusErrorBoundary
      overrides={{
        404: {
          title: "No such certificate",
          text: "There is no certificate with this ID. Check the ID on the certificate and try again.",
        },
        unexpected: {
          title: "We could not check this certificate",
          text: "Something went wrong on our side. Please try again in a moment.",
        },
      }}
      action={{ to: paths.verifyForm(), label: "Enter an ID" }}
    />
  );
}
