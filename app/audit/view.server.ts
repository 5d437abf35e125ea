// The audit log as its pages show it: filters read from the address (a plain GET form), one page of
// entries with the names of the people involved while their accounts exist. Reads only.
import { z } from "zod";
import { normaliseEmail } from "~/auth/auth.server";
import type { DbClient } from "~/db/db.server";
import { AUDIT_ACTIONS, list, type AuditFilters } from "./audit.server";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

const FilterSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(200).catch(""),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type AuditQuery = z.infer<typeof FilterSchema>;

export function parseAuditQuery(url: string): AuditQuery {
  const params = new URL(url).searchParams;
  return FilterSchema.parse({
    action: params.get("action") || undefined,
    actor: params.get("actor") ?? "",
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    page: params.get("page") ?? 1,
  });
}

/**
 * One page of the log for `query`, limited to an organisation's entries when `organisationId` is
 * given. The actor filter takes an e-mail address (of an account that exists) or an account id.
 */
export async function auditPage(db: DbClient, query: AuditQuery, scope: { organisationId?: string } = {}) {
  let actorId: string | null = null;
  if (query.actor) {
    const found = await db.user.findFirst({
      where: { OR: [{ email: normaliseEmail(query.actor) }, { id: query.actor }] },
      select: { id: true },
    });
    // Nobody with that address: a filter that matches nothing, rather than everything.
    actorId = found?.id ?? "-";
  }
  const filters: AuditFilters = {
    action: query.action ?? null,
    actorId,
    organisationId: scope.organisationId ?? null,
    from: query.from ? new Date(`${query.from}T00:00:00.000Z`) : null,
    to: query.to ? new Date(`${query.to}T23:59:59.999Z`) : null,
    page: query.page,
  };
  const result = await list(db, filters);
  const userIds = [
    ...new Set(result.entries.filter((e) => e.subjectType === "user" && e.subjectId).map((e) => e.subjectId!)),
  ];
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  return {
    ...result,
    entries: result.entries.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      actorName: e.actorName,
      actorLabel: e.actorLabel,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      /** For a person: their name while the account exists, else null. */
      subjectName: e.subjectType === "user" && e.subjectId ? (names.get(e.subjectId) ?? null) : null,
      ip: e.ip,
      details: Object.entries(e.details)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join(", "),
    })),
  };
}

export type AuditPage = Awaited<ReturnType<typeof auditPage>>;
