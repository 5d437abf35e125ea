// The account's e-mail: password reset by e-mail, verification of the address (at sign-up and when
// it changes) and the reminders setting. Every message goes through the outbox, in the same
// transaction as the token it carries, and the sender is nudged once that transaction committed.
import type { DbClient } from "~/db/db.server";
import { db } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import { problem, type Problem } from "~/i18n/problem";
import { composeEmail, mailLanguage, mailTranslator } from "~/mail/compose";
import { queueEmail } from "~/mail/outbox.server";
import { nudgeSender } from "~/mail/sender.server";
import { paths } from "~/paths";
import { siteUrl } from "~/site";
import {
  consumeToken,
  inspectToken,
  issueToken,
  RESET_TOKEN_TTL_MS,
  VERIFY_TOKEN_TTL_MS,
  voidTokens,
  type TokenState,
} from "./email-tokens.server";
import { passwordProblem } from "./password-strength.server";
import { hashPassword } from "./password.server";

const absolute = (path: string) => `${siteUrl()}${path}`;

// ——— Password reset ———

/**
 * Sends a reset link when an account has this address; does nothing otherwise. Callers answer the
 * same either way; `minimumMs` makes both cases take (at least) the same time. `send: false` (over
 * the per-address rate limit) sends nothing but still takes that time.
 */
export async function requestPasswordReset(
  email: string,
  {
    minimumMs = 0,
    send = true,
    requested,
  }: { minimumMs?: number; send?: boolean; /** the language of the page that asked */ requested?: string } = {},
): Promise<void> {
  const started = Date.now();
  const address = email.trim().toLowerCase();
  const user = await db.user.findUnique({
    where: { email: address },
    select: { id: true, name: true, email: true, language: true },
  });
  if (user && send) {
    const language = mailLanguage(user.language, requested);
    const t = mailTranslator(language);
    await db.$transaction(async (tx) => {
      const token = await issueToken(tx, {
        userId: user.id,
        purpose: "reset",
        email: user.email,
        ttlMs: RESET_TOKEN_TTL_MS,
      });
      await queueEmail(
        tx,
        composeEmail({
          language,
          to: user.email,
          subject: t("reset.subject"),
          name: user.name,
          paragraphs: [t("reset.body")],
          action: { label: t("reset.action"), url: absolute(paths.resetPassword(token)) },
          after: [t("reset.validity"), t("reset.ignore")],
        }),
        { userId: user.id },
      );
    });
    nudgeSender();
  }
  const left = minimumMs - (Date.now() - started);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
}

export type ResetOutcome =
  | { ok: true; userId: string }
  | { ok: false; state: Exclude<TokenState["status"], "valid"> }
  | { ok: false; field: "newPassword"; problem: Problem };

export function resetTokenState(token: string): Promise<TokenState> {
  return inspectToken(db, token, "reset");
}

/**
 * Sets a new password with a reset token: uses the token up, voids the user's other reset links
 * and ends every session of the user (whoever had the old password is out), all in one transaction.
 */
export async function resetPassword(token: string, newPassword: string): Promise<ResetOutcome> {
  const state = await inspectToken(db, token, "reset");
  if (state.status !== "valid") return { ok: false, state: state.status };
  const user = await db.user.findUniqueOrThrow({ where: { id: state.token.userId } });
  const weak = passwordProblem(newPassword, { email: user.email, name: user.name });
  if (weak) return { ok: false, field: "newPassword", problem: weak };
  const passwordHash = await hashPassword(newPassword);
  const now = new Date();
  const done = await db.$transaction(async (tx) => {
    if (!(await consumeToken(tx, state.token.id, now))) return false;
    await voidTokens(tx, user.id, "reset", now);
    // The link reached this address, so it is proven (unless the address changed since it was sent).
    const proven = state.token.email === user.email && !user.emailVerifiedAt;
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, ...(proven ? { emailVerifiedAt: now } : {}) },
    });
    // What Lucia's invalidateUserSessions does, inside this transaction: every session ends.
    await tx.session.deleteMany({ where: { userId: user.id } });
    return true;
  });
  return done ? { ok: true, userId: user.id } : { ok: false, state: "used" };
}

// ——— Verification and change of address ———

/** Queues a verification link for `email` (the current address, or the new one of a change). */
export async function queueVerification(
  tx: DbClient,
  user: { id: string; name: string; language: string | null },
  email: string,
  { change = false, requested }: { change?: boolean; requested?: string } = {},
): Promise<void> {
  const language = mailLanguage(user.language, requested);
  const t = mailTranslator(language);
  const token = await issueToken(tx, { userId: user.id, purpose: "verify", email, ttlMs: VERIFY_TOKEN_TTL_MS });
  await queueEmail(
    tx,
    composeEmail({
      language,
      to: email,
      subject: change ? t("verify.subjectChange") : t("verify.subject"),
      name: user.name,
      paragraphs: [change ? t("verify.bodyChange", { email }) : t("verify.body")],
      action: { label: t("verify.action"), url: absolute(paths.verifyEmail(token)) },
      after: [t("verify.validity")],
    }),
    { userId: user.id },
  );
}

