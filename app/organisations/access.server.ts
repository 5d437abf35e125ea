// Organisation access for routes: anyone who may not see a cohort gets 404, as if it did not exist.
import type { AuditActor } from "~/audit/audit.server";
import { requireUser, type Auth } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { httpError, notFound } from "~/http/errors.server";
import { languageFor } from "~/i18n/i18n.server";
import { translator } from "~/i18n/translator.server";
import { cohortStaffAccess, managesOrganisation, organisationFor } from "./roles.server";

type Ctx = { auth?: Auth };

/** The signed-in person and the cohort they may follow as its organisation's manager or its instructor. */
export async function requireCohortStaff(
  request: Request,
  context: Ctx,
  orgSlug: string | undefined,
  cohortId: string | undefined,
) {
  const user = requireUser(request, context);
  const access = await cohortStaffAccess(db, user, orgSlug ?? "", cohortId ?? "");
  if (!access.ok) notFound("There is no such cohort.");
  return { user, organisation: access.organisation, cohort: access.cohort, as: access.as };
}

/**
 * The signed-in person and the organisation at `orgSlug`, when they belong to it (or are a platform
 * admin); everyone else gets 404. `manages`: an owner, an admin, or a platform admin.
 */
export async function requireOrganisationMember(request: Request, context: Ctx, orgSlug: string | undefined) {
  const user = requireUser(request, context);
  const found = await organisationFor(db, user, orgSlug ?? "");
  if (!found || (!found.role && !found.platformAdmin)) notFound("There is no such organisation.");
  return {
    user,
    organisation: found.organisation,
    role: found.role,
    platformAdmin: found.platformAdmin,
    manages: managesOrganisation(found.role) || found.platformAdmin,
  };
}

/** Like requireCohortStaff, but only for the organisation's managers (owners, admins, platform admins). */
export async function requireCohortManager(
  request: Request,
  context: Ctx,
  orgSlug: string | undefined,
  cohortId: string | undefined,
) {
  const staff = await requireCohortStaff(request, context, orgSlug, cohortId);
  if (staff.as !== "manager")
    throw httpError(403, translator(await languageFor(request, staff.user), "org")("problems.managersOnly"));
  return staff;
}

/** The person acting in an organisation, as the audit log records them: their capacity, never their name. */
export function orgActor(
  me: { user: { id: string }; role: string | null; platformAdmin: boolean },
  ip: string,
): AuditActor {
  const label = me.role === "owner" ? "owner" : me.role === "admin" ? "manager" : me.platformAdmin ? "admin" : "staff";
  return { id: me.user.id, label, ip };
}
