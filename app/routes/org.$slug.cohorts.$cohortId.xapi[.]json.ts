import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { requireCohortStaff } from "~/organisations/access.server";
import { downloadName } from "~/reports/export.server";
import { cohortStatementsStream } from "~/xapi/export.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort } = await requireCohortStaff(request, context, params.slug, params.cohortId);
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
