import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import type { z } from "zod";
import {
  addToCohort,
  assignableCourses,
  cohortDetail,
  findOrganisationMemberByEmail,
  removeFromCohort,
  setCohortCourses,
  updateCohort,
} from "~/cohorts/cohorts.server";
import { CohortSettingsFields } from "~/cohorts/fields";
import { addMemberSchema, cohortInput, cohortSchema, dateValue, endOfDay, optionalDate } from "~/cohorts/forms";
import { Field, SelectField } from "~/components/field";
import { db } from "~/db/db.server";
import { httpError } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { requireCohortManager, requireCohortStaff } from "~/organisations/access.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("org");

/** Trans options for values that are text (names), never markup. */
const AS_TEXT = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.cohort.name, data?.organisation.name) },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort, as } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  const [detail, catalogue] = await Promise.all([
    cohortDetail(db, cohort.id),
    as === "manager" ? assignableCourses(db) : Promise.resolve([]),
  ]);
  const assigned = new Map(detail.courses.map((c) => [c.id, c]));
  return {
    organisation: { ...organisation, path: paths.organisation(organisation) },
    as,
    cohort: {
      id: detail.id,
      name: detail.name,
      startsAt: dateValue(detail.startsAt),
      endsAt: dateValue(detail.endsAt),
      inactivityDays: detail.inactivityDays,
    },
    links: {
      invitations: paths.cohortInvitations(organisation, cohort),
      dashboard: paths.cohortDashboard(organisation, cohort),
    },
    courses: detail.courses.map((c) => ({ id: c.id, title: c.title, dueAt: c.dueAt?.toISOString() ?? null })),
    catalogue: catalogue.map((c) => ({
      id: c.id,
      title: c.title,
      assigned: assigned.has(c.id),
      due: dateValue(assigned.get(c.id)?.dueAt),
    })),
    members: detail.members.map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role })),
  };
}

type Reply = {
  intent: string;
  result?: SubmissionResult<string[]>;
  message?: string;
  error?: boolean;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { organisation, cohort } = await requireCohortManager(request, context, params.slug, params.cohortId);
  // The courses form has a checkbox and a due date per course of the catalogue.
  const form = await readForm({ request, context }, { maxFields: 2000 });
  const intent = String(form.get("intent") ?? "");
  const reply = (r: Reply, status = 200) => data(r, status);
  const { t } = await requestTranslator({ request, context }, "org");

  if (intent === "settings") {
    const submission = parseWithZod(form, { schema: cohortSchema(t) });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    await updateCohort(db, cohort.id, cohortInput(submission.value));
    return reply({ intent, result: submission.reply(), message: t("cohort.settings.saved") });
  }
  if (intent === "courses") {
    const ids = form.getAll("course").map(String).slice(0, 500);
    const chosen: { courseId: string; dueAt: Date | null }[] = [];
    for (const id of ids) {
      const due = String(form.get(`due-${id}`) ?? "");
      if (!optionalDate(t).safeParse(due).success)
        return reply(
          { intent, message: t("cohort.courses.badDueDate", { value: due.slice(0, 20) }), error: true },
          400,
        );
      chosen.push({ courseId: id, dueAt: endOfDay(due) });
    }
    const count = await setCohortCourses(db, cohort.id, chosen);
    return reply({ intent, message: t("cohort.courses.assigned", { count }) });
  }
  if (intent === "add-member") {
    const submission = parseWithZod(form, { schema: addMemberSchema(t) });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    const person = await findOrganisationMemberByEmail(db, organisation.id, submission.value.email);
    if (!person)
      return reply(
        {
          intent,
          result: submission.reply({
            fieldErrors: {
              email: [t("cohort.add.unknownEmail")],
            },
          }),
        },
        400,
      );
    await addToCohort(db, { id: cohort.id, organisationId: organisation.id }, person.id, submission.value.role);
    return reply({
      intent,
      result: submission.reply({ resetForm: true }),
      message: t("cohort.add.added", { name: person.name }),
    });
  }
  if (intent === "remove-member") {
    const userId = String(form.get("userId") ?? "");
    await removeFromCohort(db, cohort.id, userId);
    return reply({ intent, message: t("cohort.people.removed") });
  }
  throw httpError(400, t("cohort.errors.chooseChange"));
}

