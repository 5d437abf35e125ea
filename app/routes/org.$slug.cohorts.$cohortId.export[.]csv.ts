import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { downloadByButtonOnly } from "~/http/downloads.server";
import { startCohortDownload } from "~/reports/download.server";
import { cohortCsvStream, downloadName } from "~/reports/export.server";

/** The cohort's progress as CSV: a POST from the dashboard's button, recorded in the audit log. */
export async function action(args: ActionFunctionArgs) {
  const { organisation, cohort } = await startCohortDownload(args, "csv");
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

export const loader = (args: LoaderFunctionArgs) => downloadByButtonOnly(args, "dashboard");
