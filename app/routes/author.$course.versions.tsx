import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { diffFiles, restoreVersion, versionFiles, versionHistory } from "~/authoring/publishing.server";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("authoring");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

/** Where a version came from (PublishedVersion.origin), each with its words in the message files. */
const ORIGINS = ["content", "editor", "import", "restore"];

export async function loader(args: LoaderFunctionArgs) {
  const { request, context, params } = args;
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const { t } = await requestTranslator(args, "authoring");
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
  return {
    title: pageTitle(t("versions.title"), t("title")),
    course,
    history: history.map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() })),
    diff,
  };
}

const Restore = z.object({ number: z.coerce.number().int().min(1) });

export async function action(args: ActionFunctionArgs) {
  const { request, context, params } = args;
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const { t } = await requestTranslator(args, "authoring");
  const parsed = Restore.safeParse(Object.fromEntries(await readForm({ request, context })));
  if (!parsed.success) return data({ message: t("versions.chooseVersion") }, 400);
  const result = await restoreVersion(db, { courseId: course.id, userId: user.id, number: parsed.data.number });
  if (!result.ok) return data({ message: say(t, result.problem) }, 400);
  return redirect(paths.authorCourse(course));
}

export default function Versions() {
  const { course, history, diff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("authoring");
  const format = useFormat();
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>{t("title")}</Link> {t("breadcrumb.separator")}{" "}
        <Link to={paths.authorCourse(course)}>{course.title}</Link> {t("breadcrumb.separator")}
      </p>
      <h1 className="text-3xl font-bold">{t("versions.title")}</h1>
      <p className="mt-2 muted">{t("versions.intro")}</p>
      {result?.message && (
        <p role="alert" className="field-error mt-3">
          {result.message}
        </p>
      )}
      {history.length === 0 ? (
        <p className="mt-4">{t("versions.none")}</p>
      ) : (
        <ol className="mt-4 space-y-3">
          {history.map((v) => (
            <li key={v.number} className="rounded-md border border-slate-300 p-3 dark:border-slate-600">
              <p className="font-semibold">
                {t("versions.version", { number: v.number })}
                {v.number === course.currentVersion && (
                  <span className="ms-2 text-sm font-normal">{t("versions.current")}</span>
                )}
              </p>
              <p className="text-sm muted">
                {t(v.publishedBy ? "versions.publishedBy" : "versions.published", {
                  date: format.date(v.publishedAt, "medium"),
                  origin: ORIGINS.includes(v.origin) ? t(`versions.origin.${v.origin}`) : v.origin,
                  name: v.publishedBy,
                })}
              </p>
              <p className="mt-1">{v.changeNote}</p>
              <div className="mt-2 flex flex-wrap gap-3">
                <Link to={paths.authorVersions(course, { compare: String(v.number) })}>
                  <Trans
                    t={t}
                    i18nKey="versions.whatChanged"
                    values={{ number: v.number }}
                    components={{ hidden: <span className="sr-only" /> }}
                  />
                </Link>
                <Form method="post">
                  <input type="hidden" name="number" value={v.number} />
                  <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
                    <Trans
                      t={t}
                      i18nKey="versions.restore"
                      values={{ number: v.number }}
                      components={{ hidden: <span className="sr-only" /> }}
                    />
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
            {diff.number > 1
              ? t("versions.diff.headingSince", { number: diff.number, previous: diff.number - 1 })
              : t("versions.diff.heading", { number: diff.number })}
          </h2>
          {diff.changes.length === 0 && <p className="mt-2">{t("versions.diff.none")}</p>}
          <ul className="mt-3 space-y-4">
            {diff.changes.map((c) => (
              <li key={c.path}>
                <p className="font-medium">
                  <Trans
                    t={t}
                    i18nKey={`versions.diff.${c.change}.${c.kind}`}
                    components={{ code: <code dir="ltr">{c.path}</code> }}
                  />
                </p>
                <pre
                  dir="ltr"
                  className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
                >
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
                          {line.startsWith("+") ? (
                            <span className="sr-only">{t("versions.diff.addedLine")} </span>
                          ) : null}
                          {line.startsWith("-") ? (
                            <span className="sr-only">{t("versions.diff.removedLine")} </span>
                          ) : null}
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
