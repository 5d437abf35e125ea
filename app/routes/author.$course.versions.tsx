import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { diffFiles, restoreVersion, versionFiles, versionHistory } from "~/authoring/publishing.server";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Version history", "Authoring") }];

const ORIGIN = {
  content: "from the content folder",
  editor: "in the workspace",
  import: "imported",
  restore: "restored",
} as Record<string, string>;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const history = await versionHistory(db, course.id);
  const compare = Number(new URL(request.url).searchParams.get("compare"));
  let diff = null;
  if (Number.isInteger(compare) && history.some((v) => v.number === compare)) {
    const [after, before] = await Promise.all([
      versionFiles(db, course.id, compare),
      compare > 1 ? versionFiles(db, course.id, compare - 1) : Promise.resolve({}),
    ]);
    diff = { number: compare, changes: diffFiles(before ?? {}, after ?? {}) };
  }
  return { course, history: history.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })), diff };
}

const Restore = z.object({ number: z.coerce.number().int().min(1) });

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const parsed = Restore.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ message: "Choose a version to restore." }, 400);
  const result = await restoreVersion(db, { courseId: course.id, userId: user.id, number: parsed.data.number });
  if (!result.ok) return data({ message: result.message }, 400);
  return redirect(paths.authorCourse(course));
}

const CHANGE = { added: "Added", removed: "Removed", edited: "Edited" } as const;

export default function Versions() {
  const { course, history, diff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>Authoring</Link> › <Link to={paths.authorCourse(course)}>{course.title}</Link> ›
      </p>
      <h1 className="text-3xl font-bold">Version history</h1>
      <p className="mt-2 muted">
        Every publication is kept. Restoring a version makes it the draft again; publishing it then creates a new
        version, so learners’ progress and earlier certificates stay as they were.
      </p>
      {result?.message && (
        <p role="alert" className="field-error mt-3">
          {result.message}
        </p>
      )}
      {history.length === 0 ? (
        <p className="mt-4">Nothing published yet.</p>
      ) : (
        <ol className="mt-4 space-y-3">
          {history.map((v) => (
            <li key={v.number} className="rounded-md border border-slate-300 p-3 dark:border-slate-600">
              <p className="font-semibold">
                Version {v.number}
                {v.number === course.currentVersion && (
                  <span className="ms-2 text-sm font-normal">(learners see this one)</span>
                )}
              </p>
              <p className="text-sm muted">
                {formatDate(v.publishedAt, "medium")}, {ORIGIN[v.origin] ?? v.origin}
                {v.publishedBy ? `, by ${v.publishedBy}` : ""}
              </p>
              <p className="mt-1">{v.changeNote}</p>
              <div className="mt-2 flex flex-wrap gap-3">
                <Link to={paths.authorVersions(course, { compare: String(v.number) })}>
                  What changed<span className="sr-only"> in version {v.number}</span>
                </Link>
                <Form method="post">
                  <input type="hidden" name="number" value={v.number} />
                  <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
                    Restore as draft<span className="sr-only"> version {v.number}</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}

      {diff && (
        <section aria-labelledby="diff-heading" className="mt-10">
          <h2 id="diff-heading" className="text-xl font-semibold">
            What changed in version {diff.number}
            {diff.number > 1 ? ` (since version ${diff.number - 1})` : ""}
          </h2>
          {diff.changes.length === 0 && <p className="mt-2">No file changed.</p>}
          <ul className="mt-3 space-y-4">
            {diff.changes.map((c) => (
              <li key={c.path}>
                <p className="font-medium">
                  {CHANGE[c.change]} {c.kind}: <code>{c.path}</code>
                </p>
                <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                  {c.hunks.map((h) => (
                    <span key={h.header}>
                      <span className="muted">{h.header}</span>
                      {"\n"}
                      {h.lines.map((line, i) => (
                        <span
                          key={i}
                          className={
                            line.startsWith("+")
                              ? "bg-emerald-100 dark:bg-emerald-950"
                              : line.startsWith("-")
                                ? "bg-red-100 dark:bg-red-950"
                                : undefined
                          }
                        >
                          {line.startsWith("+") ? <span className="sr-only">added: </span> : null}
                          {line.startsWith("-") ? <span className="sr-only">removed: </span> : null}
                          {line}
                          {"\n"}
                        </span>
                      ))}
                    </span>
                  ))}
                </pre>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
