// Fixed-window rate limits kept in the database, so that every app server shares the same counters.
// One consume is two single-statement writes (reset an expired window, then an upsert that
// increments), each atomic on SQLite and PostgreSQL alike: N parallel hits count exactly N.
import { createHash } from "node:crypto";
import type { Db } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import { log } from "~/log.server";

export type Policy = {
  /** Part of the counter key, e.g. "login-ip". */
  name: string;
  /** Hits allowed per window. */
  limit: number;
  windowMs: number;
};

export type Decision = {
  allowed: boolean;
  /** Hits counted in the current window, this one included. */
  count: number;
  limit: number;
  resetAt: Date;
  /** Whole seconds until the window ends (at least 1); for a Retry-After header. */
  retryAfterSeconds: number;
};

const MINUTE = 60_000;

/**
 * The policies, all in one place. Each can be overridden with an environment variable holding
 * "LIMIT" or "LIMIT/WINDOW_SECONDS", e.g. RATE_LIMIT_LOGIN_ACCOUNT=10/900.
 */
const DEFAULTS = {
  // Every log-in attempt from one address. Generous: a school or office behind one NAT address
  // must not be locked out; the per-account limit below is the one that stops password guessing.
  loginIp: { name: "login-ip", env: "RATE_LIMIT_LOGIN_IP", limit: 100, windowMs: 5 * MINUTE },
  // Failed log-ins per account (a successful log-in does not count).
  loginAccount: { name: "login-account", env: "RATE_LIMIT_LOGIN_ACCOUNT", limit: 10, windowMs: 15 * MINUTE },
  // New accounts from one address.
  signupIp: { name: "signup-ip", env: "RATE_LIMIT_SIGNUP_IP", limit: 20, windowMs: 60 * MINUTE },
  // Password-reset requests from one address (the answer never says whether an account exists).
  resetIp: { name: "reset-ip", env: "RATE_LIMIT_RESET_IP", limit: 20, windowMs: 15 * MINUTE },
  // Reset e-mails per e-mail address, whether or not it has an account: nobody can flood an inbox.
  resetAccount: { name: "reset-account", env: "RATE_LIMIT_RESET_ACCOUNT", limit: 3, windowMs: 60 * MINUTE },
  // "Send the link again" (address verification) per account.
  verifyEmailAccount: { name: "verify-email-account", env: "RATE_LIMIT_VERIFY_EMAIL", limit: 5, windowMs: 60 * MINUTE },
  // Sending invitations (a list of addresses, or a CSV import) per person: anyone can create an
  // organisation, so the academy's mail must not become a way to send unsolicited mail.
  inviteUser: { name: "invite-user", env: "RATE_LIMIT_INVITE_USER", limit: 20, windowMs: 24 * 60 * MINUTE },
  // The public verification API, per address.
  verifyApiIp: { name: "verify-api-ip", env: "RATE_LIMIT_VERIFY_API_IP", limit: 120, windowMs: MINUTE },
} as const;

export type PolicyName = keyof typeof DEFAULTS;

/** The policy with any environment override applied (read on every call, so tests can change it). */
export function policy(name: PolicyName, env: Record<string, string | undefined> = process.env): Policy {
  const d = DEFAULTS[name];
  const raw = env[d.env]?.trim();
  if (!raw) return { name: d.name, limit: d.limit, windowMs: d.windowMs };
  const m = /^(\d+)(?:\s*\/\s*(\d+))?$/.exec(raw);
  if (!m) throw new Error(`${d.env} must be "LIMIT" or "LIMIT/WINDOW_SECONDS", not "${raw}".`);
  return { name: d.name, limit: Number(m[1]), windowMs: m[2] ? Number(m[2]) * 1000 : d.windowMs };
}

/** Keys hold a hash of the subject (an address or an e-mail), never the subject itself. */
export function counterKey(p: Policy, subject: string): string {
  return `${p.name}:${createHash("sha256").update(subject).digest("base64url").slice(0, 32)}`;
}

