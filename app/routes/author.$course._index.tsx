import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useState, useSyncExternalStore, type DragEvent } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAuthoredCourse, requireCourseOwner } from "~/authoring/access.server";
import { compileForAuthors } from "~/authoring/compile.server";
import { checkDraft, publishDraft } from "~/authoring/publishing.server";
import {
  addLesson,
  addModule,
  moveLesson,
  moveModule,
  newQuizFile,
  outline,
  placeLesson,
  placeModule,
  removeLesson,
  removeModule,
  type StructureResult,
} from "~/authoring/structure";
import {
  addCoauthor,
  changeDraft,
  courseAuthors,
  discardDraft,
  draftOf,
  fileMap,
  removeCoauthor,
} from "~/authoring/workspace.server";
import { DownloadButton } from "~/components/download-button";
import { db } from "~/db/db.server";
import { badRequest } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { problem, say } from "~/i18n/problem";
import { formatNumber } from "~/lib/format";
import { useFormat } from "~/lib/use-format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("author");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const { t } = await requestTranslator({ request, context }, "author");
  const [draft, authors] = await Promise.all([draftOf(db, course.id), courseAuthors(db, course.id)]);
  const courseOutline = outline(fileMap(draft.files));
  return {
    title: pageTitle(courseOutline.title, t("meta.authoring")),
    course,
    edited: draft.edited,
    outline: courseOutline,
    authors: authors.map((a) => ({ ...a, addedAt: a.addedAt.toISOString() })),
  };
}

const name = z.string().trim().min(1).max(200);
const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add-module"), title: name }),
  z.object({ intent: z.literal("add-lesson"), dir: name, title: name }),
  z.object({ intent: z.literal("move-module"), dir: name, delta: z.enum(["-1", "1"]) }),
  z.object({ intent: z.literal("move-lesson"), file: name, delta: z.enum(["-1", "1"]) }),
  z.object({ intent: z.literal("place-module"), dir: name, index: z.coerce.number().int().min(0) }),
  z.object({ intent: z.literal("place-lesson"), file: name, index: z.coerce.number().int().min(0) }),
  z.object({ intent: z.literal("remove-module"), dir: name }),
  z.object({ intent: z.literal("remove-lesson"), file: name }),
  z.object({ intent: z.literal("add-quiz"), dir: name.optional() }),
  z.object({ intent: z.literal("check") }),
  z.object({ intent: z.literal("publish"), changeNote: name }),
  z.object({ intent: z.literal("discard") }),
  z.object({ intent: z.literal("add-coauthor"), email: z.string().trim().email().max(200) }),
  z.object({ intent: z.literal("remove-coauthor"), userId: name }),
]);

type Reply = {
  intent: string;
  ok: boolean;
  message: string;
  problems?: { file: string; line: number; column: number; message: string }[];
};

