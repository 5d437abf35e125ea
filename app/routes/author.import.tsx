import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireAuthor } from "~/authoring/access.server";
import { ARCHIVE_LIMITS } from "~/authoring/archive.server";
import { compileForAuthors } from "~/authoring/compile.server";
import { importCourse } from "~/authoring/publishing.server";
import { db } from "~/db/db.server";
import { readFileUpload } from "~/http/upload.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("authoring");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

export async function loader(args: LoaderFunctionArgs) {
  await requireAuthor(args.request, args.context);
  const { t } = await requestTranslator(args, "authoring");
  return { title: pageTitle(t("import.title"), t("title")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireAuthor(request, context);
  const { t, language } = await requestTranslator({ request, context }, "authoring");
  const upload = await readFileUpload(request, { maxFileBytes: ARCHIVE_LIMITS.maxArchiveBytes, kind: "zip" });
  if ("error" in upload) return data({ errors: [say(t, upload.error, language)] }, upload.status);
  const result = await importCourse(db, compileForAuthors, user, upload);
  if (!result.ok) {
    const problems = "problem" in result ? [result.problem] : result.errors;
    return data({ errors: problems.map((p) => say(t, p, language)) }, 400);
  }
  return redirect(paths.authorCourse({ slug: result.slug }));
}

export default function ImportCourse() {
  const result = useActionData<typeof action>();
  const pending = useIsPending();
  const { t } = useTranslation("authoring");
  return (
    <div className="max-w-2xl">
      <p className="text-sm muted">
        <Link to={paths.author()}>{t("title")}</Link> {t("breadcrumb.separator")}
      </p>
      <h1 className="text-3xl font-bold">{t("import.title")}</h1>
      <p className="mt-2">
        <Trans t={t} i18nKey="import.intro" components={{ em: <em /> }} />
      </p>
      {result?.errors && (
        <div role="alert" className="field-error mt-4">
          <p className="font-medium">{t("import.notImported")}</p>
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
            {t("import.file")}
          </label>
          <input id="zip-file" name="file" type="file" accept=".zip,application/zip" required className="block" />
        </div>
        <div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? t("import.pending") : t("import.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
