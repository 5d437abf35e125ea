// The audit log: who did what, to what, when and from where. Entries are written by `record`, in
// the transaction of the action they describe, and read by `list`; nothing in the application edits
// or deletes one. When an actor's account is deleted the database sets `actorId` to null (the
// foreign key's ON DELETE SET NULL); `actorLabel`, the capacity they acted in, stays. Details hold
// ids and settings, never names or e-mail addresses, so that deleting an account leaves none behind.
import type { DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";

import type { AuditAction } from "./actions";

export { AUDIT_ACTIONS, type AuditAction } from "./actions";

/** The capacity the actor acted in: what an entry still says about them once their account is gone. */
export type ActorLabel = "admin" | "owner" | "manager" | "staff" | "author" | "self" | "system";

export type SubjectType = "user" | "certificate" | "organisation" | "cohort" | "course";

/** Who acts and from where: what routes hand to the domain modules that record. */
export type AuditActor = { id: string | null; label: ActorLabel; ip: string | null };

export type AuditInput = {
  actor: AuditActor;
  action: AuditAction;
  subject: { type: SubjectType; id: string | null };
  organisationId?: string | null;
  details?: Record<string, string | number | boolean | null>;
};

/** Appends one entry, in the caller's transaction (or alone, for an action that writes nothing else). */
export async function record(tx: DbClient, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      subjectType: entry.subject.type,
      subjectId: entry.subject.id,
      organisationId: entry.organisationId ?? null,
      ip: entry.actor.ip,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  action?: AuditAction | null;
  /** Entries by this account. */
  actorId?: string | null;
  /** Entries by or about this account (as actor, or as the subject "user"). */
  personId?: string | null;
  organisationId?: string | null;
  /** Inclusive bounds. */
  from?: Date | null;
  to?: Date | null;
  page?: number;
  perPage?: number;
};

export type AuditRow = {
  id: string;
  at: Date;
  action: string;
  actorId: string | null;
  actorLabel: string;
  /** The actor's name while their account exists; null once it is deleted (or for the system). */
  actorName: string | null;
  subjectType: string;
  subjectId: string | null;
  organisationId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

function whereOf(f: AuditFilters): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (f.action) and.push({ action: f.action });
  if (f.actorId) and.push({ actorId: f.actorId });
  if (f.personId) and.push({ OR: [{ actorId: f.personId }, { subjectType: "user", subjectId: f.personId }] });
  if (f.organisationId) and.push({ organisationId: f.organisationId });
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  return { AND: and };
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Entries matching the filters, newest first, one page at a time. */
export async function list(
  db: DbClient,
  filters: AuditFilters = {},
): Promise<{ entries: AuditRow[]; total: number; page: number; pageCount: number }> {
  const perPage = filters.perPage ?? AUDIT_PAGE_SIZE;
  const where = whereOf(filters);
  const total = await db.auditEntry.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(filters.page ?? 1)), pageCount);
  const rows = await db.auditEntry.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * perPage,
    take: perPage,
    include: { actor: { select: { name: true } } },
  });
  const entries = rows.map(({ actor, details, ...row }) => ({
    ...row,
    actorName: actor?.name ?? null,
    details: parseDetails(details),
  }));
  return { entries, total, page, pageCount };
}
