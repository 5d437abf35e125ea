// Ways into a cohort: a shareable join link (expiring, revocable, with an optional use limit) and
// personal e-mail invitations (one address, one use). Only the SHA-256 of a token is stored; the
// token itself is in the link alone. Joining adds the person to the cohort and its organisation,
// enrols them in the cohort's courses and counts a use, in one transaction.
import { createHash, randomBytes } from "node:crypto";
import type { Db, DbClient } from "~/db/db.server";
import { formatDate } from "~/lib/format";
import { composeEmail, mailLanguage, mailTranslator } from "~/mail/compose";
import { queueEmail } from "~/mail/outbox.server";
import { nudgeSender } from "~/mail/sender.server";
import { paths } from "~/paths";
import { siteUrl } from "~/site";
import { addToCohort } from "./cohorts.server";

export const EMAIL_INVITATION_DAYS = 30;
const DAY = 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
export const joinUrl = (token: string) => `${siteUrl()}${paths.join(token)}`;

type CohortRef = { id: string; name: string; organisation: { name: string } };

/** Creates a join link; returns the token, which is shown once and never stored. */
export async function createJoinLink(
  db: DbClient,
  cohortId: string,
  createdById: string,
  options: { expiresAt: Date; maxUses: number | null },
) {
  const token = newToken();
  const invitation = await db.invitation.create({
    data: {
      cohortId,
      kind: "link",
      tokenHash: hashToken(token),
      expiresAt: options.expiresAt,
      maxUses: options.maxUses,
      createdById,
    },
    select: { id: true },
  });
  return { id: invitation.id, token };
}

/** Revokes one of the cohort's invitations; false when there is no such invitation in the cohort. */
export async function revokeInvitation(db: DbClient, cohortId: string, invitationId: string, now = new Date()) {
  const { count } = await db.invitation.updateMany({
    where: { id: invitationId, cohortId, revokedAt: null },
    data: { revokedAt: now },
  });
  return count > 0;
}

/** A pending personal invitation to this cohort for the address: not revoked, unused, not expired. */
export function pendingEmailInvitation(db: DbClient, cohortId: string, email: string, now = new Date()) {
  return db.invitation.findFirst({
    where: { cohortId, kind: "email", email: email.toLowerCase(), revokedAt: null, uses: 0, expiresAt: { gt: now } },
    select: { id: true },
  });
}

/** Who invites; the invitation is written in their language (the invitee has no account yet). */
export type Inviter = { id: string; name: string; language: string | null };

/**
 * Invites one address to the cohort: an Invitation row and its e-mail, in the caller's transaction.
 * Nothing happens (false) when the address already has a pending invitation to this cohort.
 */
export async function inviteByEmail(
  tx: DbClient,
  cohort: CohortRef,
  invitedBy: Inviter,
  person: { email: string; name?: string | null },
  now = new Date(),
): Promise<boolean> {
  const email = person.email.trim().toLowerCase();
  if (await pendingEmailInvitation(tx, cohort.id, email, now)) return false;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + EMAIL_INVITATION_DAYS * DAY);
  const invitation = await tx.invitation.create({
    data: {
      cohortId: cohort.id,
      kind: "email",
      tokenHash: hashToken(token),
      email,
      name: person.name || null,
      expiresAt,
      maxUses: 1,
      createdById: invitedBy.id,
    },
    select: { id: true },
  });
  const language = mailLanguage(invitedBy.language);
  const t = mailTranslator(language);
  const names = { cohort: cohort.name, organisation: cohort.organisation.name };
  const message = composeEmail({
    language,
    to: email,
    subject: t("invitation.subject", names),
    name: person.name,
    paragraphs: [t("invitation.body", { ...names, inviter: invitedBy.name }), t("invitation.how")],
    action: { label: t("invitation.action"), url: joinUrl(token) },
    after: [t("invitation.validity", { date: formatDate(expiresAt, "long", language) })],
  });
  await queueEmail(tx, message, { dedupeKey: `invitation:${invitation.id}` });
  return true;
}

