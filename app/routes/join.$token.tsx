import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/auth.server";
import { findInvitation, invitationState, joinCohort, type JoinResult } from "~/cohorts/invitations.server";
import { StatusErrorBoundary } from "~/components/error-page";
import { db } from "~/db/db.server";
import { httpError } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Join ${data.cohort.name}` : "Join a cohort") },
  { name: "robots", content: "noindex" },
];

const REFUSALS: Record<Exclude<JoinResult, { ok: true }>["reason"], [number, string]> = {
  unknown: [404, "This invitation link is not known. Check that it was copied completely, or ask for a new one."],
  expired: [410, "This invitation link has expired. Ask the person who sent it for a new one."],
  revoked: [410, "This invitation link was withdrawn. Ask the person who sent it for a new one."],
  "used-up": [410, "This invitation link has been used as often as it allows. Ask for a new one."],
  "wrong-account": [
    403,
    "This invitation was sent to another e-mail address. Log in with that address (or sign up with it) to join.",
  ],
};

const refuse = (reason: keyof typeof REFUSALS): never => {
  const [status, text] = REFUSALS[reason];
  throw httpError(status, text);
};

export async function loader({ context, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = (await findInvitation(db, token)) ?? refuse("unknown");
  const user = getUser(context);
  const isMember = user
    ? Boolean(
        await db.cohortMember.findUnique({
          where: { cohortId_userId: { cohortId: invitation.cohort.id, userId: user.id } },
          select: { role: true },
        }),
      )
    : false;
  const state = invitationState(invitation);
  if (state !== "valid" && !isMember) refuse(state);
  const courses = await db.course.findMany({
    where: { id: { in: invitation.cohort.courses.map((c) => c.courseId) } },
    select: { id: true, title: true },
  });
  const title = new Map(courses.map((c) => [c.id, c.title]));
  const here = paths.join(token);
  return {
    cohort: {
      name: invitation.cohort.name,
      organisation: invitation.cohort.organisation.name,
      startsAt: invitation.cohort.startsAt?.toISOString() ?? null,
      endsAt: invitation.cohort.endsAt?.toISOString() ?? null,
      courses: invitation.cohort.courses.flatMap((c) =>
        title.has(c.courseId) ? [{ title: title.get(c.courseId)!, dueAt: c.dueAt?.toISOString() ?? null }] : [],
      ),
    },
    personal: invitation.kind === "email",
    signedIn: user ? { name: user.name, email: user.email } : null,
    wrongAccount: Boolean(
      user && invitation.kind === "email" && invitation.email?.toLowerCase() !== user.email.toLowerCase(),
    ),
    isMember,
    logIn: paths.logIn(here),
    signUp: paths.signUp(here),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  await readForm(request);
  const result = await joinCohort(db, params.token ?? "", user);
  if (!result.ok) refuse(result.reason);
  throw redirect(paths.myLearning());
}

export default function Join() {
  const { cohort, personal, signedIn, wrongAccount, isMember, logIn, signUp } = useLoaderData<typeof loader>();
  const busy = useIsPending();
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <p className="muted">{cohort.organisation} invites you to join</p>
        <h1 className="text-3xl font-bold">{cohort.name}</h1>
        {(cohort.startsAt || cohort.endsAt) && (
          <p className="mt-1 muted">
            {cohort.startsAt && <>From {formatDate(cohort.startsAt)} </>}
            {cohort.endsAt && <>until {formatDate(cohort.endsAt)}</>}
          </p>
        )}
      </div>
      {cohort.courses.length > 0 && (
        <section aria-labelledby="join-courses">
          <h2 id="join-courses" className="text-xl font-semibold">
            Courses
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6">
            {cohort.courses.map((c) => (
              <li key={c.title}>
                {c.title}
                {c.dueAt && <span className="muted"> · due {formatDate(c.dueAt)}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {isMember ? (
        <p role="status">
          You are already in this cohort. Your courses are in <Link to={paths.myLearning()}>My learning</Link>.
        </p>
      ) : !signedIn ? (
        <div className="card space-y-3">
          <p>
            To join, create an account{personal ? " with the e-mail address this invitation was sent to" : ""} or log
            in. You will come back here afterwards.
          </p>
          <div className="flex flex-wrap gap-3">
            <Link to={signUp} className="btn-primary">
              Sign up to join
            </Link>
            <Link to={logIn} className="btn-secondary">
              Log in to join
            </Link>
          </div>
        </div>
      ) : wrongAccount ? (
        <p role="alert" className="field-error">
          This invitation was sent to another e-mail address than {signedIn.email}. Log in with that address to join.
        </p>
      ) : (
        <Form method="post" className="card space-y-3">
          <p>
            You are signed in as {signedIn.name} ({signedIn.email}). Joining enrols you in the cohort&apos;s courses.
          </p>
          <button type="submit" className="btn-primary" disabled={busy}>
            {busy ? "Joining…" : `Join ${cohort.name}`}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return (
    <StatusErrorBoundary
      overrides={{
        404: { title: "Unknown invitation", text: "This invitation link does not lead anywhere." },
        410: { title: "Invitation no longer valid", text: "This invitation link can no longer be used." },
        403: { title: "Not your invitation", text: "This invitation is for someone else." },
      }}
      action={{ to: paths.myLearning(), label: "Go to My learning" }}
    />
  );
}
