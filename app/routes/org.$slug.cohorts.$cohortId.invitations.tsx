import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import type { z } from "zod";
import { dateValue, emailInvitesSchema, endOfDay, joinLinkSchema, splitAddresses } from "~/cohorts/forms";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, type ReportRow, type RowStatus } from "~/cohorts/import-report";
import { confirmImport, countStatuses, openRows, previewImport, sealRows } from "~/cohorts/import.server";
import {
  createJoinLink,
  invitationState,
  invitationsOf,
  inviteAddresses,
  joinUrl,
  revokeInvitation,
} from "~/cohorts/invitations.server";
import { parseLearnerCsv } from "~/cohorts/learner-csv";
import { CopyLink } from "~/components/copy-link";
import { Field, TextAreaField } from "~/components/field";
import { ScrollRegion } from "~/components/scroll-region";
import { db } from "~/db/db.server";
import { httpError, retryAfter } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say, type Problem } from "~/i18n/problem";
import { formatNumber } from "~/lib/format";
import { useFormat } from "~/lib/use-format";
import { requireCohortManager, requireCohortStaff } from "~/organisations/access.server";
import { paths } from "~/paths";
import { throttleInvitations } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";

await needMessages("cohort");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

const DAY = 24 * 60 * 60 * 1000;
/** The whole request may carry a CSV file, or the previewed rows back for confirmation. */
const MAX_BODY = 3 * 1024 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort, as } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  const { t } = await requestTranslator({ request, context }, "cohort");
  const now = new Date();
  const invitations = await invitationsOf(db, cohort.id);
  return {
    title: pageTitle(t("invitations.title"), cohort.name, organisation.name),
    organisation: { name: organisation.name, path: paths.organisation(organisation) },
    cohort: { name: cohort.name, path: paths.cohort(organisation, cohort) },
    manager: as === "manager",
    defaultExpiry: dateValue(new Date(now.getTime() + 14 * DAY)),
    invitations: invitations.map((i) => ({
      id: i.id,
      kind: i.kind,
      email: i.email,
      name: i.name,
      expiresAt: i.expiresAt.toISOString(),
      uses: i.uses,
      maxUses: i.maxUses,
      state: invitationState(i, now),
      createdAt: i.createdAt.toISOString(),
    })),
  };
}

type PreviewRow = { line: number; name: string; email: string; status: RowStatus; note: Problem | null };
type ActionReply = {
  intent: string;
  result?: SubmissionResult<string[]>;
  message?: string;
  error?: boolean;
  link?: string;
  preview?: {
    fileName: string;
    rows: PreviewRow[];
    counts: Record<RowStatus, number>;
    payload: string;
    signature: string;
  };
  imported?: { added: number; invited: number; rows: PreviewRow[]; counts: Record<RowStatus, number> };
};