/**
 * Invites each address that is neither in the cohort nor already invited, in one transaction, then
 * asks the mail sender to deliver soon. Returns how many invitations were sent.
 */
export async function inviteAddresses(
  db: Db,
  cohort: CohortRef,
  invitedBy: Inviter,
  emails: string[],
  now = new Date(),
): Promise<number> {
  const sent = await db.$transaction(async (tx) => {
    let n = 0;
    for (const email of emails) {
      const member = await tx.cohortMember.findFirst({ where: { cohortId: cohort.id, user: { email } } });
      if (!member && (await inviteByEmail(tx, cohort, invitedBy, { email }, now))) n++;
    }
    return n;
  });
  if (sent) nudgeSender();
  return sent;
}

/** The cohort's invitations, newest first, for its invitations page (never the tokens). */
export async function invitationsOf(db: DbClient, cohortId: string) {
  return db.invitation.findMany({
    where: { cohortId },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      kind: true,
      email: true,
      name: true,
      expiresAt: true,
      maxUses: true,
      uses: true,
      revokedAt: true,
      createdAt: true,
    },
  });
}

export type InvitationState = "valid" | "expired" | "revoked" | "used-up";

export function invitationState(
  inv: { expiresAt: Date; revokedAt: Date | null; maxUses: number | null; uses: number },
  now = new Date(),
): InvitationState {
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  if (inv.maxUses !== null && inv.uses >= inv.maxUses) return "used-up";
  return "valid";
}

/** The invitation behind a token, with its cohort and organisation; null for an unknown token. */
export async function findInvitation(db: DbClient, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      kind: true,
      email: true,
      expiresAt: true,
      revokedAt: true,
      maxUses: true,
      uses: true,
      cohort: {
        select: {
          id: true,
          name: true,
          organisationId: true,
          startsAt: true,
          endsAt: true,
          organisation: { select: { name: true, slug: true } },
          courses: { orderBy: { position: "asc" }, select: { courseId: true, dueAt: true } },
        },
      },
    },
  });
}

export type JoinResult =
  | { ok: true; alreadyMember: boolean; cohortName: string }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "used-up" | "wrong-account" };

/**
 * Joins the cohort behind the token: adds the person as a cohort learner and as an organisation
 * learner (unless they already belong to it), enrols them in every cohort course and counts a use,
 * in one transaction. Someone already in the cohort is told so and no use is counted. A personal
 * invitation works only for the account with its address (compared without regard to case).
 */
export async function joinCohort(
  db: Db,
  token: string,
  user: { id: string; email: string },
  now = new Date(),
  ip: string | null = null,
) {
  const found = await findInvitation(db, token);
  if (!found) return { ok: false, reason: "unknown" } satisfies JoinResult;
  return db.$transaction(async (tx): Promise<JoinResult> => {
    const inv = await tx.invitation.findUniqueOrThrow({ where: { id: found.id } });
    const state = invitationState(inv, now);
    const member = await tx.cohortMember.findUnique({
      where: { cohortId_userId: { cohortId: inv.cohortId, userId: user.id } },
      select: { role: true },
    });
    if (member && state !== "revoked" && state !== "expired")
      return { ok: true, alreadyMember: true, cohortName: found.cohort.name };
    if (state !== "valid") return { ok: false, reason: state };
    if (inv.kind === "email" && inv.email?.toLowerCase() !== user.email.trim().toLowerCase())
      return { ok: false, reason: "wrong-account" };
    // Counts the use only if nobody else used it meanwhile (the use count is the version).
    const { count } = await tx.invitation.updateMany({
      where: { id: inv.id, uses: inv.uses, revokedAt: null },
      data: { uses: { increment: 1 } },
    });
    if (count === 0) return { ok: false, reason: "used-up" };
    const cohort = { id: inv.cohortId, organisationId: found.cohort.organisationId };
    await addToCohort(tx, cohort, user.id, "learner", { id: user.id, label: "self", ip });
    return { ok: true, alreadyMember: false, cohortName: found.cohort.name };
  });
}
