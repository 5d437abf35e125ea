// Accounts and sessions. Lucia (v3, frozen upstream) stays behind this module: the rest of the
// app sees only these functions and the AuthUser type.
import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { redirect } from "@remix-run/node";
import {
  Lucia,
  TimeSpan,
  generateIdFromEntropySize,
  type DatabaseSession,
  type DatabaseUser,
  type Session,
} from "lucia";
import { db } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import type { Language } from "~/i18n/config";
import { languageFor } from "~/i18n/language.server";
import { problem, type Problem } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { nudgeSender } from "~/mail/sender.server";
import { paths } from "~/paths";
import { queueVerification, requestEmailChange } from "./account-email.server";
import { passwordProblem } from "./password-strength.server";
import { hashPassword, verifyPassword } from "./password.server";

const SESSION_LIFETIME = new TimeSpan(30, "d");

type UserAttributes = {
  email: string;
  name: string;
  isInstructor: boolean;
  isAdmin: boolean;
  /** Whether the person belongs to an organisation (the header then links to "My organisations"). */
  inOrganisation: boolean;
  /** Pages without JavaScript and decorative assets (see app/http/data-saver.server.ts). */
  dataSaver: boolean;
  /** The interface language the person chose (see app/i18n/i18n.server.ts); null: the browser's. */
  language: string | null;
};

/**
 * Lucia's Prisma adapter, except that a session is read with its user, and whether the user belongs
 * to an organisation, in one SQL statement: every signed-in request starts with it.
 */
class SessionStore extends PrismaAdapter<typeof db> {
  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const rows = await db.$queryRaw<(Omit<UserAttributes, "inOrganisation"> & SessionRow)[]>`
      SELECT s."id" AS "sessionId", s."expiresAt", u."id" AS "userId", u."email", u."name", u."isInstructor", u."isAdmin", u."dataSaver", u."language",
        EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u."id") AS "inOrganisation"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${sessionId}`;
    const row = rows[0];
    if (!row) return [null, null];
    const { sessionId: id, userId, expiresAt, inOrganisation, ...user } = row;
    return [
      { id, userId, expiresAt: new Date(expiresAt), attributes: {} },
      // SQLite answers EXISTS with 0/1 (a bigint here), PostgreSQL with a boolean.
      { id: userId, attributes: { ...user, inOrganisation: Boolean(inOrganisation) } },
    ];
  }
}
type SessionRow = { sessionId: string; userId: string; expiresAt: Date | string; inOrganisation: unknown };

export const lucia = new Lucia(new SessionStore(db.session, db.user), {
  sessionExpiresIn: SESSION_LIFETIME, // sliding: renewed when half of it has passed
  sessionCookie: {
    name: "gda_session",
    attributes: { secure: cookieSecure(), sameSite: "lax" },
  },
  getUserAttributes: (a) => ({
    email: a.email,
    name: a.name,
    isInstructor: a.isInstructor,
    isAdmin: a.isAdmin,
    inOrganisation: a.inOrganisation,
    dataSaver: a.dataSaver,
    language: a.language,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: UserAttributes;
  }
}

export type AuthUser = { id: string } & UserAttributes;
export type Role = "instructor" | "admin";
export type Auth = { user: AuthUser | null; session: Session | null };

function cookieSecure() {
  if (process.env.COOKIE_SECURE) return process.env.COOKIE_SECURE === "true";
  return process.env.NODE_ENV === "production";
}

/** Validates the session cookie. `setCookie` is set when the cookie must be renewed or cleared. */
export async function authenticate(cookieHeader: string | undefined): Promise<Auth & { setCookie?: string }> {
  // Stryker disable next-line StringLiteral: any header without a gda_session cookie reads as no session
  const sessionId = lucia.readSessionCookie(cookieHeader ?? "");
  if (!sessionId) return { user: null, session: null };
  const { user, session } = await lucia.validateSession(sessionId);
  if (!session) return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  return { user, session, setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : undefined };
}

export type AuthError = { field: "email" | "password" | "currentPassword" | "newPassword"; problem: Problem };

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates the account and its first session together: either both exist afterwards or neither.
 * The verification e-mail is written in `language` (the sign-up page's).
 * Returns the Set-Cookie header value for the new session.
 */
export async function signUp(input: {
  name: string;
  email: string;
  password: string;
  language?: Language;
}): Promise<{ userId: string; setCookie: string } | AuthError> {
  const email = normaliseEmail(input.email);
  const weak = passwordProblem(input.password, { email, name: input.name });
  if (weak) return { field: "password", problem: weak };
  const id = generateIdFromEntropySize(10);
  const passwordHash = await hashPassword(input.password);
  const sessionId = generateIdFromEntropySize(25);
  try {
    // The verification e-mail is queued in the same transaction: it exists exactly when the account does.
    await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { id, name: input.name.trim(), email, passwordHash },
      });
      await tx.session.create({
        data: { id: sessionId, userId: id, expiresAt: new Date(Date.now() + SESSION_LIFETIME.milliseconds()) },
      });
      await queueVerification(tx, user, email, { requested: input.language });
    });
    nudgeSender();
    return { userId: id, setCookie: lucia.createSessionCookie(sessionId).serialize() };
  } catch (e) {
    if (isUniqueViolation(e)) {
      return { field: "email", problem: problem("account:problems.emailTaken") };
    }
    throw e;
  }
}

