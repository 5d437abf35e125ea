import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { compileForAuthors } from "~/authoring/compile.server";
import { REVEAL_CHOICES } from "~/authoring/details";
import { checkFile } from "~/authoring/preview.server";
import { applyQuizEdit, checkQuizForm, formFromFields, quizToForm, type QuizForm } from "~/authoring/quiz-form";
import { draftOf, fileMap, saveDraftFile } from "~/authoring/workspace.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("author");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

const isQuizFile = (path: string) => /^([^/]+\/quiz|final-assessment)\.yml$/.test(path);

async function load(
  request: Request,
  context: LoaderFunctionArgs["context"],
  params: LoaderFunctionArgs["params"],
  t: TFunction,
) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const path = params["*"] ?? "";
  const draft = await draftOf(db, course.id);
  const file = draft.files.find((f) => f.path === path);
  if (!file || !isQuizFile(path)) notFound(t("quiz.notFound"));
  return { user, course, path, file, files: fileMap(draft.files) };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "author");
  const { course, path, file } = await load(request, context, params, t);
  return {
    title: pageTitle(t("quiz.title"), t("meta.authoring")),
    course,
    path,
    revision: file.revision,
    quiz: quizToForm(file.body),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "author");
  const { user, course, path, files } = await load(request, context, params, t);
  const form = await readForm({ request, context }, { maxFields: 2000 });
  const intent = String(form.get("intent") ?? "save");
  const revision = Number(form.get("revision") ?? 0);
  const quiz = formFromFields(form);
  if (intent !== "save")
    return data({ quiz: applyQuizEdit(quiz, intent), revision, problems: [] as string[], saved: null });
  const checked = checkQuizForm(quiz);
  if (!checked.ok) return data({ quiz, revision, problems: checked.problems.map((p) => say(t, p)), saved: null }, 400);
  // Checks that need the rest of the course (e.g. outcome numbers) come from the file check.
  const inCourse = (await checkFile(files, course.slug, path, checked.yaml, compileForAuthors)).map((p) => p.message);
  if (inCourse.length) return data({ quiz, revision, problems: inCourse, saved: null }, 400);
  const saved = await saveDraftFile(db, user.id, course.id, { path, body: checked.yaml, baseRevision: revision });
  if (!saved.ok) {
    const problem = saved.conflict
      ? saved.conflict.updatedBy
        ? t("quiz.conflict", { name: saved.conflict.updatedBy })
        : t("quiz.conflictSomeone")
      : say(t, saved.problem);
    return data({ quiz, revision, problems: [problem], saved: null }, 409);
  }
  return data({
    quiz: quizToForm(checked.yaml),
    revision: saved.revision,
    problems: [] as string[],
    saved: t("quiz.saved"),
  });
}

function Button({ intent, children }: { intent: string; children: ReactNode }) {
  return (
    <button type="submit" name="intent" value={intent} className="btn-secondary px-2 py-0.5 text-sm" formNoValidate>
      {children}
    </button>
  );
}

/** A button's words, with what it acts on for screen readers ("Remove<hidden> question 2</hidden>"). */
function Named({ i18nKey, values }: { i18nKey: string; values: Record<string, string> }) {
  const { t } = useTranslation("author");
  return <Trans t={t} i18nKey={i18nKey} values={values} components={{ hidden: <span className="sr-only" /> }} />;
}

