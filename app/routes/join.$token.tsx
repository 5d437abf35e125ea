import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { getUser, requireUser } from "~/auth/auth.server";
import { findInvitation, invitationState, joinCohort, type JoinResult } from "~/cohorts/invitations.server";
import { StatusErrorBoundary } from "~/components/error-page";
import { db } from "~/db/db.server";
import { httpError } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("org");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? data.title : "Join a cohort") },
  { name: "robots", content: "noindex" },
];

/** Each refusal's status and message (in the "org" namespace). */
const REFUSALS: Record<Exclude<JoinResult, { ok: true }>["reason"], [number, string]> = {
  unknown: [404, "join.refusals.unknown"],
  expired: [410, "join.refusals.expired"],
  revoked: [410, "join.refusals.revoked"],
  "used-up": [410, "join.refusals.usedUp"],
  "wrong-account": [403, "join.refusals.wrongAccount"],
};

const refuse = (t: TFunction, reason: keyof typeof REFUSALS): never => {
  const [status, key] = REFUSALS[reason];
  throw httpError(status, t(key));
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "org");
  const token = params.token ?? "";
  const invitation = (await findInvitation(db, token)) ?? refuse(t, "unknown");
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
  if (state !== "valid" && !isMember) refuse(t, state);
  const courses = await db.course.findMany({
    where: { id: { in: invitation.cohort.courses.map((c) => c.courseId) } },
    select: { id: true, title: true },
  });
  const title = new Map(courses.map((c) => [c.id, c.title]));
  const here = paths.join(token);
  return {
    title: t("join.title", { cohort: invitation.cohort.name }),
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
  await readForm({ request, context });
  const result = await joinCohort(db, params.token ?? "", user, new Date(), context.clientIp);
  if (!result.ok) refuse((await requestTranslator({ request, context }, "org")).t, result.reason);
  throw redirect(paths.myLearning());
}

export default function Join() {
  const { cohort, personal, signedIn, wrongAccount, isMember, logIn, signUp } = useLoaderData<typeof loader>();
  const busy = useIsPending();
  const { t } = useTranslation("org");
  const format = useFormat();
  const start = cohort.startsAt && format.date(cohort.startsAt);
  const end = cohort.endsAt && format.date(cohort.endsAt);
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <div>
        <p className="muted">{t("join.invites", { organisation: cohort.organisation })}</p>
        <h1 className="text-3xl font-bold">{cohort.name}</h1>
        {(start || end) && (
          <p className="mt-1 muted">
            {start && end
              ? t("join.period.both", { start, end })
              : start
                ? t("join.period.from", { start })
                : t("join.period.until", { end })}
          </p>
        )}
      </div>
      {cohort.courses.length > 0 && (
        <section aria-labelledby="join-courses">
          <h2 id="join-courses" className="text-xl font-semibold">
            {t("join.courses")}
          </h2>
          <ul className="mt-2 list-disc space-y-1 ps-6">
            {cohort.courses.map((c) => (
              <li key={c.title}>
                {c.title}
                {c.dueAt && <span className="muted"> · {t("join.due", { date: format.date(c.dueAt) })}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {isMember ? (
        <p role="status">
          <Trans t={t} i18nKey="join.alreadyMember" components={{ a: <Link to={paths.myLearning()} /> }} />
        </p>
      ) : !signedIn ? (
        <div className="card space-y-3">
          <p>{personal ? t("join.signInFirstPersonal") : t("join.signInFirst")}</p>
          <div className="flex flex-wrap gap-3">
            <Link to={signUp} className="btn-primary">
              {t("join.signUp")}
            </Link>
            <Link to={logIn} className="btn-secondary">
              {t("join.logIn")}
            </Link>
          </div>
        </div>
      ) : wrongAccount ? (
        <p role="alert" className="field-error">
          {t("join.wrongAccount", { email: signedIn.email })}
        </p>
      ) : (
        <Form method="post" className="card space-y-3">
          <p>{t("join.signedInAs", { name: signedIn.name, email: signedIn.email })}</p>
          <button type="submit" className="btn-primary" disabled={busy}>
            {busy ? t("join.joining") : t("join.submit", { cohort: cohort.name })}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("org");
  return (
    <StatusErrorBoundary
      overrides={{
        404: { title: t("join.errorPage.unknownTitle"), text: t("join.errorPage.unknownText") },
        410: { title: t("join.errorPage.goneTitle"), text: t("join.errorPage.goneText") },
        403: { title: t("join.errorPage.notYoursTitle"), text: t("join.errorPage.notYoursText") },
      }}
      action={{ to: paths.myLearning(), label: t("join.errorPage.action") }}
    />
  );
}
