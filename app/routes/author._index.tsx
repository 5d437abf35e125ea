import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAuthor } from "~/authoring/access.server";
import { authoredCourses, createCourse } from "~/authoring/workspace.server";
import { Field } from "~/components/field";
import { ScrollRegion } from "~/components/scroll-region";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useFormat } from "~/lib/use-format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("authoring");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

/** The new course's form, with its messages in the page's language (the same rules in the browser and on the server). */
const createSchema = (t: TFunction) =>
  z.object({
    title: z
      .string({ required_error: t("home.errors.titleRequired") })
      .trim()
      .min(3, t("home.errors.titleShort"))
      .max(120, t("home.errors.titleLong")),
    slug: z
      .string()
      .trim()
      .max(60, t("home.errors.slugLong"))
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, t("home.errors.slugFormat"))
      .optional(),
  });

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireAuthor(args.request, args.context);
  const { t } = await requestTranslator(args, "authoring");
  const courses = await authoredCourses(db, user);
  return {
    title: pageTitle(t("title")),
    courses: courses.map((c) => ({ ...c, publishedAt: c.publishedAt?.toISOString() ?? null })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  const user = await requireAuthor(request, context);
  const { t } = await requestTranslator(args, "authoring");
  const submission = parseWithZod(await readForm({ request, context }), { schema: createSchema(t) });
  if (submission.status !== "success") return data(submission.reply(), 400);
  const result = await createCourse(db, user, submission.value);
  if (!result.ok) return data(submission.reply({ fieldErrors: { [result.field]: [say(t, result.problem)] } }), 400);
  return redirect(paths.authorCourse({ slug: result.slug }));
}

export default function AuthorHome() {
  const { courses } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("authoring");
  const format = useFormat();
  const schema = useMemo(() => createSchema(t), [t]);
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
  });
  const pending = useIsPending();
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p className="mt-2 muted">{t("home.intro")}</p>

      <h2 className="mt-8 text-xl font-semibold">{t("home.yourCourses")}</h2>
      {courses.length === 0 ? (
        <p className="mt-2">{t("home.none")}</p>
      ) : (
        <ScrollRegion label={t("home.yourCourses")} className="mt-3">
          <table className="w-full text-start text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-600">
                <th scope="col" className="py-2 pe-4">
                  {t("home.table.course")}
                </th>
                <th scope="col" className="py-2 pe-4">
                  {t("home.table.role")}
                </th>
                <th scope="col" className="py-2 pe-4">
                  {t("home.table.published")}
                </th>
                <th scope="col" className="py-2 pe-4">
                  {t("home.table.draft")}
                </th>
                <th scope="col" className="py-2">
                  {t("home.table.learners")}
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
                    {c.origin === "content" && <span className="ms-2 muted">{t("home.fromContent")}</span>}
                    {c.retired && <span className="ms-2 muted">{t("home.retired")}</span>}
                  </td>
                  <td className="py-2 pe-4">{t(`home.role.${c.role}`)}</td>
                  <td className="py-2 pe-4">
                    {c.version
                      ? t("home.publishedVersion", { version: c.version, date: format.date(c.publishedAt!) })
                      : t("home.notPublished")}
                  </td>
                  <td className="py-2 pe-4">{c.hasDraft ? t("home.unpublishedChanges") : "—"}</td>
                  <td className="py-2">{format.number(c.learners)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2 className="mt-10 text-xl font-semibold">{t("home.create.heading")}</h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid max-w-xl gap-4">
        <Field field={fields.title} label={t("home.create.title")} />
        <Field field={fields.slug} label={t("home.create.slug")} hint={t("home.create.slugHint")} />
        {form.errors?.length ? <p className="field-error">{form.errors.join(" ")}</p> : null}
        <div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? t("home.create.pending") : t("home.create.submit")}
          </button>
        </div>
      </Form>
      <p className="mt-6">
        <Trans t={t} i18nKey="home.importLink" components={{ a: <Link to={paths.authorImport()} /> }} />
      </p>
    </div>
  );
}
