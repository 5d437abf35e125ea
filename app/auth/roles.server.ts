// Who may do what: admins grant and remove the instructor and admin roles, and every change is
// recorded in the audit log ("role.granted" / "role.removed") with who made it, when and from where. The role check itself is `hasRole` in
// auth.server.ts; a change takes effect on the person's next request, because the session
// lookup reads the user's roles from the database every time.
import { record } from "~/audit/audit.server";
import type { Db, DbClient, Tx } from "~/db/db.server";
import { isSerializationFailure } from "~/db/transactions.server";
import { Prisma } from "~/generated/prisma/client";
import { problem, type Problem } from "~/i18n/problem";
import type { Role } from "./auth.server";

export const ROLES = ["instructor", "admin"] as const satisfies readonly Role[];

export const USERS_PER_PAGE = 20;
const HISTORY_LIMIT = 50;

export type UserRow = {
  id: string;
  name: string;
  email: string;
  isInstructor: boolean;
  isAdmin: boolean;
  createdAt: Date;
};

export type UserSearch = { users: UserRow[]; total: number; page: number; pageCount: number };

const userRow = { id: true, name: true, email: true, isInstructor: true, isAdmin: true, createdAt: true } as const;

/** A LIKE pattern matching `text` anywhere, with LIKE's own wildcards (% and _) taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Users whose name or e-mail contains the query, ignoring case (SQLite folds ASCII letters only),
 * newest first, one page at a time. An empty query lists everyone.
 */
export async function searchUsers(
  db: DbClient,
  query: string,
  options: { page?: number; perPage?: number } = {},
): Promise<UserSearch> {
  const perPage = options.perPage ?? USERS_PER_PAGE;
  const q = query.trim().toLowerCase();
  // Plain, portable SQL (SQLite and PostgreSQL): Prisma's `contains` does not escape % and _.
  const where = q
    ? Prisma.sql`WHERE lower("name") LIKE ${containsPattern(q)} ESCAPE '\\' OR lower("email") LIKE ${containsPattern(q)} ESCAPE '\\'`
    : Prisma.empty;
  const [{ total }] = await db.$queryRaw<{ total: number | bigint }[]>`SELECT count(*) AS total FROM "User" ${where}`;
  const pageCount = Math.max(1, Math.ceil(Number(total) / perPage));
  const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
  const ids = await db.$queryRaw<
    { id: string }[]
  >`SELECT "id" FROM "User" ${where} ORDER BY "createdAt" DESC, "id" ASC LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`;
  const rows = await db.user.findMany({ where: { id: { in: ids.map((r) => r.id) } }, select: userRow });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const users = ids.map((r) => byId.get(r.id)).filter((u): u is UserRow => Boolean(u));
  return { users, total: Number(total), page, pageCount };
}

/** Why a role change was refused: a code for programs, a problem (`admin:problems.*`) for people. */
export type RoleChangeRefusal = {
  code: "not-admin" | "no-such-user" | "unchanged" | "own-admin" | "last-admin";
  problem: Problem;
};

type Person = { id: string; name: string; email: string };

export type RoleChangeEntry = {
  id: string;
  role: Role;
  granted: boolean;
  createdAt: Date;
  /** Null once the account has been deleted. */
  user: Person | null;
  /** Null once the admin's account has been deleted. */
  changedBy: Person | null;
};

const ROLE_ACTIONS = ["role.granted", "role.removed"];

type AuditRoleRow = {
  id: string;
  at: Date;
  action: string;
  subjectId: string | null;
  details: string;
  actorId: string | null;
};

/** Role changes as stored in the audit log, with the people involved (when their accounts still exist). */
async function toEntries(db: DbClient, rows: AuditRoleRow[]): Promise<RoleChangeEntry[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.subjectId, r.actorId]).filter((id): id is string => Boolean(id)))];
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((p) => [
      p.id,
      p,
    ]),
  );
  return rows.map((r) => {
    const role = (JSON.parse(r.details) as { role?: string }).role === "admin" ? "admin" : "instructor";
    return {
      id: r.id,
      role,
      granted: r.action === "role.granted",
      createdAt: r.at,
      user: (r.subjectId && people.get(r.subjectId)) || null,
      changedBy: (r.actorId && people.get(r.actorId)) || null,
    };
  });
}

