// Importing learners from a CSV file, in two steps: a preview that says what will happen to each
// row (nothing is written), then the confirmation, which re-checks every row against the database,
// adds people who are already members of the organisation to the cohort, and e-mails an invitation
// to everyone else (whether or not they have an account: joining is their choice, and the report
// does not tell who has one). Running it again with the same rows adds and invites
// no one twice. The rows travel from the preview to the confirmation in the page, signed with a
// key only the server and the manager's session know, so the confirmation imports exactly what was
// previewed.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db, DbClient } from "~/db/db.server";
import { problem } from "~/i18n/problem";
import { nudgeSender } from "~/mail/sender.server";
import { addToCohort } from "./cohorts.server";
import type { ReportRow, RowStatus } from "./import-report";
import { inviteByEmail, pendingEmailInvitation, type Inviter } from "./invitations.server";
import { MAX_CSV_ROWS, type CsvRow } from "./learner-csv";

/** What would happen to each row, without writing anything. */
export async function previewImport(db: DbClient, cohortId: string, rows: CsvRow[], now = new Date()) {
  const seen = new Map<string, number>();
  const emails = [...new Set(rows.filter((r) => !r.problem).map((r) => r.email))];
  const users = new Map<string, { id: string }>();
  const members = new Set<string>();
  const { organisationId } = await db.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: { organisationId: true },
  });
  // Looked up in batches: SQLite limits the number of bound values in one query.
  for (let i = 0; i < emails.length; i += 500) {
    const batch = emails.slice(i, i + 500);
    const found = await db.user.findMany({
      where: { email: { in: batch } },
      select: {
        id: true,
        email: true,
        cohortMemberships: { where: { cohortId }, select: { role: true } },
        memberships: { where: { organisationId }, select: { role: true } },
      },
    });
    for (const u of found) {
      if (u.cohortMemberships.length) members.add(u.email);
      else if (u.memberships.length) users.set(u.email, { id: u.id });
    }
  }
  const report: ReportRow[] = [];
  for (const row of rows) {
    if (row.problem) {
      report.push({ ...row, status: "invalid", note: row.problem });
      continue;
    }
    const earlier = seen.get(row.email);
    if (earlier !== undefined) {
      report.push({ ...row, status: "duplicate", note: problem("cohort:problems.csv.duplicate", { line: earlier }) });
      continue;
    }
    seen.set(row.email, row.line);
    if (members.has(row.email)) report.push({ ...row, status: "member", note: null });
    else if (users.has(row.email)) report.push({ ...row, status: "add", note: null });
    else if (await pendingEmailInvitation(db, cohortId, row.email, now))
      report.push({ ...row, status: "invited", note: problem("cohort:problems.csv.invited") });
    else report.push({ ...row, status: "invite", note: null });
  }
  return { report, users, counts: countStatuses(report) };
}

export type { ReportRow, RowStatus } from "./import-report";

export function countStatuses(report: { status: RowStatus }[]) {
  const counts: Record<RowStatus, number> = { invalid: 0, duplicate: 0, member: 0, invited: 0, add: 0, invite: 0 };
  for (const r of report) counts[r.status]++;
  return counts;
}

/**
 * Imports the rows: re-checks each against the database, then in one transaction adds those with an
 * account and invites the others. Returns how many were added and invited.
 */
export async function confirmImport(
  db: Db,
  cohort: { id: string; name: string; organisationId: string; organisation: { name: string } },
  invitedBy: Inviter,
  rows: CsvRow[],
  now = new Date(),
) {
  const result = await db.$transaction(
    async (tx) => {
      const { report, users } = await previewImport(tx, cohort.id, rows, now);
      let added = 0;
      let invited = 0;
      for (const row of report) {
        if (row.status === "add") {
          if (await addToCohort(tx, cohort, users.get(row.email)!.id, "learner")) added++;
        } else if (row.status === "invite") {
          if (await inviteByEmail(tx, cohort, invitedBy, { email: row.email, name: row.name }, now)) invited++;
        }
      }
      return { added, invited, report };
    },
    { timeout: 120_000 },
  );
  if (result.invited) nudgeSender();
  return result;
}

// --- Carrying the previewed rows to the confirmation -------------------------------------------

// Checked again on the way back, whatever the signature says: a row without a problem must hold one
// valid address (never a list of them for the mail server to send to).
const RowsSchema = z
  .array(
    z
      .object({
        line: z.number().int().nonnegative(),
        name: z.string().max(120),
        email: z.string().max(320),
        problem: z
          .object({
            key: z.string().max(100),
            values: z.record(z.union([z.string().max(200), z.number()])).optional(),
          })
          .nullable(),
      })
      .refine((row) => row.problem !== null || z.string().email().max(254).safeParse(row.email).success),
  )
  .max(MAX_CSV_ROWS);

const sign = (key: string, cohortId: string, payload: string) =>
  createHmac("sha256", key).update(`csv-import\n${cohortId}\n${payload}`).digest("base64url");

/** The rows as a string for a hidden field, and its signature for this session and cohort. */
export function sealRows(key: string, cohortId: string, rows: CsvRow[]) {
  const payload = JSON.stringify(rows.map(({ line, name, email, problem }) => ({ line, name, email, problem })));
  return { payload, signature: sign(key, cohortId, payload) };
}

/** The rows back from the hidden field, or null when the signature does not match or they are malformed. */
export function openRows(key: string, cohortId: string, payload: string, signature: string): CsvRow[] | null {
  const expected = Buffer.from(sign(key, cohortId, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = RowsSchema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
