import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { cohortsOf, createCohort } from "~/cohorts/cohorts.server";
import { CohortSettingsFields } from "~/cohorts/fields";
import { cohortInput, cohortSchema } from "~/cohorts/forms";
import { ScrollRegion } from "~/components/scroll-region";
import { db } from "~/db/db.server";
import { httpError } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useFormat } from "~/lib/use-format";
import { orgActor, requireOrganisationMember } from "~/organisations/access.server";
import { ORG_ROLE_LABELS } from "~/organisations/labels";
import { changeMemberRole, membersOf, removeMember } from "~/organisations/organisations.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("org");

/** Trans options for values that are text (names), never markup. */
const AS_TEXT = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.organisation.name) }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const me = await requireOrganisationMember(request, context, params.slug);
  const org = me.organisation;
  const cohorts = await cohortsOf(db, org.id, me.manages ? undefined : { userId: me.user.id });
  const members = me.manages ? await membersOf(db, org.id) : [];
  return {
    organisation: { ...org, path: paths.organisation(org) },
    role: me.role,
    manages: me.manages,
    actsAsOwner: me.role === "owner" || me.platformAdmin,
    me: me.user.id,
    cohorts: cohorts.map((c) => ({
      ...c,
      startsAt: c.startsAt?.toISOString() ?? null,
      endsAt: c.endsAt?.toISOString() ?? null,
      // Only the cohort's staff open its page; learners find their courses in My learning.
      path: me.manages || c.myRole === "instructor" ? paths.cohort(org, c) : null,
    })),
    members: members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
  };
}