const auditRoleSelect = { id: true, at: true, action: true, subjectId: true, details: true, actorId: true } as const;

const hasFlag = (user: { isInstructor: boolean; isAdmin: boolean }, role: Role) =>
  role === "admin" ? user.isAdmin : user.isInstructor;
const flag = (role: Role, value: boolean) => (role === "admin" ? { isAdmin: value } : { isInstructor: value });

class Refused extends Error {
  constructor(readonly refusal: RoleChangeRefusal) {
    super(refusal.problem.key);
  }
}

/**
 * Grants or removes one role, and records the change, in one transaction. Refuses (returns the
 * reason) when the actor is not an admin, the user does not exist, nothing would change, or an
 * admin would remove their own admin role or the last remaining admin's.
 */
export async function setRole(
  db: Db,
  input: { actorId: string; userId: string; role: Role; granted: boolean; ip?: string | null },
): Promise<{ ok: true; change: RoleChangeEntry } | { ok: false; refusal: RoleChangeRefusal }> {
  const { actorId, userId, role, granted } = input;
  const refuse = (code: RoleChangeRefusal["code"], key: string, values?: Problem["values"]) =>
    new Refused({ code, problem: problem(`admin:problems.${key}`, values) });
  try {
    const change = await serializable(db, (tx) =>
      (async () => {
        const actor = await tx.user.findUnique({ where: { id: actorId }, select: { isAdmin: true } });
        if (!actor?.isAdmin) throw refuse("not-admin", "notAdmin");
        const user = await tx.user.findUnique({
          where: { id: userId },
          select: { isInstructor: true, isAdmin: true, name: true },
        });
        if (!user) throw refuse("no-such-user", "noSuchUser");
        if (hasFlag(user, role) === granted) {
          throw refuse("unchanged", `${granted ? "already" : "not"}.${role}`, { name: user.name });
        }
        if (role === "admin" && !granted) {
          const last = (await tx.user.count({ where: { isAdmin: true } })) <= 1;
          if (userId === actorId) {
            throw last ? refuse("last-admin", "ownLastAdmin") : refuse("own-admin", "ownAdmin");
          }
          if (last) throw refuse("last-admin", "lastAdmin", { name: user.name });
        }
        // Conditional on the current value: a concurrent identical change fails instead of being recorded twice.
        const updated = await tx.user.updateMany({
          where: { id: userId, ...flag(role, !granted) },
          data: flag(role, granted),
        });
        if (updated.count !== 1) throw refuse("unchanged", "changedMeanwhile");
        await record(tx, {
          actor: { id: actorId, label: "admin", ip: input.ip ?? null },
          action: granted ? "role.granted" : "role.removed",
          subject: { type: "user", id: userId },
          details: { role },
        });
        const [entry] = await tx.auditEntry.findMany({
          where: { subjectType: "user", subjectId: userId, action: { in: ROLE_ACTIONS } },
          orderBy: [{ at: "desc" }, { id: "desc" }],
          take: 1,
          select: auditRoleSelect,
        });
        return (await toEntries(tx, [entry]))[0];
      })(),
    );
    return { ok: true, change };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, refusal: e.refusal };
    throw e;
  }
}

/**
 * Runs `work` in a Serializable transaction: two admins removing each other at once must not both
 * succeed and leave no admin. PostgreSQL refuses one of two such transactions at commit: it runs
 * again and sees the other's change (SQLite runs writers one at a time and never refuses).
 */
async function serializable<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: "Serializable" });
    } catch (e) {
      if (!isSerializationFailure(e) || attempt >= 10) throw e;
      // Both sides may retry at once: a short random pause lets one of them go first.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

/** One person's role changes, newest first. */
export async function roleHistory(db: DbClient, userId: string): Promise<RoleChangeEntry[]> {
  const rows = await db.auditEntry.findMany({
    where: { subjectType: "user", subjectId: userId, action: { in: ROLE_ACTIONS } },
    select: auditRoleSelect,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: HISTORY_LIMIT,
  });
  return toEntries(db, rows);
}

/** The latest role changes across the academy, newest first. */
export async function recentRoleChanges(db: DbClient, limit = 20): Promise<RoleChangeEntry[]> {
  const rows = await db.auditEntry.findMany({
    where: { action: { in: ROLE_ACTIONS } },
    select: auditRoleSelect,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return toEntries(db, rows);
}