function QuestionFields({ q, i, count }: { q: QuizForm["questions"][number]; i: number; count: number }) {
  const { t } = useTranslation("author");
  const f = (name: string) => `q.${i}.${name}`;
  const id = (name: string) => `q-${i}-${name}`;
  const question = String(i + 1);
  return (
    <fieldset className="rounded-md border border-slate-300 p-4 dark:border-slate-600">
      <legend className="px-1 font-semibold">{t("quiz.question.legend", { number: question })}</legend>
      <input type="hidden" name={f("id")} value={q.id} />
      <input type="hidden" name={f("outcome")} value={q.outcome} />
      <div className="grid gap-3">
        <div>
          <label htmlFor={id("type")} className="field-label">
            {t("quiz.question.type")}
          </label>
          <select id={id("type")} name={f("type")} defaultValue={q.type} className="field-input">
            <option value="single">{t("quiz.question.types.single")}</option>
            <option value="multiple">{t("quiz.question.types.multiple")}</option>
            <option value="truefalse">{t("quiz.question.types.truefalse")}</option>
          </select>
        </div>
        <div>
          <label htmlFor={id("prompt")} className="field-label">
            {t("quiz.question.prompt")}
          </label>
          <textarea
            id={id("prompt")}
            name={f("prompt")}
            defaultValue={q.prompt}
            rows={2}
            className="field-input w-full"
          />
        </div>
        {q.type === "truefalse" ? (
          <div>
            <label htmlFor={id("answer")} className="field-label">
              {t("quiz.question.statementIs")}
            </label>
            <select id={id("answer")} name={f("answer")} defaultValue={String(q.answer)} className="field-input">
              <option value="true">{t("quiz.true")}</option>
              <option value="false">{t("quiz.false")}</option>
            </select>
          </div>
        ) : (
          <div>
            <p className="field-label">{t("quiz.question.options")}</p>
            <ol className="mt-1 space-y-2">
              {q.options.map((o, j) => (
                <li key={`${o.id}-${j}`} className="flex flex-wrap items-center gap-2">
                  <input type="hidden" name={f(`o.${j}.id`)} value={o.id} />
                  <input
                    id={id(`o-${j}-correct`)}
                    type="checkbox"
                    name={f(`o.${j}.correct`)}
                    defaultChecked={o.correct}
                    className="h-5 w-5"
                  />
                  <label htmlFor={id(`o-${j}-correct`)} className="sr-only">
                    {t("quiz.question.optionIsRight", { number: String(j + 1) })}
                  </label>
                  <label htmlFor={id(`o-${j}-text`)} className="sr-only">
                    {t("quiz.question.option", { number: String(j + 1) })}
                  </label>
                  <input
                    id={id(`o-${j}-text`)}
                    name={f(`o.${j}.text`)}
                    defaultValue={o.text}
                    className="field-input min-w-0 flex-1"
                  />
                  {q.options.length > 3 && (
                    <Button intent={`remove-option:${i}:${j}`}>
                      <Named i18nKey="quiz.question.removeOption" values={{ option: String(j + 1), question }} />
                    </Button>
                  )}
                </li>
              ))}
            </ol>
            {q.options.length < 6 && (
              <div className="mt-2">
                <Button intent={`add-option:${i}`}>
                  <Named i18nKey="quiz.question.addOption" values={{ question }} />
                </Button>
              </div>
            )}
          </div>
        )}
        <div>
          <label htmlFor={id("explanation")} className="field-label">
            {t("quiz.question.explanation")}
          </label>
          <textarea
            id={id("explanation")}
            name={f("explanation")}
            defaultValue={q.explanation}
            rows={2}
            className="field-input w-full"
          />
        </div>
        <div>
          <label htmlFor={id("concept")} className="field-label">
            {t("quiz.question.concept")}
          </label>
          <input id={id("concept")} name={f("concept")} defaultValue={q.concept} className="field-input w-full" />
        </div>
        <div className="flex flex-wrap gap-2">
          {i > 0 && (
            <Button intent={`move-question:${i}:-1`}>
              <Named i18nKey="quiz.question.moveUp" values={{ question }} />
            </Button>
          )}
          {i < count - 1 && (
            <Button intent={`move-question:${i}:1`}>
              <Named i18nKey="quiz.question.moveDown" values={{ question }} />
            </Button>
          )}
          {count > 1 && (
            <Button intent={`remove-question:${i}`}>
              <Named i18nKey="quiz.question.remove" values={{ question }} />
            </Button>
          )}
        </div>
      </div>
    </fieldset>
  );
}