const MemberSchema = z.object({
  intent: z.enum(["change-role", "remove-member"]),
  userId: z.string().trim().min(1).max(100),
  role: z.string().trim().max(20).optional(),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const me = await requireOrganisationMember(request, context, params.slug);
  const { t } = await requestTranslator({ request, context }, "org");
  if (!me.manages) throw httpError(403, t("organisation.errors.notManager"));
  const form = await readForm({ request, context });
  if (form.get("intent") === "create-cohort") {
    const submission = parseWithZod(form, { schema: cohortSchema(t) });
    if (submission.status !== "success")
      return data({ intent: "create-cohort" as const, result: submission.reply(), message: null }, 400);
    const cohort = await createCohort(db, me.organisation.id, cohortInput(submission.value));
    throw redirect(paths.cohort(me.organisation, cohort));
  }
  const parsed = MemberSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw httpError(400, t("organisation.errors.chooseMember"));
  const actor = { role: me.role, platformAdmin: me.platformAdmin, audit: orgActor(me, context.clientIp) };
  const outcome =
    parsed.data.intent === "change-role"
      ? await changeMemberRole(db, me.organisation.id, actor, parsed.data.userId, parsed.data.role ?? "")
      : await removeMember(db, me.organisation.id, actor, parsed.data.userId);
  if (!outcome.ok)
    return data({ intent: "member" as const, result: null, message: say(t, outcome.reason), error: true }, 400);
  return data(
    {
      intent: "member" as const,
      result: null,
      message:
        parsed.data.intent === "change-role" ? t("organisation.members.changed") : t("organisation.members.removed"),
      error: false,
    },
    200,
  );
}

export default function OrganisationPage() {
  const { organisation, role, manages, actsAsOwner, me, cohorts, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("org");
  const format = useFormat();
  const roleLabel = (r: string) => t(`roles.${r}`, { defaultValue: r });
  const [form, fields] = useForm<z.input<ReturnType<typeof cohortSchema>>>({
    id: "create-cohort",
    lastResult: actionData?.intent === "create-cohort" ? actionData.result : undefined,
    defaultValue: { inactivityDays: 14 },
  });
  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link to={paths.organisations()}>{t("organisation.breadcrumb")}</Link>
        </p>
        <h1 className="text-3xl font-bold">{organisation.name}</h1>
        {role && <p className="mt-1 muted">{t("organisation.yourRole", { role: roleLabel(role) })}</p>}
        {manages && (
          <p className="mt-2">
            <Link to={paths.organisationAudit(organisation)}>{t("organisation.auditLink")}</Link>
          </p>
        )}
      </div>

      <section aria-labelledby="cohorts-heading">
        <h2 id="cohorts-heading" className="text-2xl font-bold">
          {manages ? t("organisation.cohorts.heading") : t("organisation.cohorts.headingMine")}
        </h2>
        {cohorts.length === 0 ? (
          <p className="mt-3">{manages ? t("organisation.cohorts.empty") : t("organisation.cohorts.emptyMine")}</p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2">
            {cohorts.map((c) => (
              <li key={c.id} className="card space-y-1">
                <h3 className="text-lg font-semibold">{c.path ? <Link to={c.path}>{c.name}</Link> : c.name}</h3>
                <p className="text-sm muted">
                  {[
                    t("organisation.cohorts.learners", { count: c.learners }),
                    t("organisation.cohorts.courses", { count: c.courses }),
                    c.startsAt && t("organisation.cohorts.from", { date: format.date(c.startsAt, "medium") }),
                    c.endsAt && t("organisation.cohorts.until", { date: format.date(c.endsAt, "medium") }),
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                {!c.path && (
                  <p className="text-sm">
                    <Trans
                      t={t}
                      i18nKey="organisation.cohorts.inMyLearning"
                      components={{ a: <Link to={paths.myLearning()} /> }}
                    />
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {manages && (
        <section aria-labelledby="new-cohort-heading" className="max-w-md">
          <h2 id="new-cohort-heading" className="text-2xl font-bold">
            {t("organisation.newCohort.heading")}
          </h2>
          <Form method="post" className="mt-4 space-y-5" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="create-cohort" />
            <CohortSettingsFields fields={fields} />
            <button type="submit" className="btn-primary">
              {t("organisation.newCohort.submit")}
            </button>
          </Form>
        </section>
      )}

      {manages && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading" className="text-2xl font-bold">
            {t("organisation.members.heading")}
          </h2>
          {actionData?.intent === "member" && actionData.message && (
            <p role={actionData.error ? "alert" : "status"} className={actionData.error ? "field-error mt-2" : "mt-2"}>
              {actionData.message}
            </p>
          )}
          <ScrollRegion
            label={t("organisation.members.caption", { organisation: organisation.name })}
            className="relative mt-4"
          >
            <table className="w-full text-start text-sm">
              <caption className="sr-only">
                {t("organisation.members.caption", { organisation: organisation.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="py-2 pe-4">
                    {t("organisation.members.name")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("organisation.members.email")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("organisation.members.role")}
                  </th>
                  <th scope="col" className="py-2">
                    <span className="sr-only">{t("organisation.members.remove")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => {
                  const locked = m.role === "owner" && !actsAsOwner;
                  const roles = Object.keys(ORG_ROLE_LABELS).filter((r) => actsAsOwner || r !== "owner");
                  return (
                    <tr key={m.id} className="border-t border-slate-200 dark:border-slate-700">
                      <td className="py-2 pe-4">
                        {m.id === me ? t("organisation.members.you", { name: m.name }) : m.name}
                      </td>
                      <td className="py-2 pe-4">{m.email}</td>
                      <td className="py-2 pe-4">
                        {locked ? (
                          roleLabel(m.role)
                        ) : (
                          <Form method="post" className="flex flex-wrap items-center gap-2">
                            <input type="hidden" name="intent" value="change-role" />
                            <input type="hidden" name="userId" value={m.id} />
                            <label htmlFor={`role-${m.id}`} className="sr-only">
                              {t("organisation.members.roleOf", { name: m.name })}
                            </label>
                            <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="field-input">
                              {roles.map((r) => (
                                <option key={r} value={r}>
                                  {roleLabel(r)}
                                </option>
                              ))}
                            </select>
                            <button type="submit" className="btn-secondary px-3 py-1">
                              <Trans
                                t={t}
                                i18nKey="organisation.members.changeRole"
                                values={{ name: m.name }}
                                {...AS_TEXT}
                                components={{ sr: <span className="sr-only" /> }}
                              />
                            </button>
                          </Form>
                        )}
                      </td>
                      <td className="py-2">
                        {!locked && (
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove-member" />
                            <input type="hidden" name="userId" value={m.id} />
                            <button type="submit" className="btn-secondary px-3 py-1">
                              <Trans
                                t={t}
                                i18nKey="organisation.members.removeMember"
                                values={{ name: m.name }}
                                {...AS_TEXT}
                                components={{ sr: <span className="sr-only" /> }}
                              />
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
          <p className="mt-3 text-sm muted">{t("organisation.members.note")}</p>
        </section>
      )}
    </div>
  );
}
