import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { z } from "zod";
import { EmailInvitesSchema, JoinLinkSchema, dateValue, endOfDay, splitAddresses } from "~/cohorts/forms";
import { MAX_CSV_BYTES, MAX_CSV_ROWS, STATUS_TEXT, type ReportRow, type RowStatus } from "~/cohorts/import-report";
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
import { db } from "~/db/db.server";
import { httpError, retryAfter, tooManyMessage } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { requireCohortManager, requireCohortStaff } from "~/organisations/access.server";
import { paths } from "~/paths";
import { throttleInvitations } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Invitations", data?.cohort.name, data?.organisation.name) },
];

const DAY = 24 * 60 * 60 * 1000;
/** The whole request may carry a CSV file, or the previewed rows back for confirmation. */
const MAX_BODY = 3 * 1024 * 1024;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort, as } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  const now = new Date();
  const invitations = await invitationsOf(db, cohort.id);
  return {
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

type PreviewRow = { line: number; name: string; email: string; status: RowStatus; note: string };
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
  const form = await readForm(request, { maxBytes: MAX_BODY, allowFiles: true, maxFields: 20 });
  const intent = String(form.get("intent") ?? "");
  const reply = (r: ActionReply, status = 200, headers: Record<string, string> = {}) => data(r, { status, headers });
  /** Sending invitations is limited per person and day; null when this one may go. */
  const tooMany = async () => {
    const refusal = await throttleInvitations(db, user.id);
    if (!refusal) return null;
    const message = tooManyMessage(refusal, "invitations sent today");
    return reply({ intent, message, error: true }, 429, retryAfter(refusal));
  };
  const cohortRef = { id: cohort.id, name: cohort.name, organisationId: organisation.id, organisation };
  const inviter = { id: user.id, name: user.name };
  // The previewed rows are signed with a key that only the server and this session know.
  const key = context.auth?.session?.id ?? `user:${user.id}`;

  if (intent === "create-link") {
    const submission = parseWithZod(form, { schema: JoinLinkSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    const expiresAt = endOfDay(submission.value.expiresOn)!;
    if (expiresAt.getTime() <= Date.now())
      return reply(
        { intent, result: submission.reply({ fieldErrors: { expiresOn: ["Choose a day in the future."] } }) },
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
    if (!ok)
      return reply({ intent, message: "That invitation is already revoked or does not exist.", error: true }, 400);
    return reply({ intent, message: "The invitation is revoked: its link no longer works." });
  }
  if (intent === "email") {
    const submission = parseWithZod(form, { schema: EmailInvitesSchema });
    if (submission.status !== "success") return reply({ intent, result: submission.reply() }, 400);
    const { valid } = splitAddresses(submission.value.emails);
    const refused = await tooMany();
    if (refused) return refused;
    const sent = await inviteAddresses(db, cohortRef, inviter, valid);
    const skipped = valid.length - sent;
    return reply({
      intent,
      result: submission.reply({ resetForm: true }),
      message:
        `${sent} invitation${sent === 1 ? " is" : "s are"} on the way.` +
        (skipped ? ` ${skipped} address${skipped === 1 ? " was" : "es were"} already invited or in the cohort.` : ""),
    });
  }
  if (intent === "csv-preview") {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return reply(
        { intent, message: "Choose a CSV file with the learners' names and e-mail addresses.", error: true },
        400,
      );
    if (file.size > MAX_CSV_BYTES)
      return reply(
        { intent, message: `The file is too large: the limit is ${MAX_CSV_BYTES / 1024} KiB.`, error: true },
        413,
      );
    const parsed = parseLearnerCsv(new Uint8Array(await file.arrayBuffer()));
    if (!parsed.ok) return reply({ intent, message: parsed.error, error: true }, 400);
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
          message: "This import could not be checked. Upload the file again to see a new preview.",
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
  throw httpError(400, "Choose what to do.");
}

const STATUS_ORDER: RowStatus[] = ["add", "invite", "member", "invited", "duplicate", "invalid"];

function Report({ rows, caption }: { rows: PreviewRow[]; caption: string }) {
  const SHOWN = 1000;
  const sorted = [...rows].sort((a, b) => {
    const bad = (s: RowStatus) => (s === "invalid" || s === "duplicate" ? 0 : 1);
    return bad(a.status) - bad(b.status) || a.line - b.line;
  });
  return (
    <div className="relative mt-4 max-h-[32rem] overflow-auto">
      <table className="w-full text-left text-sm">
        <caption className="text-left font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="py-2 pr-4">
              Line
            </th>
            <th scope="col" className="py-2 pr-4">
              Name
            </th>
            <th scope="col" className="py-2 pr-4">
              E-mail
            </th>
            <th scope="col" className="py-2">
              Result
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, SHOWN).map((r) => (
            <tr key={r.line} className="border-t border-slate-200 dark:border-slate-700">
              <td className="py-1 pr-4">{r.line}</td>
              <td className="py-1 pr-4">{r.name}</td>
              <td className="py-1 pr-4 break-all">{r.email}</td>
              <td className="py-1">
                {r.status === "invalid" || r.status === "duplicate" ? (
                  <strong>{STATUS_TEXT[r.status]}</strong>
                ) : (
                  STATUS_TEXT[r.status]
                )}
                {r.note && <span className="muted"> — {r.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length > SHOWN && <p className="mt-2 muted">…and {sorted.length - SHOWN} more rows.</p>}
    </div>
  );
}

function Counts({ counts }: { counts: Record<RowStatus, number> }) {
  return (
    <ul className="mt-3 flex flex-wrap gap-x-6 gap-y-1">
      {STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => (
        <li key={s}>
          {STATUS_TEXT[s]}: <strong>{counts[s]}</strong>
        </li>
      ))}
    </ul>
  );
}

export default function Invitations() {
  const { organisation, cohort, manager, defaultExpiry, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionReply | undefined;
  const [linkForm, link] = useForm<z.input<typeof JoinLinkSchema>>({
    id: "create-link",
    lastResult: actionData?.intent === "create-link" ? actionData.result : undefined,
    defaultValue: { expiresOn: defaultExpiry },
  });
  const [emailForm, email] = useForm<z.input<typeof EmailInvitesSchema>>({
    id: "email-invites",
    lastResult: actionData?.intent === "email" ? actionData.result : undefined,
  });
  const notice = (intent: string) =>
    actionData?.intent === intent && actionData.message ? (
      <p role={actionData.error ? "alert" : "status"} className={actionData.error ? "field-error" : "mt-2"}>
        {actionData.message}
      </p>
    ) : null;
  const preview = actionData?.intent === "csv-preview" ? actionData.preview : undefined;
  const imported = actionData?.intent === "csv-confirm" ? actionData.imported : undefined;
  const willImport = preview ? preview.counts.add + preview.counts.invite : 0;
  return (
    <div className="space-y-10">
      <div>
        <p className="text-sm">
          <Link to={organisation.path}>{organisation.name}</Link> › <Link to={cohort.path}>{cohort.name}</Link>
        </p>
        <h1 className="text-3xl font-bold">Invitations</h1>
      </div>

      {manager && (
        <section aria-labelledby="csv-heading">
          <h2 id="csv-heading" className="text-2xl font-bold">
            Import learners from a CSV file
          </h2>
          <p className="mt-2 max-w-prose muted">
            One learner per row: name and e-mail address, separated by commas or semicolons, with or without a header
            row. At most {MAX_CSV_ROWS.toLocaleString("en")} rows and {MAX_CSV_BYTES / 1024} KiB. You will see what
            happens to each row before anything is done.
          </p>
          {preview ? (
            <div className="mt-4 space-y-3">
              <h3 className="text-xl font-semibold">Preview of {preview.fileName}</h3>
              <Counts counts={preview.counts} />
              <Report rows={preview.rows} caption="What will happen to each row" />
              <Form method="post" className="flex flex-wrap gap-3">
                <input type="hidden" name="intent" value="csv-confirm" />
                <input type="hidden" name="payload" value={preview.payload} />
                <input type="hidden" name="signature" value={preview.signature} />
                <button type="submit" className="btn-primary" disabled={willImport === 0}>
                  Confirm: add {preview.counts.add} and invite {preview.counts.invite}
                </button>
                <Link to="." className="btn-secondary">
                  Cancel
                </Link>
              </Form>
            </div>
          ) : (
            <Form method="post" encType="multipart/form-data" className="mt-4 space-y-4">
              <input type="hidden" name="intent" value="csv-preview" />
              <div>
                <label htmlFor="csv-file" className="field-label">
                  CSV file
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
                Preview the import
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
                Imported: {imported.added} added to the cohort, {imported.invited} invited by e-mail.
              </p>
              <Report rows={imported.rows} caption="Each row now" />
            </div>
          )}
        </section>
      )}

      {manager && (
        <section aria-labelledby="link-heading" className="max-w-xl">
          <h2 id="link-heading" className="text-2xl font-bold">
            Join links
          </h2>
          <p className="mt-2 muted">Anyone with the link can join until it expires, is used up or is revoked.</p>
          {actionData?.intent === "create-link" && actionData.link && (
            <div className="card mt-4 space-y-2" role="status">
              <p className="font-semibold">The join link is ready. Copy it now: it is shown only once.</p>
              <CopyLink url={actionData.link} label="Your new join link" />
            </div>
          )}
          <Form method="post" className="mt-4 space-y-5" {...getFormProps(linkForm)}>
            <input type="hidden" name="intent" value="create-link" />
            <Field field={link.expiresOn} type="date" label="Works until" />
            <Field
              field={link.maxUses}
              type="number"
              min={0}
              label="Most uses (optional)"
              hint="Leave empty for no limit."
            />
            <button type="submit" className="btn-primary">
              Create join link
            </button>
          </Form>
        </section>
      )}

      {manager && (
        <section aria-labelledby="email-heading" className="max-w-xl">
          <h2 id="email-heading" className="text-2xl font-bold">
            Invite by e-mail
          </h2>
          <Form method="post" className="mt-4 space-y-5" {...getFormProps(emailForm)}>
            <input type="hidden" name="intent" value="email" />
            <TextAreaField
              field={email.emails}
              label="E-mail addresses"
              hint="One or several, separated by commas, spaces or new lines. Each gets a personal link."
              rows={4}
            />
            <button type="submit" className="btn-primary">
              Send invitations
            </button>
            {notice("email")}
          </Form>
        </section>
      )}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="text-2xl font-bold">
          Invitations so far
        </h2>
        {notice("revoke")}
        {invitations.length === 0 ? (
          <p className="mt-3">None yet.</p>
        ) : (
          <div className="relative mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Invitations to {cohort.name}, newest first</caption>
              <thead>
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Invitation
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Expires
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    Uses
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    State
                  </th>
                  {manager && (
                    <th scope="col" className="py-2">
                      <span className="sr-only">Revoke</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => {
                  const what =
                    i.kind === "link" ? "Join link" : `E-mail to ${i.name ? `${i.name} <${i.email}>` : i.email}`;
                  return (
                    <tr key={i.id} className="border-t border-slate-200 dark:border-slate-700">
                      <td className="py-2 pr-4 break-all">
                        {what}
                        <span className="muted"> · created {formatDate(i.createdAt, "medium")}</span>
                      </td>
                      <td className="py-2 pr-4">{formatDate(i.expiresAt, "medium")}</td>
                      <td className="py-2 pr-4">
                        {i.uses}
                        {i.maxUses !== null && ` of ${i.maxUses}`}
                      </td>
                      <td className="py-2 pr-4">{STATE_TEXT[i.state]}</td>
                      {manager && (
                        <td className="py-2">
                          {i.state === "valid" && (
                            <Form method="post">
                              <input type="hidden" name="intent" value="revoke" />
                              <input type="hidden" name="invitationId" value={i.id} />
                              <button type="submit" className="btn-secondary px-3 py-1">
                                Revoke<span className="sr-only"> {what}</span>
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
          </div>
        )}
      </section>
    </div>
  );
}

const STATE_TEXT: Record<string, string> = {
  valid: "Active",
  expired: "Expired",
  revoked: "Revoked",
  "used-up": "Used",
};