export type EmailStatus = {
  email: string;
  verified: boolean;
  /** A new address waiting for confirmation. */
  pendingEmail: string | null;
  reminders: boolean;
};

export async function emailStatus(userId: string, now = new Date()): Promise<EmailStatus> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, emailVerifiedAt: true, emailReminders: true },
  });
  const pending = await db.emailToken.findFirst({
    where: { userId, purpose: "verify", usedAt: null, expiresAt: { gt: now }, NOT: { email: user.email } },
    orderBy: { createdAt: "desc" },
    select: { email: true },
  });
  return {
    email: user.email,
    verified: Boolean(user.emailVerifiedAt),
    pendingEmail: pending?.email ?? null,
    reminders: user.emailReminders,
  };
}

/**
 * Starts a change of address: the link goes to the new address, a notice to the old one; the
 * address changes only when the link is opened. Returns an error when another account uses it.
 */
export async function requestEmailChange(
  user: { id: string; name: string; email: string; language: string | null },
  newEmail: string,
  requested?: string,
): Promise<{ field: "email"; problem: Problem } | null> {
  const taken = await db.user.findUnique({ where: { email: newEmail }, select: { id: true } });
  if (taken) return { field: "email", problem: problem("account:problems.emailInUse") };
  const language = mailLanguage(user.language, requested);
  const t = mailTranslator(language);
  await db.$transaction(async (tx) => {
    // Only the newest change counts: links for earlier ones stop working.
    await tx.emailToken.updateMany({
      where: { userId: user.id, purpose: "verify", usedAt: null, NOT: { email: user.email } },
      data: { usedAt: new Date() },
    });
    await queueVerification(tx, user, newEmail, { change: true, requested });
    await queueEmail(
      tx,
      composeEmail({
        language,
        to: user.email,
        subject: t("emailChange.subject"),
        name: user.name,
        paragraphs: [t("emailChange.body", { email: newEmail }), t("emailChange.notYou")],
        action: { label: t("emailChange.action"), url: absolute(paths.account()) },
      }),
      { userId: user.id },
    );
  });
  nudgeSender();
  return null;
}

/** Sends the verification link again: for a pending new address if there is one, else for the current unverified address. */
export async function sendVerificationAgain(userId: string, requested?: string): Promise<"sent" | "nothing-to-verify"> {
  const status = await emailStatus(userId);
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, email: true, language: true },
  });
  if (status.pendingEmail) {
    await db.$transaction((tx) => queueVerification(tx, user, status.pendingEmail!, { change: true, requested }));
  } else if (!status.verified) {
    await db.$transaction((tx) => queueVerification(tx, user, user.email, { requested }));
  } else {
    return "nothing-to-verify";
  }
  nudgeSender();
  return "sent";
}

export function verifyTokenState(token: string): Promise<TokenState> {
  return inspectToken(db, token, "verify");
}

export type ConfirmOutcome =
  | { ok: true; email: string; changed: boolean }
  | { ok: false; state: Exclude<TokenState["status"], "valid"> | "taken" };

/**
 * Confirms the address the link was sent to: marks it verified, or, for a change of address, makes
 * it the account's address. Voids the user's other verification links (so an old link can never
 * switch the address back).
 */
export async function confirmEmail(token: string): Promise<ConfirmOutcome> {
  const state = await inspectToken(db, token, "verify");
  if (state.status !== "valid") return { ok: false, state: state.status };
  const { id, userId, email } = state.token;
  const now = new Date();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
      if (!(await consumeToken(tx, id, now))) return { ok: false, state: "used" } as const;
      const address = email ?? user.email;
      const changed = address !== user.email;
      // A change voids every other link (older changes, the old address's); confirming the current
      // address voids only its own other links, so that a pending change stays pending.
      if (changed) {
        await voidTokens(tx, userId, "verify", now);
        // A reset link sent to the old address must not outlive the change.
        await voidTokens(tx, userId, "reset", now);
      } else
        await tx.emailToken.updateMany({
          where: { userId, purpose: "verify", usedAt: null, email: address },
          data: { usedAt: now },
        });
      await tx.user.update({ where: { id: userId }, data: { email: address, emailVerifiedAt: now } });
      return { ok: true, email: address, changed } as const;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false, state: "taken" };
    throw e;
  }
}

export async function setEmailReminders(userId: string, on: boolean): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { emailReminders: on } });
}
