import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requireAuthor } from "~/authoring/access.server";
import { ARCHIVE_LIMITS } from "~/authoring/archive.server";
import { compileForAuthors } from "~/authoring/compile.server";
import { importCourse } from "~/authoring/publishing.server";
import { db } from "~/db/db.server";
import { readFileUpload } from "~/http/upload.server";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Import a course", "Authoring") }];

export function loader({ request, context }: LoaderFunctionArgs) {
  requireAuthor(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAuthor(request, context);
  const upload = await readFileUpload(request, { maxFileBytes: ARCHIVE_LIMITS.maxArchiveBytes, what: "zip file" });
  if ("error" in upload) return data({ errors: [upload.error] }, upload.status);
  const result = await importCourse(db, compileForAuthors, user, upload);
  if (!result.ok) return data({ errors: result.errors }, 400);
  return redirect(paths.authorCourse({ slug: result.slug }));
}

export default function ImportCourse() {
  const result = useActionData<typeof action>();
  const pending = useIsPending();
  return (
    <div className="max-w-2xl">
      <p className="text-sm muted">
        <Link to={paths.author()}>Authoring</Link> ›
      </p>
      <h1 className="text-3xl font-bold">Import a course</h1>
      <p className="mt-2">
        Upload a zip of a course folder in the academy’s format (as <em>Export as zip</em> makes it: course.md,
        glossary.yml, numbered module folders with module.md, lessons and quiz.yml). It becomes a draft: a new course
        you own, or the new draft of your course with the same address. Nothing is published until you publish it.
      </p>
      {result?.errors && (
        <div role="alert" className="field-error mt-4">
          <p className="font-medium">The zip was not imported:</p>
          <ul className="list-disc ps-6">
            {result.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <Form method="post" encType="multipart/form-data" className="mt-6 grid gap-3">
        <div>
          <label htmlFor="zip-file" className="field-label">
            Course zip (at most 10 MB)
          </label>
          <input id="zip-file" name="file" type="file" accept=".zip,application/zip" required className="block" />
        </div>
        <div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Importing…" : "Import"}
          </button>
        </div>
      </Form>
    </div>
  );
}
