// Organisation access for routes: anyone who may not see a cohort gets 404, as if it did not exist.
import { requireUser, type Auth } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { cohortStaffAccess } from "./roles.server";

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
