import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { findCertificate } from "~/certificates/certificate.server";
import { ACADEMY_NAME } from "~/certificates/academy";
import { db } from "~/db/db.server";
import { formatDate } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Certificate ${data.id} · ${ACADEMY_NAME}` : "No such certificate" },
  { name: "robots", content: "noindex" },
];


export async function loader({ params }: LoaderFunctionArgs) {
  const c = await findCertificate(db, params.id ?? "");
  if (!c) throw new Response("There is no certificate with this ID. Check the ID on the certificate and try again.", { status: 404 });
  // Only what the certificate itself states; nothing else about the learner.
  return {
    id: c.id,
    status: c.status,
    learnerName: c.learnerName,
    courseTitle: c.courseTitle,
    courseSlug: c.courseSlug,
    outcomes: c.outcomes,
    score: c.score,
    passMark: c.passMark,
    completedAt: c.completedAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokedReason: c.revokedReason,
    keyId: c.keyId,
  };
}

export default function VerifyPage() {
  const c = useLoaderData<typeof loader>();
  const tone = {
    valid: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
    revoked: "border-red-600 bg-red-50 dark:bg-red-950",
    invalid: "border-red-600 bg-red-50 dark:bg-red-950",
  }[c.status];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm font-semibold uppercase tracking-wide muted">Certificate verification</p>
      <div className={`mt-3 rounded-md border-l-4 p-5 ${tone}`} role="status">
        {c.status === "valid" && (
          <p className="text-2xl font-bold">✓ Valid certificate</p>
        )}
        {c.status === "revoked" && (
          <>
            <p className="text-2xl font-bold">✗ Revoked</p>
            <p className="mt-1">
              Revoked on {formatDate(c.revokedAt!)}. Reason: {c.revokedReason}
            </p>
          </>
        )}
        {c.status === "invalid" && <p className="text-2xl font-bold">✗ Not valid: the certificate's data does not match its signature</p>}
        <p className="mt-1 text-sm">
          Issued by {ACADEMY_NAME}; signed with Ed25519 key <code>{c.keyId}</code> (<Link to="/.well-known/jwks.json" reloadDocument>public keys</Link>).
        </p>
      </div>
      <dl className="mt-8 grid gap-x-6 gap-y-4 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">Awarded to</dt>
        <dd className="text-xl">{c.learnerName}</dd>
        <dt className="font-semibold">Course</dt>
        <dd>
          <Link to={`/courses/${c.courseSlug}`}>{c.courseTitle}</Link>
        </dd>
        <dt className="font-semibold">Completed on</dt>
        <dd>{formatDate(c.completedAt)}</dd>
        <dt className="font-semibold">Final score</dt>
        <dd>
          {c.score}% (pass mark {c.passMark}%)
        </dd>
        <dt className="font-semibold">Certificate ID</dt>
        <dd>
          <code>{c.id}</code>
        </dd>
      </dl>
      <h2 className="mt-10 text-xl font-bold">What the holder has shown they can do</h2>
      <ul className="mt-3 list-disc space-y-1 pl-6">
        {c.outcomes.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      <p className="mt-10 text-sm muted">
        Machine-readable: <Link to={`/api/verify/${c.id}`} reloadDocument>verification (JSON)</Link> ·{" "}
        <Link to={`/verify/${c.id}/credential.jwt`} reloadDocument>Open Badges 3.0 credential (VC-JWT)</Link>
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