export default function CohortPage() {
  const { organisation, as, cohort, links, courses, catalogue, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const manager = as === "manager";
  const { t } = useTranslation("org");
  const format = useFormat();
  const [settingsForm, settings] = useForm<z.input<ReturnType<typeof cohortSchema>>>({
    id: "settings",
    lastResult: actionData?.intent === "settings" ? actionData.result : undefined,
    defaultValue: cohort,
  });
  const [memberForm, member] = useForm<z.input<ReturnType<typeof addMemberSchema>>>({
    id: "add-member",
    lastResult: actionData?.intent === "add-member" ? actionData.result : undefined,
    defaultValue: { role: "learner" },
  });
  // The answer to the last action, shown next to the form it came from (`noticeFor`).
  const noticeFor = actionData?.message ? actionData.intent : null;
  const notice = actionData?.message ? (
    <p role={actionData.error ? "alert" : "status"} className={actionData.error ? "field-error" : ""}>
      {actionData.message}
    </p>
  ) : null;
  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link to={organisation.path}>{organisation.name}</Link>
        </p>
        <h1 className="text-3xl font-bold">{cohort.name}</h1>
        <nav aria-label={t("cohort.nav")} className="mt-3 flex flex-wrap gap-3">
          <Link to={links.dashboard} className="btn-primary">
            {t("cohort.dashboard")}
          </Link>
          <Link to={links.invitations} className="btn-secondary">
            {t("cohort.invitations")}
          </Link>
        </nav>
      </div>

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading" className="text-2xl font-bold">
          {t("cohort.courses.heading")}
        </h2>
        {noticeFor === "courses" && notice}
        {manager ? (
          <Form method="post" className="mt-4 space-y-4">
            <input type="hidden" name="intent" value="courses" />
            <p className="muted">{t("cohort.courses.intro")}</p>
            <ul className="space-y-3">
              {catalogue.map((c) => (
                <li key={c.id} className="card flex flex-wrap items-center gap-4">
                  <span className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      name="course"
                      value={c.id}
                      id={`course-${c.id}`}
                      defaultChecked={c.assigned}
                      className="h-5 w-5"
                    />
                    <label htmlFor={`course-${c.id}`} className="font-semibold">
                      {c.title}
                    </label>
                  </span>
                  <span className="flex items-center gap-2">
                    <label htmlFor={`due-${c.id}`} className="text-sm">
                      {t("cohort.courses.dueDateFor", { course: c.title })}
                    </label>
                    <input
                      type="date"
                      id={`due-${c.id}`}
                      name={`due-${c.id}`}
                      defaultValue={c.due}
                      className="field-input"
                    />
                  </span>
                </li>
              ))}
            </ul>
            <button type="submit" className="btn-primary">
              {t("cohort.courses.save")}
            </button>
          </Form>
        ) : courses.length === 0 ? (
          <p className="mt-3">{t("cohort.courses.empty")}</p>
        ) : (
          <ul className="mt-4 space-y-2">
            {courses.map((c) => (
              <li key={c.id}>
                {c.title}
                {c.dueAt && (
                  <span className="muted"> · {t("cohort.courses.due", { date: format.date(c.dueAt, "medium") })}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading" className="text-2xl font-bold">
          {t("cohort.people.heading")}
        </h2>
        {noticeFor === "remove-member" && notice}
        {members.length === 0 ? (
          <p className="mt-3">
            {t("cohort.people.empty")} {manager && <Link to={links.invitations}>{t("cohort.people.invite")}</Link>}
          </p>
        ) : (
          <div className="relative mt-4 overflow-x-auto">
            <table className="w-full text-start text-sm">
              <caption className="sr-only">{t("cohort.people.caption", { cohort: cohort.name })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-2 pe-4">
                    {t("cohort.people.name")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("cohort.people.email")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("cohort.people.role")}
                  </th>
                  {manager && (
                    <th scope="col" className="py-2">
                      <span className="sr-only">{t("cohort.people.remove")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id} className="border-t border-slate-200 dark:border-slate-700">
                    <td className="py-2 pe-4">{m.name}</td>
                    <td className="py-2 pe-4">{m.email}</td>
                    <td className="py-2 pe-4">{t(`roles.${m.role}`, { defaultValue: m.role })}</td>
                    {manager && (
                      <td className="py-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove-member" />
                          <input type="hidden" name="userId" value={m.id} />
                          <button type="submit" className="btn-secondary px-3 py-1">
                            <Trans
                              t={t}
                              i18nKey="cohort.people.removeFromCohort"
                              values={{ name: m.name }}
                              {...AS_TEXT}
                              components={{ sr: <span className="sr-only" /> }}
                            />
                          </button>
                        </Form>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {manager && (
          <Form method="post" className="mt-6 max-w-md space-y-4" {...getFormProps(memberForm)}>
            <h3 className="text-lg font-semibold">{t("cohort.add.heading")}</h3>
            <input type="hidden" name="intent" value="add-member" />
            <Field field={member.email} label={t("cohort.add.email")} type="email" />
            <SelectField
              field={member.role}
              label={t("cohort.add.role")}
              options={[
                ["learner", t("cohort.add.learner")],
                ["instructor", t("cohort.add.instructor")],
              ]}
            />
            <button type="submit" className="btn-secondary">
              {t("cohort.add.submit")}
            </button>
            {noticeFor === "add-member" && notice}
          </Form>
        )}
      </section>

      {manager && (
        <section aria-labelledby="settings-heading" className="max-w-md">
          <h2 id="settings-heading" className="text-2xl font-bold">
            {t("cohort.settings.heading")}
          </h2>
          <Form method="post" className="mt-4 space-y-5" {...getFormProps(settingsForm)}>
            <input type="hidden" name="intent" value="settings" />
            <CohortSettingsFields fields={settings} />
            <button type="submit" className="btn-primary">
              {t("cohort.settings.save")}
            </button>
            {noticeFor === "settings" && notice}
          </Form>
        </section>
      )}
    </div>
  );
}
