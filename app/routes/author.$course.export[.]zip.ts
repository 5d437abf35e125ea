import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { exportCourseZip } from "~/authoring/archive.server";
import { draftOf, fileMap } from "~/authoring/workspace.server";
import { db } from "~/db/db.server";

/** The course's draft (the published version when nobody has edited since) as a zip of the content/ format. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const zip = exportCourseZip(course.slug, fileMap((await draftOf(db, course.id)).files));
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${course.slug}.zip"`,
      "Content-Length": String(zip.byteLength),
    },
  });
}