/** The message (in the "author" namespace) that says what a form left empty or got wrong. */
const MISSING = {
  "add-module": "actions.missing.moduleTitle",
  "add-lesson": "actions.missing.lessonTitle",
  publish: "actions.missing.changeNote",
  "add-coauthor": "actions.missing.email",
} as Record<string, string>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user, course } = await requireAuthoredCourse(request, context, params.course);
  const { t, language } = await requestTranslator({ request, context }, "author");
  const form = await readForm({ request, context });
  const parsed = Intent.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const intent = String(form.get("intent") ?? "");
    if (!(intent in MISSING) && !Intent.options.some((o) => o.shape.intent.value === intent))
      badRequest(t("actions.unknown"));
    return data<Reply>({ intent, ok: false, message: t(MISSING[intent] ?? "actions.missing.other") }, 400);
  }
  const input = parsed.data;
  const structural = (change: (files: Record<string, string>) => StructureResult, done: string) =>
    changeDraft(db, user.id, course.id, change).then((r) =>
      data<Reply>({ intent: input.intent, ok: r.ok, message: r.ok ? done : say(t, r.problem) }, r.ok ? 200 : 400),
    );
  switch (input.intent) {
    case "add-module":
      return structural((f) => addModule(f, input.title), t("actions.moduleAdded", { title: input.title }));
    case "add-lesson":
      return structural((f) => addLesson(f, input.dir, input.title), t("actions.lessonAdded", { title: input.title }));
    case "move-module":
      return structural((f) => moveModule(f, input.dir, Number(input.delta) as -1 | 1), t("actions.moduleMoved"));
    case "move-lesson":
      return structural((f) => moveLesson(f, input.file, Number(input.delta) as -1 | 1), t("actions.lessonMoved"));
    case "place-module":
      return structural((f) => placeModule(f, input.dir, input.index), t("actions.moduleMoved"));
    case "place-lesson":
      return structural((f) => placeLesson(f, input.file, input.index), t("actions.lessonMoved"));
    case "remove-module":
      return structural((f) => removeModule(f, input.dir), t("actions.moduleRemoved"));
    case "remove-lesson":
      return structural((f) => removeLesson(f, input.file), t("actions.lessonRemoved"));
    case "add-quiz": {
      const path = input.dir ? `${input.dir}/quiz.yml` : "final-assessment.yml";
      return structural(
        (f) =>
          path in f
            ? { ok: false, problem: problem("author:actions.quizExists") }
            : { ok: true, files: { ...f, [path]: newQuizFile(!input.dir) } },
        t(input.dir ? "actions.moduleQuizAdded" : "actions.finalAssessmentAdded"),
      );
    }
    case "check": {
      const files = fileMap((await draftOf(db, course.id)).files);
      const { problems } = await checkDraft(files, course.slug, compileForAuthors);
      return data<Reply>({
        intent: "check",
        ok: problems.length === 0,
        message: problems.length
          ? t("actions.problems", {
              count: problems.length,
              replace: { count: formatNumber(problems.length, language) },
            })
          : t("actions.noProblems"),
        problems,
      });
    }
    case "publish": {
      const result = await publishDraft(db, compileForAuthors, {
        courseId: course.id,
        slug: course.slug,
        userId: user.id,
        ip: context.clientIp,
        changeNote: input.changeNote,
      });
      return result.ok
        ? data<Reply>({ intent: "publish", ok: true, message: t("actions.published", { version: result.version }) })
        : data<Reply>(
            { intent: "publish", ok: false, message: say(t, result.refusal), problems: result.problems },
            400,
          );
    }
    case "discard":
      await discardDraft(db, course.id);
      return data<Reply>({ intent: "discard", ok: true, message: t("actions.discarded") });
    case "add-coauthor":
    case "remove-coauthor": {
      await requireCourseOwner(request, context, params.course);
      const r =
        input.intent === "add-coauthor"
          ? await addCoauthor(db, course.id, input.email)
          : await removeCoauthor(db, course.id, input.userId);
      return data<Reply>({ intent: input.intent, ok: r.ok, message: say(t, r.message) }, r.ok ? 200 : 400);
    }
  }
}

/**
 * With JavaScript, modules and lessons can also be dragged to a new place (the buttons stay, for
 * keyboards and for pages without JavaScript). A lesson moves only within its module.
 */
function useDragToPlace() {
  const fetcher = useFetcher();
  // True once hydrated (false in the server's HTML), without an effect.
  const ready = useSyncExternalStore(
    () => () => {},
    () => true,
    () => false,
  );
  const [dragged, setDragged] = useState<{ kind: string; id: string } | null>(null);
  const sameGroup = (kind: string, id: string) =>
    dragged?.kind === kind && (kind === "module" || dragged.id.split("/")[0] === id.split("/")[0]);
  function item(kind: "module" | "lesson", id: string, index: number) {
    if (!ready) return {};
    return {
      draggable: true,
      onDragStart: (e: DragEvent) => {
        e.stopPropagation();
        e.dataTransfer.effectAllowed = "move";
        setDragged({ kind, id });
      },
      onDragOver: (e: DragEvent) => {
        if (sameGroup(kind, id)) {
          e.preventDefault();
          e.stopPropagation();
        }
      },
      onDrop: (e: DragEvent) => {
        if (!dragged || !sameGroup(kind, id)) return;
        e.preventDefault();
        e.stopPropagation();
        if (dragged.id !== id)
          fetcher.submit(
            kind === "module"
              ? { intent: "place-module", dir: dragged.id, index: String(index) }
              : { intent: "place-lesson", file: dragged.id, index: String(index) },
            { method: "post" },
          );
        setDragged(null);
      },
      onDragEnd: () => setDragged(null),
    };
  }
  return {
    module: (dir: string, index: number) => item("module", dir, index),
    lesson: (file: string, index: number) => item("lesson", file, index),
  };
}