const reportRows = (report: ReportRow[]): PreviewRow[] =>
  report.map(({ line, name, email, status, note }) => ({ line, name, email, status, note }));

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, organisation, cohort } = await requireCohortManager(request, context, params.slug, params.cohortId);
  const { t, language } = await requestTranslator({ request, context }, "cohort");
  const form = await readForm({ request, context }, { maxBytes: MAX_BODY, allowFiles: true, maxFields: 20 });
  const intent = String(form.get("intent") ?? "");
  const reply = (r: ActionReply, status = 200, headers: Record<string, string> = {}) => data(r, { status, headers });
  /** Sending invitations is limited per person and day; null when this one may go. */
  const tooMany = async () => {
    const refusal = await throttleInvitations(db, user.id);
    if (!refusal) return null;
    const s = refusal.retryAfterSeconds;
    const message =
      s < 60
        ? t("invitations.tooMany.seconds", { count: s })
        : t("invitations.tooMany.minutes", { count: Math.ceil(s / 60) });
    return reply({ intent, message, error: true }, 429, retryAfter(refusal));
  };
  const cohortRef = { id: cohort.id, name: cohort.name, organisationId: organisation.id, organisation };
  const inviter = { id: user.id, name: user.name, language };
  // The previewed rows are signed with a key that only the server and this session know.
  const key = context.auth?.session?.id ?? `user:${user.id}`;

  if (intent === "create-link") {
    const submission = parseWithZod(form, { schema: joinLinkSchema(t) });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    const expiresAt = endOfDay(submission.value.expiresOn)!;
    if (expiresAt.getTime() <= Date.now())
      return reply(
        { intent, result: submission.reply({ fieldErrors: { expiresOn: [t("invitations.link.future")] } }) },
        400,
      );
    const { token } = await createJoinLink(db, cohort.id, user.id, {
      expiresAt,
      maxUses: submission.value.maxUses ?? null,
    });
    return reply({ intent, result: submission.reply({ resetForm: true }), link: joinUrl(token) });
  }
  if (intent === "revoke") {
    const ok = await revokeInvitation(db, cohort.id, String(form.get("invitationId") ?? ""));
    if (!ok) return reply({ intent, message: t("invitations.list.notRevocable"), error: true }, 400);
    return reply({ intent, message: t("invitations.list.revoked") });
  }
  if (intent === "email") {
    const submission = parseWithZod(form, { schema: emailInvitesSchema(t) });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    const { valid } = splitAddresses(submission.value.emails);
    const refused = await tooMany();
    if (refused) return refused;
    const sent = await inviteAddresses(db, cohortRef, inviter, valid);
    const skipped = valid.length - sent;
    return reply({
      intent,
      result: submission.reply({ resetForm: true }),
      message: [
        t("invitations.email.sent", { count: sent }),
        ...(skipped ? [t("invitations.email.skipped", { count: skipped })] : []),
      ].join(" "),
    });
  }
  if (intent === "csv-preview") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return reply({ intent, message: t("invitations.csv.noFile"), error: true }, 400);
    if (file.size > MAX_CSV_BYTES)
      return reply(
        { intent, message: t("invitations.csv.tooLarge", { size: MAX_CSV_BYTES / 1024 }), error: true },
        413,
      );
    const parsed = parseLearnerCsv(new Uint8Array(await file.arrayBuffer()));
    if (!parsed.ok) return reply({ intent, message: sayCsvProblem(t, language, parsed.error), error: true }, 400);
    const { report, counts } = await previewImport(db, cohort.id, parsed.rows);
    const sealed = sealRows(key, cohort.id, parsed.rows);
    return reply({
      intent,
      preview: { fileName: file.name.slice(0, 200), rows: reportRows(report), counts, ...sealed },
    });
  }
  if (intent === "csv-confirm") {
    const rows = openRows(key, cohort.id, String(form.get("payload") ?? ""), String(form.get("signature") ?? ""));
    if (!rows)
      return reply(
        {
          intent,
          message: t("invitations.csv.unchecked"),
          error: true,
        },
        400,
      );
    const refused = await tooMany();
    if (refused) return refused;
    const { added, invited, report } = await confirmImport(db, cohortRef, inviter, rows);
    const after = reportRows(report);
    return reply({ intent, imported: { added, invited, rows: after, counts: countStatuses(after) } });
  }
  throw httpError(400, t("invitations.unknownIntent"));
}

const STATUS_ORDER: RowStatus[] = ["add", "invite", "member", "invited", "duplicate", "invalid"];

/** Why a file cannot be imported, in words; its row counts with the language's separators. */
function sayCsvProblem(t: TFunction, language: string, p: Problem): string {
  const values = { ...p.values };
  for (const name of ["rows", "max"])
    if (typeof values[name] === "number") values[name] = formatNumber(values[name], language);
  return say(t, { ...p, values });
}

