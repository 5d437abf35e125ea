import type { LoaderFunctionArgs } from "@remix-run/node";
import { record } from "~/audit/audit.server";
import { db } from "~/db/db.server";
import { requireCohortStaff } from "~/organisations/access.server";
import { downloadName } from "~/reports/export.server";
import { cohortStatementsStream } from "~/xapi/export.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, organisation, cohort, as } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  // A download of learners' data is recorded: the one write of this GET is the audit entry of the read itself.
  await record(db, {
    actor: { id: user.id, label: as === "manager" ? "manager" : "staff", ip: context.clientIp },
    action: "cohort.exported",
    subject: { type: "cohort", id: cohort.id },
    organisationId: organisation.id,
    details: { format: "xapi" },
  });
  const name = downloadName([organisation.slug, cohort.name, "xapi"], "json");
  return new Response(cohortStatementsStream(db, cohort.id), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Experience-API-Version": "1.0.3",
    },
  });
}
