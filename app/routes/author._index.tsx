import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAuthor } from "~/authoring/access.server";
import { authoredCourses, createCourse } from "~/authoring/workspace.server";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { formatDate } from "~/lib/format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Authoring") }];

const CreateSchema = z.object({
  title: z
    .string({ required_error: "Give the course a title." })
    .trim()
    .min(3, "A title needs at least 3 characters.")
    .max(120, "Keep the title to 120 characters."),
  slug: z
    .string()
    .trim()
    .max(60, "Keep the address to 60 characters.")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case words joined by hyphens, e.g. repair-for-it-teams.")
    .optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireAuthor(request, context);
  const courses = await authoredCourses(db, user);
  return { courses: courses.map((c) => ({ ...c, publishedAt: c.publishedAt?.toISOString() ?? null })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireAuthor(request, context);
  const submission = parseWithZod(await readForm(request), { schema: CreateSchema });
  if (submission.status !== "success") return data(submission.reply(), 400);
  const result = await createCourse(db, user, submission.value);
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [result.message] } }), 400);
  return redirect(paths.authorCourse({ slug: result.slug }));
}

const ROLE = { owner: "Owner", coauthor: "Co-author", admin: "Admin" } as const;

export default function AuthorHome() {
  const { courses } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateSchema }),
    shouldValidate: "onBlur",
  });
  const pending = useIsPending();
  return (
    <div>
      <h1 className="text-3xl font-bold">Authoring</h1>
      <p className="mt-2 muted">
        Write and improve courses. Edits stay in a draft until you publish; learners always see the published version.
      </p>

      <h2 className="mt-8 text-xl font-semibold">Your courses</h2>
      {courses.length === 0 ? (
        <p className="mt-2">You do not author any course yet. Create one below, or ask a course’s owner to add you.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-600">
                <th scope="col" className="py-2 pe-4">
                  Course
                </th>
                <th scope="col" className="py-2 pe-4">
                  Your role
                </th>
                <th scope="col" className="py-2 pe-4">
                  Published
                </th>
                <th scope="col" className="py-2 pe-4">
                  Draft
                </th>
                <th scope="col" className="py-2">
                  Learners
                </th>
              </tr>
            </thead>
            <tbody>
              {courses.map((c) => (
                <tr key={c.slug} className="border-b border-slate-200 dark:border-slate-700">
                  <td className="py-2 pe-4">
                    <Link to={paths.authorCourse(c)} className="font-medium">
                      {c.title}
                    </Link>
                    {c.origin === "content" && <span className="ms-2 muted">(from the content folder)</span>}
                    {c.retired && <span className="ms-2 muted">(retired)</span>}
                  </td>
                  <td className="py-2 pe-4">{ROLE[c.role]}</td>
                  <td className="py-2 pe-4">
                    {c.version ? `Version ${c.version}, ${formatDate(c.publishedAt!)}` : "Not yet published"}
                  </td>
                  <td className="py-2 pe-4">{c.hasDraft ? "Unpublished changes" : "—"}</td>
                  <td className="py-2">{c.learners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="mt-10 text-xl font-semibold">Create a course</h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid max-w-xl gap-4">
        <Field field={fields.title} label="Title" />
        <Field
          field={fields.slug}
          label="Address (optional)"
          hint="The course’s address: /courses/your-address. Left empty, it is made from the title."
        />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Creating…" : "Create course"}
          </button>
        </div>
      </Form>
      <p className="mt-6">
        Or <Link to={paths.authorImport()}>import a course from a zip file</Link>.
      </p>
    </div>
  );
}