function Report({ rows, caption }: { rows: PreviewRow[]; caption: string }) {
  const { t } = useTranslation("cohort");
  const format = useFormat();
  const SHOWN = 1000;
  const sorted = [...rows].sort((a, b) => {
    const bad = (s: RowStatus) => (s === "invalid" || s === "duplicate" ? 0 : 1);
    return bad(a.status) - bad(b.status) || a.line - b.line;
  });
  return (
    <div className="relative mt-4 max-h-[32rem] overflow-auto">
      <table className="w-full text-start text-sm">
        <caption className="text-start font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="py-2 pe-4">
              {t("invitations.csv.report.line")}
            </th>
            <th scope="col" className="py-2 pe-4">
              {t("invitations.csv.report.name")}
            </th>
            <th scope="col" className="py-2 pe-4">
              {t("invitations.csv.report.email")}
            </th>
            <th scope="col" className="py-2">
              {t("invitations.csv.report.result")}
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, SHOWN).map((r) => (
            <tr key={r.line} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pe-4">{r.line}</td>
              <td className="py-1 pe-4">{r.name}</td>
              <td className="py-1 pe-4 break-all">{r.email}</td>
              <td className="py-1">
                {r.status === "invalid" || r.status === "duplicate" ? (
                  <strong>{t(`invitations.csv.status.${r.status}`)}</strong>
                ) : (
                  t(`invitations.csv.status.${r.status}`)
                )}
                {r.note && <span className="muted"> — {say(t, r.note)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > SHOWN && (
        <p className="mt-2 muted">
          {t("invitations.csv.report.more", {
            count: sorted.length - SHOWN,
            number: format.number(sorted.length - SHOWN),
          })}
        </p>
      )}
    </div>
  );
}

function Counts({ counts }: { counts: Record<RowStatus, number> }) {
  const { t } = useTranslation("cohort");
  const format = useFormat();
  return (
    <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-1">
      {STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => (
        <li key={s}>
          <Trans
            t={t}
            i18nKey="invitations.csv.countOf"
            values={{ status: t(`invitations.csv.status.${s}`), number: format.number(counts[s]) }}
            components={{ strong: <strong /> }}
          />
        </li>
      ))}
    </ul>
  );
}

export default function Invitations() {
  const { organisation, cohort, manager, defaultExpiry, invitations } = useLoaderData<typeof loader>();
  const { t } = useTranslation("cohort");
  const format = useFormat();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const [linkForm, link] = useForm<z.input<ReturnType<typeof joinLinkSchema>>>({
    id: "create-link",
    lastResult: actionData?.intent === "create-link" ? actionData.result : undefined,
    defaultValue: { expiresOn: defaultExpiry },
  });
  const [emailForm, email] = useForm<z.input<ReturnType<typeof emailInvitesSchema>>>({
    id: "email-invites",
    lastResult: actionData?.intent === "email" ? actionData.result : undefined,
  });
  const notice = (intent: string) =>
    actionData?.intent === intent && actionData.message ? (
      <p role={actionData.error ? "alert" : "status"} className={actionData.error ? "field-error" : "mt-2"}>
        {actionData.message}
      </p>
    ) : null;
  const emailNotice = notice("email");
  const revokeNotice = notice("revoke");
  const shortDate = (iso: string) => format.date(iso, "medium");
  const preview = actionData?.intent === "csv-preview" ? actionData.preview : undefined;
  const imported = actionData?.intent === "csv-confirm" ? actionData.imported : undefined;
  const willImport = preview ? preview.counts.add + preview.counts.invite : 0;
  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link to={organisation.path}>
            <bdi>{organisation.name}</bdi>
          </Link>{" "}
          {t("breadcrumbSeparator")}{" "}
          <Link to={cohort.path}>
            <bdi>{cohort.name}</bdi>
          </Link>
        </p>
        <h1 className="text-3xl font-bold">{t("invitations.title")}</h1>
      </div>

      {manager && (
        <section aria-labelledby="csv-heading">
          <h2 id="csv-heading" className="text-2xl font-bold">
            {t("invitations.csv.heading")}
          </h2>
          <p className="mt-2 max-w-prose muted">
            {t("invitations.csv.intro", {
              rows: format.number(MAX_CSV_ROWS),
              size: MAX_CSV_BYTES / 1024,
            })}
          </p>
          {preview ? (
            <div className="mt-4 space-y-3">
              <h3 className="text-xl font-semibold">{t("invitations.csv.previewOf", { file: preview.fileName })}</h3>
              <Counts counts={preview.counts} />
              <Report rows={preview.rows} caption={t("invitations.csv.previewCaption")} />
              <Form method="post" className="flex flex-wrap gap-3">
                <input type="hidden" name="intent" value="csv-confirm" />
                <input type="hidden" name="payload" value={preview.payload} />
                <input type="hidden" name="signature" value={preview.signature} />
                <button type="submit" className="btn-primary" disabled={willImport === 0}>
                  {t("invitations.csv.confirm", {
                    add: format.number(preview.counts.add),
                    invite: format.number(preview.counts.invite),
                  })}
                </button>
                <Link to="." className="btn-secondary">
                  {t("invitations.csv.cancel")}
                </Link>
              </Form>
            </div>
          ) : (
            <Form method="post" encType="multipart/form-data" className="mt-4 space-y-4">
              <input type="hidden" name="intent" value="csv-preview" />
              <div>
                <label htmlFor="csv-file" className="field-label">
                  {t("invitations.csv.file")}
                </label>
                <input
                  id="csv-file"
                  type="file"
                  name="file"
                  accept=".csv,text/csv,text/plain"
                  required
                  className="field-input"
                  aria-describedby={actionData?.intent === "csv-preview" && actionData.error ? "csv-error" : undefined}
                />
              </div>
              {actionData?.intent === "csv-preview" && actionData.error && (
                <p id="csv-error" role="alert" className="field-error">
                  {actionData.message}
                </p>
              )}
              <button type="submit" className="btn-primary">
                {t("invitations.csv.preview")}
              </button>
            </Form>
          )}
          {actionData?.intent === "csv-confirm" && actionData.error && (
            <p role="alert" className="field-error mt-2">
              {actionData.message}
            </p>
          )}
          {imported && (
            <div className="mt-4 space-y-3">
              <p role="status" className="font-semibold">
                {t("invitations.csv.imported", {
                  added: format.number(imported.added),
                  invited: format.number(imported.invited),
                })}
              </p>
              <Report rows={imported.rows} caption={t("invitations.csv.importedCaption")} />
            </div>
          )}
        </section>
      )}

      {manager && (
        <section aria-labelledby="link-heading" className="max-w-xl">
          <h2 id="link-heading" className="text-2xl font-bold">
            {t("invitations.link.heading")}
          </h2>
          <p className="mt-2 muted">{t("invitations.link.intro")}</p>
          {actionData?.intent === "create-link" && actionData.link && (
            <div className="card mt-4 space-y-2" role="status">
              <p className="font-semibold">{t("invitations.link.ready")}</p>
              <CopyLink url={actionData.link} label={t("invitations.link.new")} />
            </div>
          )}
          <Form method="post" className="mt-4 space-y-5" {...getFormProps(linkForm)}>
            <input type="hidden" name="intent" value="create-link" />
            <Field field={link.expiresOn} type="date" label={t("invitations.link.expiresOn")} />
            <Field
              field={link.maxUses}
              type="number"
              min={0}
              label={t("invitations.link.maxUses")}
              hint={t("invitations.link.maxUsesHint")}
            />
            <button type="submit" className="btn-primary">
              {t("invitations.link.create")}
            </button>
          </Form>
        </section>
      )}

      {manager && (
        <section aria-labelledby="email-heading" className="max-w-xl">
          <h2 id="email-heading" className="text-2xl font-bold">
            {t("invitations.email.heading")}
          </h2>
          <Form method="post" className="mt-4 space-y-5" {...getFormProps(emailForm)}>
            <input type="hidden" name="intent" value="email" />
            <TextAreaField
              field={email.emails}
              label={t("invitations.email.addresses")}
              hint={t("invitations.email.addressesHint")}
              rows={4}
            />
            <button type="submit" className="btn-primary">
              {t("invitations.email.send")}
            </button>
            {emailNotice}
          </Form>
        </section>
      )}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-2xl font-bold">
          {t("invitations.list.heading")}
        </h2>
        {revokeNotice}
        {invitations.length === 0 ? (
          <p className="mt-3">{t("invitations.list.none")}</p>
        ) : (
          <ScrollRegion label={t("invitations.list.caption", { cohort: cohort.name })} className="relative mt-4">
            <table className="w-full text-start text-sm">
              <caption className="sr-only">{t("invitations.list.caption", { cohort: cohort.name })}</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-2 pe-4">
                    {t("invitations.list.invitation")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("invitations.list.expires")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("invitations.list.uses")}
                  </th>
                  <th scope="col" className="py-2 pe-4">
                    {t("invitations.list.state")}
                  </th>
                  {manager && (
                    <th scope="col" className="py-2">
                      <span className="sr-only">{t("invitations.list.revoke")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => {
                  const what =
                    i.kind === "link"
                      ? t("invitations.list.joinLink")
                      : t("invitations.list.emailTo", { to: i.name ? `${i.name} <${i.email}>` : i.email });
                  return (
                    <tr key={i.id} className="border-t border-slate-200 dark:border-slate-700">
                      <td className="py-2 pe-4 break-all">
                        {what}
                        <span className="muted">
                          {" "}
                          {t("invitations.list.created", { date: shortDate(i.createdAt) })}
                        </span>
                      </td>
                      <td className="py-2 pe-4">{shortDate(i.expiresAt)}</td>
                      <td className="py-2 pe-4">
                        {i.maxUses !== null
                          ? t("invitations.list.usesOf", { uses: format.number(i.uses), max: format.number(i.maxUses) })
                          : format.number(i.uses)}
                      </td>
                      <td className="py-2 pe-4">{t(`invitations.list.states.${i.state}`)}</td>
                      {manager && (
                        <td className="py-2">
                          {i.state === "valid" && (
                            <Form method="post">
                              <input type="hidden" name="intent" value="revoke" />
                              <input type="hidden" name="invitationId" value={i.id} />
                              <button type="submit" className="btn-secondary px-3 py-1">
                                {t("invitations.list.revoke")}
                                <span className="sr-only"> {what}</span>
                              </button>
                            </Form>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </div>
  );
}