export const WRONG_CREDENTIALS = problem("account:problems.wrongCredentials");

export async function logIn(input: { email: string; password: string }): Promise<{ userId: string } | AuthError> {
  const user = await db.user.findUnique({ where: { email: normaliseEmail(input.email) } });
  // Hash even when there is no such user, so the answer takes as long either way.
  const ok = user
    ? await verifyPassword(user.passwordHash, input.password)
    : // Stryker disable next-line BooleanLiteral: without a user the answer is "wrong credentials" whatever this says
      (await hashPassword(input.password), false);
  if (!user || !ok) return { field: "password", problem: WRONG_CREDENTIALS };
  return { userId: user.id };
}

/** Starts a session; returns the Set-Cookie header value. */
export async function startSession(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/** Ends a session in the database; returns the Set-Cookie header value that clears it. */
export async function endSession(sessionId: string | undefined): Promise<string> {
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

export async function changePassword(
  user: AuthUser,
  currentSessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<AuthError | null> {
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
    return { field: "currentPassword", problem: problem("account:problems.currentPasswordWrong") };
  }
  const weak = passwordProblem(input.newPassword, { email: row.email, name: row.name });
  if (weak) return { field: "newPassword", problem: weak };
  const passwordHash = await hashPassword(input.newPassword);
  // Sign out everywhere else: whoever knew the old password loses access.
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { passwordHash } }),
    db.session.deleteMany({ where: { userId: user.id, NOT: { id: currentSessionId } } }),
  ]);
  return null;
}

/**
 * Changes the name at once. A new e-mail address needs the current password and takes effect only
 * when the link sent to it is opened (see requestEmailChange); until then the old address stays.
 */
export async function updateProfile(
  userId: string,
  input: { name: string; email: string; currentPassword?: string },
  /** The language of the page the change was made on, for the e-mails when the account has none. */
  requested?: string,
): Promise<AuthError | null> {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const email = normaliseEmail(input.email);
  if (
    email !== row.email &&
    !(input.currentPassword && (await verifyPassword(row.passwordHash, input.currentPassword)))
  ) {
    return {
      field: "currentPassword",
      problem: problem(
        input.currentPassword ? "account:problems.currentPasswordWrong" : "account:problems.currentPasswordForEmail",
      ),
    };
  }
  if (email !== row.email) {
    const problem = await requestEmailChange(row, email, requested);
    if (problem) return problem;
  }
  await db.user.update({ where: { id: userId }, data: { name: input.name.trim() } });
  return null;
}

// Stryker disable next-line StringLiteral: a module-level constant, which Stryker runs only with the test that reloads the module for the cookie settings; every safeRedirect test fails without it
const REDIRECT_BASE = "http://redirect.invalid";

/**
 * A path on this site to go back to after logging in; anything else becomes the fallback. The
 * value is parsed as a browser would (which drops tabs and newlines and reads backslashes as
 * slashes) and accepted only when it stays on this origin. The result is the URL's own
 * serialisation, percent-encoded, so it is always safe in a Location header.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = paths.myLearning(),
): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A path that a browser would read as protocol-relative ("//host", "/\host") never leaves here.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}

type Ctx = { auth?: Auth };

export function getUser(context: Ctx): AuthUser | null {
  return context.auth?.user ?? null;
}

/** The signed-in user, or a redirect to the log-in page that comes back here afterwards. */
export function requireUser(request: Request, context: Ctx): AuthUser {
  const user = getUser(context);
  if (user) return user;
  const url = new URL(request.url);
  throw redirect(paths.logIn(url.pathname + url.search));
}

export function hasRole(user: AuthUser, role: Role): boolean {
  return role === "admin" ? user.isAdmin : user.isInstructor || user.isAdmin;
}

/** The signed-in user with the role, a redirect to log in, or 403 with the reason in the reader's language. */
export async function requireRole(request: Request, context: Ctx, role: Role): Promise<AuthUser> {
  const user = requireUser(request, context);
  if (!hasRole(user, role))
    throw new Response(translator(await languageFor(request, user), "common")(`access.forRole.${role}`), {
      status: 403,
    });
  return user;
}

export function requireSession(request: Request, context: Ctx): { user: AuthUser; sessionId: string } {
  const user = requireUser(request, context);
  return { user, sessionId: context.auth!.session!.id };
}
