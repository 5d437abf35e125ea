import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { findCertificate } from "~/certificates/certificate.server";
import { siteUrl } from "~/site";
import { verificationReport } from "~/certificates/verification.server";
import { SITE_NAME } from "~/site";
import { db } from "~/db/db.server";
import { formatDate } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificate ${data.id} · ${SITE_NAME}` : "No such certificate" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const c = await findCertificate(db, params.id ?? "");
  if (!c) throw new Response("There is no certificate with this ID. Check the ID on the certificate and try again.", { status: 404 });
  // Only what the certificate itself states, the catalogue's note where it states less, and its status.
  return verificationReport(c, siteUrl());
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
        {r.status === "invalid" && <p className="text-2xl font-bold">✗ Not valid: the certificate's data does not match its signature</p>}
        <p className="mt-1 text-sm">
          Issued by {SITE_NAME}; signed with Ed25519 key <code>{r.signature.keyId}</code> (<Link to="/.well-known/jwks.json" reloadDocument>public keys</Link>).
          {r.revocation.statusList && (
            <>
              {" "}Revocation is also published in the academy's <a href={r.revocation.statusList.url}>status list</a> (entry {r.revocation.statusList.index}).
            </>
          )}
        </p>
      </div>
      <h2 className="mt-8 text-xl font-bold">{r.certified ? "Certified by the signature" : "Data on record (not certified: it does not match the signature)"}</h2>
      <dl className="mt-3 grid gap-x-6 gap-y-4 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">Awarded to</dt>
        <dd className="text-xl">{facts.learnerName}</dd>
        <dt className="font-semibold">Course</dt>
        <dd>
          <Link to={`/courses/${facts.course.slug}`}>{facts.course.title}</Link>
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
          {facts.score}%{facts.passMark != null && ` (pass mark ${facts.passMark}%)`}
        </dd>
        <dt className="font-semibold">Certificate ID</dt>
        <dd>
          <code>{r.id}</code>
        </dd>
      </dl>
      <h3 className="mt-8 text-lg font-bold">What the holder has shown they can do</h3>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        {facts.course.outcomes.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      {r.catalogue && (
        <section aria-labelledby="catalogue-heading" className="mt-8 rounded-md border border-slate-300 p-4 dark:border-slate-600">
          <h2 id="catalogue-heading" className="text-lg font-bold">Current catalogue information</h2>
          <p className="mt-1 text-sm muted">{r.catalogue.note}</p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
            <dt className="font-semibold">Pass mark today</dt>
            <dd>{r.catalogue.passMark}%</dd>
            <dt className="font-semibold">About the course</dt>
            <dd>{r.catalogue.courseSummary}</dd>
          </dl>
        </section>
      )}
      <p className="mt-10 text-sm muted">
        Machine-readable: <Link to={`/api/verify/${r.id}`} reloadDocument>verification (JSON)</Link> ·{" "}
        <Link to={`/verify/${r.id}/credential.jwt`} reloadDocument>Open Badges 3.0 credential (VC-JWT)</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const missing = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-3xl font-bold">{missing ? "No such certificate" : "We could not check this certificate"}</h1>
      <p className="mt-4 muted">
        {missing
          ? "There is no certificate with this ID. Check the ID on the certificate and try again."
          : "Something went wrong on our side. Please try again in a moment."}
      </p>
      <p className="mt-8">
        <Link to="/verify" className="btn-primary">Enter an ID</Link>
      </p>
    </div>
  );
}
