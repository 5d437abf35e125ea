// The start of every cohort download (progress CSV, xAPI statements): who may download it, and the
// audit entry that records the download, written before the first byte leaves.
import type { ActionFunctionArgs } from "@remix-run/node";
import { record } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { requireCohortStaff } from "~/organisations/access.server";

export async function startCohortDownload({ request, context, params }: ActionFunctionArgs, format: "csv" | "xapi") {
  const { user, organisation, cohort, as } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  await record(db, {
    actor: { id: user.id, label: as === "manager" ? "manager" : "staff", ip: context.clientIp },
    action: "cohort.exported",
    subject: { type: "cohort", id: cohort.id },
    organisationId: organisation.id,
    details: { format },
  });
  return { organisation, cohort };
}
