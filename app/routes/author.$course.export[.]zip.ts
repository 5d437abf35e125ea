import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { record } from "~/audit/audit.server";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { exportCourseZip } from "~/authoring/archive.server";
import { draftOf, fileMap } from "~/authoring/workspace.server";
import { db } from "~/db/db.server";
import { downloadByButtonOnly } from "~/http/downloads.server";

/**
 * The course's draft (the published version when nobody has edited since) as a zip of the content/
 * format: a POST from the course page's button, recorded in the audit log.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  await record(db, {
    actor: { id: user.id, label: "author", ip: context.clientIp },
    action: "course.exported",
    subject: { type: "course", id: course.id },
    details: { format: "zip", slug: course.slug },
  });
  const zip = exportCourseZip(course.slug, fileMap((await draftOf(db, course.id)).files));
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${course.slug}.zip"`,
      "Content-Length": String(zip.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}

export const loader = (args: LoaderFunctionArgs) => downloadByButtonOnly(args, "course");
