import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db/db.server";
import { downloadByButtonOnly } from "~/http/downloads.server";
import { startCohortDownload } from "~/reports/download.server";
import { downloadName } from "~/reports/export.server";
import { cohortStatementsStream } from "~/xapi/export.server";

/** The cohort's xAPI statements as JSON: a POST from the dashboard's button, recorded in the audit log. */
export async function action(args: ActionFunctionArgs) {
  const { organisation, cohort } = await startCohortDownload(args, "xapi");
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

export const loader = (args: LoaderFunctionArgs) => downloadByButtonOnly(args, "dashboard");
