// Organisations and their members: creating one (its creator is its first owner), who belongs to
// which, and changing or removing members under the role rules. Domain module: returns results,
// never HTTP.
import { record, type AuditActor } from "~/audit/audit.server";
import type { Db, DbClient } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import { problem, type Problem } from "~/i18n/problem";
import { ORG_ROLES, type OrgRole } from "./roles.server";

/** "Ministry of ICT — Kenya" → "ministry-of-ict-kenya"; non-Latin letters are kept. */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\p{M}+/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
}

/**
 * Creates an organisation with a free slug made from its name; the creator becomes its owner, and
 * that first membership is recorded in the audit log like every later one.
 */
export async function createOrganisation(db: Db, userId: string, name: string, ip: string | null = null) {
  const base = slugify(name) || "organisation";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await db.organisation.findUnique({ where: { slug }, select: { id: true } });
    if (taken) continue;
    const created = await db
      .$transaction(async (tx) => {
        const organisation = await tx.organisation.create({
          data: { name: name.trim(), slug, members: { create: { userId, role: "owner" } } },
          select: { id: true, slug: true, name: true },
        });
        await record(tx, {
          actor: { id: userId, label: "owner", ip },
          action: "membership.added",
          subject: { type: "user", id: userId },
          organisationId: organisation.id,
          details: { role: "owner", created: true },
        });
        return organisation;
      })
      .catch((e: unknown) => {
        // Someone took the slug between the check and the insert: try the next one.
        if (isUniqueViolation(e)) return null;
        throw e;
      });
    if (created) return created;
  }
}

/** The organisations a person belongs to, with their role in each, by name. */
export async function myOrganisations(db: DbClient, userId: string) {
  const rows = await db.membership.findMany({
    where: { userId },
    select: { role: true, organisation: { select: { id: true, slug: true, name: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
  return rows.map((r) => ({ ...r.organisation, role: r.role as OrgRole }));
}

/** Whether the person belongs to at least one organisation (for the header's link). */
export async function hasMemberships(db: DbClient, userId: string) {
  return (await db.membership.count({ where: { userId }, take: 1 })) > 0;
}

/** The organisation's members, owners first, then by name. */
export async function membersOf(db: DbClient, organisationId: string) {
  const rows = await db.membership.findMany({
    where: { organisationId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  const rank = (role: string) => ORG_ROLES.indexOf(role as OrgRole);
  return rows
    .map((r) => ({ ...r.user, role: r.role as OrgRole, since: r.createdAt }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name));
}

export type MemberChangeResult = { ok: true } | { ok: false; reason: Problem };

/** Why a change to the members was refused (`org:problems.members.*`), worded by the page. */
const refusal = (key: string) => problem(`org:problems.members.${key}`);

/**
 * Changes a member's role. Owners and admins manage members; only owners grant or take away the
 * owner role; an organisation always keeps at least one owner. `actorRole` null with `platformAdmin`
 * acts as an owner.
 */
export async function changeMemberRole(
  db: Db,
  organisationId: string,
  actor: { role: OrgRole | null; platformAdmin: boolean; audit: AuditActor },
  userId: string,
  role: string,
): Promise<MemberChangeResult> {
  if (!(ORG_ROLES as readonly string[]).includes(role)) return { ok: false, reason: refusal("chooseRole") };
  const actsAsOwner = actor.role === "owner" || actor.platformAdmin;
  if (!actsAsOwner && actor.role !== "admin") return { ok: false, reason: refusal("managersOnly") };
  const member = await db.membership.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
    select: { role: true },
  });
  if (!member) return { ok: false, reason: refusal("notMember") };
  if ((role === "owner" || member.role === "owner") && !actsAsOwner)
    return { ok: false, reason: refusal("ownersMakeOwners") };
  if (member.role === "owner" && role !== "owner" && (await ownerCount(db, organisationId)) <= 1)
    return { ok: false, reason: refusal("lastOwner") };
  await db.$transaction(async (tx) => {
    await tx.membership.update({ where: { organisationId_userId: { organisationId, userId } }, data: { role } });
    await record(tx, {
      actor: actor.audit,
      action: "membership.role-changed",
      subject: { type: "user", id: userId },
      organisationId,
      details: { from: member.role, to: role },
    });
  });
  return { ok: true };
}

/** Removes a member from the organisation and from its cohorts, under the same rules as a change of role. */
export async function removeMember(
  db: Db,
  organisationId: string,
  actor: { role: OrgRole | null; platformAdmin: boolean; audit: AuditActor },
  userId: string,
): Promise<MemberChangeResult> {
  const actsAsOwner = actor.role === "owner" || actor.platformAdmin;
  if (!actsAsOwner && actor.role !== "admin") return { ok: false, reason: refusal("managersOnly") };
  const member = await db.membership.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
    select: { role: true },
  });
  if (!member) return { ok: false, reason: refusal("notMember") };
  if (member.role === "owner" && !actsAsOwner) return { ok: false, reason: refusal("ownersRemoveOwners") };
  if (member.role === "owner" && (await ownerCount(db, organisationId)) <= 1)
    return { ok: false, reason: refusal("lastOwner") };
  await db.$transaction(async (tx) => {
    await tx.cohortMember.deleteMany({ where: { userId, cohort: { organisationId } } });
    await tx.membership.delete({ where: { organisationId_userId: { organisationId, userId } } });
    await record(tx, {
      actor: actor.audit,
      action: "membership.removed",
      subject: { type: "user", id: userId },
      organisationId,
      details: { role: member.role },
    });
  });
  return { ok: true };
}

const ownerCount = (db: DbClient, organisationId: string) =>
  db.membership.count({ where: { organisationId, role: "owner" } });

/** Adds the person to the organisation as a learner unless they already belong to it (any role is kept). */
export async function ensureMember(db: DbClient, organisationId: string, userId: string, role: OrgRole = "learner") {
  await db.membership.upsert({
    where: { organisationId_userId: { organisationId, userId } },
    create: { organisationId, userId, role },
    update: {},
  });
}
