// Who is what in an organisation and its cohorts. Organisation roles: "owner", "admin",
// "instructor", "learner"; cohort roles: "learner", "instructor". Organisation data is seen only by
// its owners and admins and by a cohort's instructors (for that cohort); a learner sees only their
// own progress. Platform admins see everything. Domain module: answers questions, never HTTP.
import type { AuthUser } from "~/auth/auth.server";
import type { DbClient } from "~/db/db.server";

export const ORG_ROLES = ["owner", "admin", "instructor", "learner"] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
export const COHORT_ROLES = ["learner", "instructor"] as const;
export type CohortRole = (typeof COHORT_ROLES)[number];

/** Owners and admins manage the organisation: its members, cohorts and invitations. */
export const managesOrganisation = (role: string | null | undefined) => role === "owner" || role === "admin";

/** The person's role in the organisation at `slug`, and the organisation; null when it does not exist. */
export async function organisationFor(db: DbClient, user: AuthUser, slug: string) {
  const organisation = await db.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true },
  });
  if (!organisation) return null;
  const membership = await db.membership.findUnique({
    where: { organisationId_userId: { organisationId: organisation.id, userId: user.id } },
    select: { role: true },
  });
  return { organisation, role: (membership?.role ?? null) as OrgRole | null, platformAdmin: user.isAdmin };
}

export type CohortAccess =
  | {
      ok: true;
      organisation: { id: string; slug: string; name: string };
      cohort: { id: string; name: string };
      as: "manager" | "instructor";
    }
  | { ok: false };

/**
 * Whether the person may see a cohort's members and reports (its dashboard, export, invitations):
 * the organisation's owners and admins, the cohort's instructors, and platform admins. Everyone
 * else, members of other organisations included, is told it does not exist.
 */
export async function cohortStaffAccess(
  db: DbClient,
  user: AuthUser,
  orgSlug: string,
  cohortId: string,
): Promise<CohortAccess> {
  const found = await organisationFor(db, user, orgSlug);
  if (!found) return { ok: false };
  const cohort = await db.cohort.findFirst({
    where: { id: cohortId, organisationId: found.organisation.id },
    select: { id: true, name: true },
  });
  if (!cohort) return { ok: false };
  if (managesOrganisation(found.role) || found.platformAdmin)
    return { ok: true, organisation: found.organisation, cohort, as: "manager" };
  const member = await db.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId, userId: user.id } },
    select: { role: true },
  });
  if (member?.role === "instructor") return { ok: true, organisation: found.organisation, cohort, as: "instructor" };
  return { ok: false };
}
