import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { compileForAuthors } from "~/authoring/compile.server";
import { PALETTE } from "~/authoring/palette";
import { checkFile, previewLesson } from "~/authoring/preview.server";
import { draftOf, fileMap, MAX_FILE_BYTES, saveDraftFile } from "~/authoring/workspace.server";
import { CodeEditor } from "~/components/code-editor";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useFormat } from "~/lib/use-format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("authoring");

/** A preview changes nothing stored: the page's data is not reloaded after one. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

async function load(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const path = params["*"] ?? "";
  const draft = await draftOf(db, course.id);
  const file =
    draft.files.find((f) => f.path === path) ??
    notFound((await requestTranslator({ request, context }, "authoring")).t("files.notFound"));
  return { user, course, path, file, files: fileMap(draft.files) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { course, path, file, files } = await load(args.request, args.context, args.params);
  const { t } = await requestTranslator(args, "authoring");
  return {
    title: pageTitle(path, t("title")),
    course,
    path,
    body: file.body,
    revision: file.revision,
    isLesson: path.endsWith(".mdx"),
    problems: await checkFile(files, course.slug, path, file.body, compileForAuthors),
  };
}

const saveSchema = (t: TFunction) =>
  z.object({
    intent: z.enum(["save", "preview"]),
    body: z.string().max(MAX_FILE_BYTES, t("files.tooLarge", { kilobytes: MAX_FILE_BYTES / 1000 })),
    revision: z.coerce.number().int().min(0),
  });

export async function action(args: ActionFunctionArgs) {
  const { request, context, params } = args;
  // A preview needs only the author's access and the text: the draft is read for a save only.
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const { t, language } = await requestTranslator(args, "authoring");
  const path = params["*"] ?? "";
  const form = await readForm({ request, context }, { maxBytes: 2 * MAX_FILE_BYTES });
  const parsed = saveSchema(t).safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return data(
      {
        intent: "save",
        body: "",
        message: parsed.error.issues[0].message,
        problems: [],
        preview: null,
        conflict: null,
        revision: null,
      },
      400,
    );
  const { intent, body, revision } = parsed.data;
  if (intent === "preview") {
    // The compiler's worker checks the MDX: nothing is parsed twice on the request thread.
    if (!path.endsWith(".mdx"))
      return data({ intent, body, message: null, problems: [], preview: null, conflict: null, revision: null }, 400);
    const preview = await previewLesson(compileForAuthors, body, language);
    return data({
      intent,
      body,
      message: null,
      problems: preview.ok ? [] : preview.problems,
      preview: preview.ok ? preview.html : null,
      conflict: null,
      revision: null,
    });
  }
  const { files } = await load(request, context, params);
  const problems = await checkFile(files, course.slug, path, body, compileForAuthors);
  const saved = await saveDraftFile(db, user.id, course.id, { path, body, baseRevision: revision });
  if (saved.ok)
    return data({
      intent,
      body,
      message: problems.length ? t("files.savedWithProblems", { count: problems.length }) : t("files.saved"),
      problems,
      preview: null,
      conflict: null,
      revision: saved.revision,
    });
  if (!saved.conflict)
    return data(
      { intent, body, message: say(t, saved.problem), problems, preview: null, conflict: null, revision: null },
      400,
    );
  return data(
    {
      intent,
      body,
      message: null,
      problems,
      preview: null,
      conflict: { ...saved.conflict, updatedAt: saved.conflict.updatedAt.toISOString() },
      revision: null,
    },
    409,
  );
}

export default function EditFile() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const preview = useFetcher<typeof action>();
  const pending = useIsPending();
  // After a conflict the author's text stays in the editor; saving again replaces the other text
  // deliberately, since the newer revision has now been seen.
  const revision = result?.conflict?.revision ?? result?.revision ?? loaded.revision;
  const body = result?.body || loaded.body;
  const problems = preview.data?.problems ?? result?.problems ?? loaded.problems;
  const html = preview.data?.preview ?? result?.preview ?? null;
  const [insert, setInsert] = useState<{ text: string; n: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = (text: string) => {
    if (!loaded.isLesson) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      preview.submit({ intent: "preview", body: text, revision: String(revision) }, { method: "post" });
    }, 800);
  };
  // One editor per file: saving or a conflict never replaces it, so nothing typed meanwhile is lost.
  const editorKey = loaded.path;
  const { t } = useTranslation("authoring");
  const format = useFormat();

  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>{t("title")}</Link> {t("breadcrumb.separator")}{" "}
        <Link to={paths.authorCourse(loaded.course)}>{loaded.course.title}</Link> {t("breadcrumb.separator")}
      </p>
      <h1 className="text-2xl font-bold">
        <code dir="ltr">{loaded.path}</code>
      </h1>
      {/(^|\/)(quiz|final-assessment)\.yml$/.test(loaded.path) && (
        <p className="mt-2">
          <Link to={paths.authorQuiz(loaded.course, loaded.path)}>{t("files.editQuiz")}</Link>
        </p>
      )}
      {result?.message && (
        <p role={result.intent === "save" && result.revision ? "status" : "alert"} className="mt-2 font-medium">
          {result.message}
        </p>
      )}
      {result?.conflict && (
        <div role="alert" className="mt-4 rounded-md border-s-4 border-amber-600 bg-amber-50 p-4 dark:bg-amber-950">
          <p className="font-semibold">
            {result.conflict.updatedBy
              ? t("files.conflict.savedBy", {
                  name: result.conflict.updatedBy,
                  date: format.date(result.conflict.updatedAt, "medium"),
                })
              : t("files.conflict.savedBySomeone", { date: format.date(result.conflict.updatedAt, "medium") })}
          </p>
          <p className="mt-1">{t("files.conflict.merge")}</p>
          <details className="mt-2" open>
            <summary className="cursor-pointer font-medium">
              {t("files.conflict.theirs", { revision: result.conflict.revision })}
            </summary>
            <pre
              dir="ltr"
              className="mt-2 whitespace-pre-wrap break-words rounded bg-white p-2 text-sm dark:bg-slate-900"
            >
              {result.conflict.body}
            </pre>
          </details>
        </div>
      )}

      <div className={`mt-4 grid gap-6 ${loaded.isLesson ? "lg:grid-cols-2" : ""}`}>
        <Form method="post">
          <input type="hidden" name="revision" value={revision} />
          <label htmlFor="file-body" className="field-label">
            {loaded.isLesson ? t("files.editor.lesson") : t("files.editor.file")}
          </label>
          <CodeEditor
            key={editorKey}
            id="file-body"
            name="body"
            defaultValue={body}
            language={loaded.path.endsWith(".yml") ? "yaml" : "markdown"}
            problems={problems}
            label={t("files.editor.label", { path: loaded.path })}
            describedBy="file-problems"
            onChange={refresh}
            insert={insert}
          />
          <div id="file-problems" className="mt-3">
            {problems.length === 0 ? (
              <p className="text-sm muted">{t("files.problems.none")}</p>
            ) : (
              <>
                <h2 className="font-semibold">
                  {t("files.problems.heading", { number: format.number(problems.length) })}
                </h2>
                <ul className="field-error mt-1 list-disc ps-6 text-sm">
                  {problems.map((p, i) => (
                    <li key={i}>{t("files.problems.item", { line: p.line, column: p.column, message: p.message })}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <div className="mt-4 flex flex-wrap gap-3">
            <button type="submit" name="intent" value="save" className="btn-primary" disabled={pending}>
              {pending ? t("files.pending") : t("files.save")}
            </button>
            {loaded.isLesson && (
              <button type="submit" name="intent" value="preview" className="btn-secondary">
                {t("files.preview.button")}
              </button>
            )}
          </div>
        </Form>

        {loaded.isLesson && (
          <section aria-labelledby="preview-heading">
            <h2 id="preview-heading" className="field-label">
              {preview.state !== "idle" ? t("files.preview.updating") : t("files.preview.heading")}
            </h2>
            {html ? (
              <div
                className="lesson-body prose max-w-none rounded-md border border-slate-300 p-4 dark:border-slate-600"
                dangerouslySetInnerHTML={{ __html: html }}
              />
            ) : (
              <p className="muted">{problems.length ? t("files.preview.fixProblems") : t("files.preview.empty")}</p>
            )}
          </section>
        )}
      </div>

      {loaded.isLesson && (
        <section aria-labelledby="palette-heading" className="mt-8">
          <h2 id="palette-heading" className="text-xl font-semibold">
            {t("files.palette.heading")}
          </h2>
          <p className="text-sm muted">{t("files.palette.intro")}</p>
          <dl className="mt-3 grid gap-3 sm:grid-cols-2">
            {PALETTE.map((c) => (
              <div key={c.name} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
                <dt className="flex items-center justify-between gap-2 font-mono font-semibold">
                  {c.name}
                  <button
                    type="button"
                    className="btn-secondary px-2 py-0.5 text-sm"
                    onClick={() => setInsert((x) => ({ text: c.snippet, n: (x?.n ?? 0) + 1 }))}
                  >
                    <Trans
                      t={t}
                      i18nKey="files.palette.insert"
                      values={{ name: c.name }}
                      components={{ hidden: <span className="sr-only" /> }}
                    />
                  </button>
                </dt>
                <dd className="mt-1 text-sm">{t(`files.palette.about.${c.name}`, { defaultValue: c.about })}</dd>
                <dd>
                  <pre dir="ltr" className="mt-1 whitespace-pre-wrap break-words text-xs">
                    {c.snippet}
                  </pre>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}