function decide(p: Policy, count: number, resetAt: Date, now: Date): Decision {
  return {
    allowed: count <= p.limit,
    count,
    limit: p.limit,
    resetAt,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Counts one hit against the subject and says whether it is within the limit. */
export async function consume(db: Db, p: Policy, subject: string, now = new Date()): Promise<Decision> {
  const key = counterKey(p, subject);
  const resetAt = new Date(now.getTime() + p.windowMs);
  // A window that has ended starts again from zero (only one of several racing requests does this).
  await db.rateLimit.updateMany({ where: { key, resetAt: { lte: now } }, data: { count: 0, resetAt } });
  let row;
  try {
    row = await upsertIncrement(db, key, resetAt);
  } catch (e) {
    // Two first hits raced to create the row: the loser increments the winner's row.
    if (!isUniqueViolation(e)) throw e;
    row = await upsertIncrement(db, key, resetAt);
  }
  maybeCleanUp(db, now);
  return decide(p, row.count, row.resetAt, now);
}

function upsertIncrement(db: Db, key: string, resetAt: Date) {
  return db.rateLimit.upsert({
    where: { key },
    create: { key, count: 1, resetAt },
    update: { count: { increment: 1 } },
    select: { count: true, resetAt: true },
  });
}

/** Where the subject stands, without counting a hit. */
export async function peek(db: Db, p: Policy, subject: string, now = new Date()): Promise<Decision> {
  const row = await db.rateLimit.findUnique({ where: { key: counterKey(p, subject) } });
  if (!row || row.resetAt <= now) return decide(p, 0, new Date(now.getTime() + p.windowMs), now);
  return decide(p, row.count, row.resetAt, now);
}

/** Takes back one hit, e.g. a log-in attempt that turned out to be right. */
export async function refund(db: Db, p: Policy, subject: string, now = new Date()): Promise<void> {
  await db.rateLimit.updateMany({
    where: { key: counterKey(p, subject), resetAt: { gt: now }, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

/** Deletes counters whose window has ended; returns how many. */
export async function cleanUpExpired(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { resetAt: { lt: now } } });
  return count;
}

const CLEANUP_EVERY_MS = 10 * MINUTE;
const lastCleanUp = new WeakMap<Db, number>();

/** At most once per ten minutes per process, in the background. */
function maybeCleanUp(db: Db, now: Date) {
  const last = lastCleanUp.get(db);
  if (last === undefined) {
    lastCleanUp.set(db, now.getTime());
    return;
  }
  if (now.getTime() - last < CLEANUP_EVERY_MS) return;
  lastCleanUp.set(db, now.getTime());
  cleanUpExpired(db, now).catch((e) => log.error({ err: e }, "Rate-limit clean-up failed"));
}

// What the routes ask. Each returns the refusing decision, or null when the request may go on.

const accountSubject = (email: string) => email.trim().toLowerCase();
const refused = (...decisions: Decision[]) =>
  decisions.filter((d) => !d.allowed).sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0] ?? null;

/**
 * Before checking a password: counts the attempt against the address and against the account.
 * Call `logInSucceeded` after a right password, so that only failed attempts stay counted.
 */
export async function throttleLogIn(db: Db, ip: string, email: string): Promise<Decision | null> {
  const [byIp, byAccount] = await Promise.all([
    consume(db, policy("loginIp"), ip),
    consume(db, policy("loginAccount"), accountSubject(email)),
  ]);
  return refused(byIp, byAccount);
}

export async function logInSucceeded(db: Db, email: string): Promise<void> {
  await refund(db, policy("loginAccount"), accountSubject(email));
}

export async function throttleSignUp(db: Db, ip: string): Promise<Decision | null> {
  return refused(await consume(db, policy("signupIp"), ip));
}

/** Sending invitations by e-mail (typed addresses or a CSV import), per person. */
export async function throttleInvitations(db: Db, userId: string): Promise<Decision | null> {
  return refused(await consume(db, policy("inviteUser"), userId));
}

export async function throttleVerifyApi(db: Db, ip: string): Promise<Decision | null> {
  return refused(await consume(db, policy("verifyApiIp"), ip));
}

/**
 * A password-reset request: refused (429) past the per-address limit. Past the per-e-mail limit the
 * request is answered as usual but sends nothing: `sendAllowed` is false.
 */
export async function throttlePasswordReset(
  db: Db,
  ip: string,
  email: string,
): Promise<{ refusal: Decision | null; sendAllowed: boolean }> {
  const byIp = await consume(db, policy("resetIp"), ip);
  if (!byIp.allowed) return { refusal: byIp, sendAllowed: false };
  const byAccount = await consume(db, policy("resetAccount"), accountSubject(email));
  return { refusal: null, sendAllowed: byAccount.allowed };
}

export async function throttleVerificationEmail(db: Db, userId: string): Promise<Decision | null> {
  return refused(await consume(db, policy("verifyEmailAccount"), userId));
}
