import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { requireCohortStaff } from "~/organisations/access.server";
import { cohortCsvStream, downloadName } from "~/reports/export.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  const name = downloadName([organisation.slug, cohort.name, "progress"], "csv");
  return new Response(cohortCsvStream(db, cohort.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