function Message({ reply, intents }: { reply: Reply | undefined; intents: string[] }) {
  if (!reply || !intents.includes(reply.intent)) return null;
  return (
    <div role={reply.ok ? "status" : "alert"} className={reply.ok ? "mt-3 font-medium" : "field-error mt-3"}>
      <p>{reply.message}</p>
      {reply.problems?.length ? (
        <ul className="mt-2 list-disc ps-6 text-sm">
          {reply.problems.map((p, i) => (
            <li key={i}>
              <code>
                {p.file}:{p.line}:{p.column}
              </code>{" "}
              {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A button's words, with what it acts on for screen readers ("Move up<hidden> module …</hidden>"). */
function Named({ i18nKey, values }: { i18nKey: string; values: Record<string, string> }) {
  const { t } = useTranslation("author");
  return <Trans t={t} i18nKey={i18nKey} values={values} components={{ hidden: <span className="sr-only" /> }} />;
}

function Small({
  intent,
  children,
  ...fields
}: {
  intent: string;
  children: React.ReactNode;
  dir?: string;
  file?: string;
  delta?: string;
  userId?: string;
}) {
  return (
    <Form method="post" className="inline">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="btn-secondary px-2 py-0.5 text-sm">
        {children}
      </button>
    </Form>
  );
}

export default function AuthorCourse() {
  const { course, edited, outline: o, authors } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const pending = useIsPending();
  const canManage = course.role !== "coauthor";
  const drag = useDragToPlace();
  const { t } = useTranslation("author");
  const format = useFormat();
  return (
    <div>
      <p className="text-sm muted">
        <Trans t={t} i18nKey="breadcrumb.authoring" components={{ authoring: <Link to={paths.author()} /> }} />
      </p>
      <h1 className="text-3xl font-bold">{o.title}</h1>
      <p className="mt-2">
        {course.currentVersion ? (
          <Trans
            t={t}
            i18nKey="course.status.published"
            values={{ version: course.currentVersion, path: paths.course(course) }}
            components={{ page: <Link to={paths.course(course)} /> }}
          />
        ) : (
          t("course.status.unpublished")
        )}{" "}
        {edited ? t("course.status.edited") : t("course.status.unchanged")}
      </p>
      <nav aria-label={t("course.nav.label")} className="mt-4 flex flex-wrap gap-3">
        <Link to={paths.authorDetails(course)} className="btn-secondary">
          {t("course.nav.details")}
        </Link>
        <Link to={paths.authorVersions(course)} className="btn-secondary">
          {t("course.nav.versions")}
        </Link>
        <Link to={paths.authorMedia(course)} className="btn-secondary">
          {t("course.nav.media")}
        </Link>
        <Link to={paths.authorInsights(course)} className="btn-secondary">
          {t("course.nav.insights")}
        </Link>
        <DownloadButton action={paths.authorExport(course)}>{t("course.nav.export")}</DownloadButton>
      </nav>

      <h2 className="mt-8 text-xl font-semibold">{t("course.outline.heading")}</h2>
      <Message
        reply={reply}
        intents={[
          "add-module",
          "add-lesson",
          "move-module",
          "move-lesson",
          "remove-module",
          "remove-lesson",
          "add-quiz",
        ]}
      />
      <ol className="mt-3 space-y-6">
        {o.modules.map((m, mi) => (
          <li
            key={m.dir}
            className="rounded-md border border-slate-300 p-4 dark:border-slate-600"
            {...drag.module(m.dir, mi)}
          >
            <div className="flex flex-wrap items-center gap-2">
              <h3 className="me-auto font-semibold">
                <Link to={paths.authorFile(course, `${m.dir}/module.md`)}>
                  {t("course.outline.module", { number: format.number(mi + 1), title: m.title })}
                </Link>
              </h3>
              {mi > 0 && (
                <Small intent="move-module" dir={m.dir} delta="-1">
                  <Named i18nKey="course.outline.moveUpModule" values={{ title: m.title }} />
                </Small>
              )}
              {mi < o.modules.length - 1 && (
                <Small intent="move-module" dir={m.dir} delta="1">
                  <Named i18nKey="course.outline.moveDownModule" values={{ title: m.title }} />
                </Small>
              )}
              {o.modules.length > 1 && (
                <Small intent="remove-module" dir={m.dir}>
                  <Named i18nKey="course.outline.removeModule" values={{ title: m.title }} />
                </Small>
              )}
            </div>
            <ol className="mt-3 space-y-2">
              {m.lessons.map((l, li) => (
                <li key={l.file} className="flex flex-wrap items-center gap-2" {...drag.lesson(l.file, li)}>
                  <Link to={paths.authorFile(course, l.file)} className="me-auto">
                    {mi + 1}.{li + 1} {l.title}
                  </Link>
                  {li > 0 && (
                    <Small intent="move-lesson" file={l.file} delta="-1">
                      <Named i18nKey="course.outline.moveUpLesson" values={{ title: l.title }} />
                    </Small>
                  )}
                  {li < m.lessons.length - 1 && (
                    <Small intent="move-lesson" file={l.file} delta="1">
                      <Named i18nKey="course.outline.moveDownLesson" values={{ title: l.title }} />
                    </Small>
                  )}
                  {m.lessons.length > 1 && (
                    <Small intent="remove-lesson" file={l.file}>
                      <Named i18nKey="course.outline.removeLesson" values={{ title: l.title }} />
                    </Small>
                  )}
                </li>
              ))}
              <li>
                {m.quiz ? (
                  <Link to={paths.authorQuiz(course, m.quiz)}>{t("course.outline.moduleQuiz")}</Link>
                ) : (
                  <Small intent="add-quiz" dir={m.dir}>
                    <Named i18nKey="course.outline.addModuleQuiz" values={{ title: m.title }} />
                  </Small>
                )}
              </li>
            </ol>
            <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="add-lesson" />
              <input type="hidden" name="dir" value={m.dir} />
              <div>
                <label htmlFor={`lesson-title-${m.dir}`} className="field-label">
                  {t("course.outline.newLesson")}
                </label>
                <input id={`lesson-title-${m.dir}`} name="title" required maxLength={200} className="field-input" />
              </div>
              <button type="submit" className="btn-secondary">
                {t("course.outline.addLesson")}
              </button>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" className="mt-4 flex flex-wrap items-end gap-2">
        <input type="hidden" name="intent" value="add-module" />
        <div>
          <label htmlFor="module-title" className="field-label">
            {t("course.outline.newModule")}
          </label>
          <input id="module-title" name="title" required maxLength={200} className="field-input" />
        </div>
        <button type="submit" className="btn-secondary">
          {t("course.outline.addModule")}
        </button>
      </Form>
      <p className="mt-4 flex flex-wrap gap-4">
        {o.final ? (
          <Link to={paths.authorQuiz(course, o.final)}>{t("course.outline.finalAssessment")}</Link>
        ) : (
          <Small intent="add-quiz">{t("course.outline.addFinalAssessment")}</Small>
        )}
        {o.glossary && <Link to={paths.authorFile(course, o.glossary)}>{t("course.outline.glossary")}</Link>}
        <Link to={paths.authorFile(course, "course.md")}>{t("course.outline.courseFile")}</Link>
      </p>

      <h2 className="mt-10 text-xl font-semibold">{t("course.publish.heading")}</h2>
      <p className="mt-2 muted">{t("course.publish.intro")}</p>
      <Message reply={reply} intents={["check", "publish", "discard"]} />
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Small intent="check">{t("course.publish.check")}</Small>
        <Form method="post" className="flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="publish" />
          <div>
            <label htmlFor="change-note" className="field-label">
              {t("course.publish.changeNote")}
            </label>
            <input id="change-note" name="changeNote" required maxLength={200} className="field-input" />
          </div>
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? t("course.publish.publishing") : t("course.publish.publish")}
          </button>
        </Form>
        {edited && course.currentVersion && <Small intent="discard">{t("course.publish.discard")}</Small>}
      </div>

      <h2 className="mt-10 text-xl font-semibold">{t("course.authors.heading")}</h2>
      <Message reply={reply} intents={["add-coauthor", "remove-coauthor"]} />
      <ul className="mt-3 space-y-2">
        {authors.map((a) => (
          <li key={a.user.id} className="flex flex-wrap items-center gap-2">
            <span className="me-auto">
              {t(a.role === "owner" ? "course.authors.owner" : "course.authors.coauthor", {
                name: a.user.name,
                date: format.date(a.addedAt),
              })}
            </span>
            {canManage && a.role === "coauthor" && (
              <Small intent="remove-coauthor" userId={a.user.id}>
                <Named i18nKey="course.authors.remove" values={{ name: a.user.name }} />
              </Small>
            )}
          </li>
        ))}
        {authors.length === 0 && <li className="muted">{t("course.authors.none")}</li>}
      </ul>
      {canManage && (
        <Form method="post" className="mt-3 flex flex-wrap items-end gap-2">
          <input type="hidden" name="intent" value="add-coauthor" />
          <div>
            <label htmlFor="coauthor-email" className="field-label">
              {t("course.authors.email")}
            </label>
            <input id="coauthor-email" name="email" type="email" required maxLength={200} className="field-input" />
          </div>
          <button type="submit" className="btn-secondary">
            {t("course.authors.add")}
          </button>
        </Form>
      )}
    </div>
  );
}