/** The quiz as a learner sees it (options in the order written; learners may see them shuffled). */
function LearnerPreview({ quiz }: { quiz: QuizForm }) {
  const { t } = useTranslation("author");
  const trueOrFalse = [
    { id: "true", text: t("quiz.true") },
    { id: "false", text: t("quiz.false") },
  ];
  return (
    <div className="space-y-4">
      {quiz.questions.map((q, i) => (
        <fieldset key={`${q.id}-${i}`} className="card" disabled>
          <legend className="px-1 font-semibold">
            {t("quiz.preview.legend", { number: String(i + 1), total: String(quiz.questions.length) })}
          </legend>
          <p className="text-lg">{q.prompt || t("quiz.preview.noPrompt")}</p>
          {q.type === "multiple" && <p className="mt-1 text-sm font-semibold">{t("quiz.preview.selectAll")}</p>}
          <div className="mt-3 space-y-2">
            {(q.type === "truefalse" ? trueOrFalse : q.options).map((o) => (
              <label key={o.id} className="quiz-option" data-selected={t("quiz.preview.selected")}>
                <input type={q.type === "multiple" ? "checkbox" : "radio"} name={`preview-${i}`} />
                <span className="flex-1">{o.text || t("quiz.preview.emptyOption")}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}

export default function QuizEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const quiz = result?.quiz ?? loaded.quiz;
  const revision = result?.revision ?? loaded.revision;
  const pending = useIsPending();
  const { t } = useTranslation("author");
  // A new key per answer resets the uncontrolled fields to what the server answered.
  const formKey =
    JSON.stringify(quiz).length + ":" + quiz.questions.map((q) => `${q.id}${q.type}${q.options.length}`).join();
  return (
    <div>
      <p className="text-sm muted">
        <Trans
          t={t}
          i18nKey="breadcrumb.course"
          values={{ course: loaded.course.title }}
          components={{
            authoring: <Link to={paths.author()} />,
            course: <Link to={paths.authorCourse(loaded.course)} />,
          }}
        />
      </p>
      <h1 className="text-3xl font-bold">{quiz.title || t("quiz.title")}</h1>
      <p className="mt-2 muted">
        <Trans
          t={t}
          i18nKey="quiz.storedAs"
          values={{ path: loaded.path }}
          components={{ code: <code />, yaml: <Link to={paths.authorFile(loaded.course, loaded.path)} /> }}
        />
      </p>
      {result?.saved && (
        <p role="status" className="mt-3 font-medium">
          {result.saved}
        </p>
      )}
      {result?.problems.length ? (
        <div role="alert" className="field-error mt-3">
          <p className="font-medium">{t("quiz.notSaved")}</p>
          <ul className="list-disc ps-6">
            {result.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="mt-6 grid gap-8 lg:grid-cols-2">
        <Form method="post" key={formKey} className="grid gap-5">
          <input type="hidden" name="revision" value={revision} />
          <div>
            <label htmlFor="quiz-title" className="field-label">
              {t("quiz.fields.title")}
            </label>
            <input id="quiz-title" name="title" defaultValue={quiz.title} className="field-input w-full" />
          </div>
          <div className="flex flex-wrap gap-4">
            <div>
              <label htmlFor="quiz-pass" className="field-label">
                {t("quiz.fields.passMark")}
              </label>
              <input
                id="quiz-pass"
                name="passMark"
                inputMode="numeric"
                defaultValue={quiz.passMark}
                className="field-input w-24"
              />
            </div>
            <div>
              <label htmlFor="quiz-reveal" className="field-label">
                {t("quiz.fields.reveal")}
              </label>
              <select id="quiz-reveal" name="reveal" defaultValue={quiz.reveal} className="field-input">
                {REVEAL_CHOICES.map((value) => (
                  <option key={value} value={value}>
                    {t(`quiz.reveal.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <label className="flex items-center gap-2 self-end">
              <input type="checkbox" name="shuffle" defaultChecked={quiz.shuffle} className="h-5 w-5" />{" "}
              {t("quiz.fields.shuffle")}
            </label>
          </div>
          {quiz.questions.map((q, i) => (
            <QuestionFields key={`${q.id}-${i}`} q={q} i={i} count={quiz.questions.length} />
          ))}
          <div className="flex flex-wrap gap-3">
            <Button intent="add-question">{t("quiz.addQuestion")}</Button>
            <button type="submit" name="intent" value="save" className="btn-primary" disabled={pending}>
              {pending ? t("quiz.saving") : t("quiz.save")}
            </button>
          </div>
        </Form>
        <section aria-labelledby="quiz-preview">
          <h2 id="quiz-preview" className="text-xl font-semibold">
            {t("quiz.preview.heading")}
          </h2>
          <p className="text-sm muted">{t("quiz.preview.updated")}</p>
          <div className="mt-3">
            <LearnerPreview quiz={quiz} />
          </div>
        </section>
      </div>
    </div>
  );
}
