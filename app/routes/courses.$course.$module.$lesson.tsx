import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { LessonBody } from "~/components/lesson-body";
import { ProgressBar } from "~/components/progress-bar";
import { FINAL_QUIZ, flattenLessons } from "~/content/catalogue";
import { getLessonCode } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { languageOf } from "~/i18n/config";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { requireLessonAccess } from "~/learning/access.server";
import { stepAfterLesson } from "~/learning/flow";
import { completeLesson } from "~/learning/progress.server";
import { renderLesson } from "~/lessons/render.server";
import { htmlForPage } from "~/lessons/server-html";
import { useFormat } from "~/lib/use-format";
import { useIsPending } from "~/lib/use-is-pending";
import { CompletedOffline } from "~/offline/completed-offline";
import { useQueuedLesson } from "~/offline/pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("player");

// A lesson that cannot be shown is answered by the root's error page, with its own title.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? pageTitle(data.lesson.title, data.course.title) : pageTitle() },
  { name: "description", content: data?.lesson.summary ?? "" },
];

export const headers = passCacheControl;

/** Learners with the same view of a lesson share its rendering (see app/http/page-templates.server.ts). */
export const handle = { renderOncePerView: true };

/** What "Mark complete and …" leads to, as the button says it. */
type Completion = "quiz" | "finalAssessment" | "continue" | "finish";

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { loc, course, enrollment, done, canComplete } = await requireLessonAccess(request, context, params);
  const { language } = await requestTranslator({ request, context });
  const html = htmlForPage(
    context,
    "lesson",
    renderLesson(loc.lesson.hash, await getLessonCode(loc.lesson.hash), new URL(request.url).searchParams, language),
  );
  const next = stepAfterLesson(course, loc.lesson.key);
  const completion: Completion =
    next.kind === "lesson"
      ? "continue"
      : next.kind === "course"
        ? "finish"
        : next.path === paths.quiz(course, FINAL_QUIZ)
          ? "finalAssessment"
          : "quiz";
  return sameForEveryoneWhenSignedOut(context, {
    course: {
      slug: course.slug,
      title: course.title,
      /** The language the course is written in: the lesson's text is marked with it (and its direction). */
      lang: course.language,
      glossary: course.glossary.length > 0 ? paths.glossary(course) : null,
      path: paths.course(course),
    },
    module: { title: loc.module.title, number: course.modules.indexOf(loc.module) + 1 },
    lesson: {
      key: loc.lesson.key,
      title: loc.lesson.title,
      summary: loc.lesson.summary,
      minutes: loc.lesson.minutes,
      done: done.has(loc.lesson.key),
    },
    html,
    syllabus: course.modules.map((m) => ({
      title: m.title,
      lessons: m.lessons.map((l) => ({
        title: l.title,
        path: paths.lesson(course, m, l),
        done: done.has(l.key),
        current: l.key === loc.lesson.key,
      })),
    })),
    percent: enrollment?.percent ?? null,
    // Reading time left in the course: the lessons not yet done (this one included, until done).
    minutesLeft: enrollment
      ? flattenLessons(course).reduce((sum, { lesson }) => sum + (done.has(lesson.key) ? 0 : lesson.minutes), 0)
      : null,
    previous: loc.previous && paths.lesson(course, loc.previous.module, loc.previous.lesson),
    next: { kind: next.kind, completion, path: next.path },
    canComplete,
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { loc, course, lessonId, isPreview } = await requireLessonAccess(request, context, params);
  await completeLesson(db, user.id, lessonId, { enrol: isPreview });
  throw redirect(stepAfterLesson(course, loc.lesson.key).path);
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const busy = useIsPending();
  const { t } = useTranslation("player");
  const format = useFormat();
  // Completed without a connection: done on this device, recorded when the connection returns.
  const completedOffline = useQueuedLesson(data.course.slug, data.lesson.key) && !data.lesson.done;
  const progress = data.percent !== null && <ProgressBar percent={data.percent} label={t("progress")} />;
  // The lesson comes first in the page; the course's contents follow it. On wide screens they are
  // the sidebar on the left, on phones they come after the lesson, with a link to them at the top.
  return (
    <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
      <div className="min-w-0 lg:col-start-2">
        <div className="mb-6 space-y-3 lg:hidden">
          <p>
            <a href="#contents" className="text-sm font-semibold">
              {data.percent !== null ? t("contentsDone", { percent: format.percent(data.percent) }) : t("contents")}
            </a>
          </p>
          {progress}
        </div>

        <article>
          <p className="text-sm font-semibold uppercase tracking-wide muted">
            {t("module", {
              number: data.module.number,
              title: data.module.title,
              duration: format.minutes(data.lesson.minutes),
            })}
          </p>
          {data.minutesLeft !== null && (
            <p className="text-sm muted">
              {data.minutesLeft > 0 ? t("readingLeft", { duration: format.minutes(data.minutesLeft) }) : t("allDone")}
            </p>
          )}
          <div {...languageOf(data.course.lang)}>
            <h1 className="mt-1 text-3xl font-bold">{data.lesson.title}</h1>
            <p className="mt-2 text-lg muted">{data.lesson.summary}</p>
            <LessonBody html={data.html} />
          </div>
        </article>

        <div className="mt-10 flex flex-wrap items-center justify-between gap-4 border-t border-slate-200 pt-6 dark:border-slate-700">
          {data.previous ? (
            <Link to={data.previous} rel="prev">
              {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          <div className="flex flex-wrap items-center gap-4">
            {data.lesson.done || completedOffline ? (
              <>
                {completedOffline ? (
                  <CompletedOffline />
                ) : (
                  <span className="text-sm font-medium text-emerald-800 dark:text-emerald-300">{t("completed")}</span>
                )}
                <Link
                  to={data.next.path}
                  rel={data.next.kind === "lesson" ? "next" : undefined}
                  className="btn-primary"
                >
                  {t(`next.${data.next.kind}`)}
                </Link>
              </>
            ) : data.canComplete ? (
              <Form method="post">
                <button type="submit" className="btn-primary" disabled={busy}>
                  {t(`complete.${data.next.completion}`)}
                </button>
              </Form>
            ) : null}
          </div>
        </div>
      </div>

      <nav
        id="contents"
        aria-label={t("contents")}
        className="border-t border-slate-200 pt-6 lg:col-start-1 lg:row-start-1 lg:border-0 lg:pt-0 dark:border-slate-700"
      >
        <div className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto">
          <Link to={data.course.path} className="font-semibold">
            {data.course.title}
          </Link>
          {progress && <div className="mt-3 hidden lg:block">{progress}</div>}
          {data.course.glossary && (
            <p className="mt-2 text-sm">
              <Link to={data.course.glossary}>{t("glossary")}</Link>
            </p>
          )}
          <Syllabus modules={data.syllabus} />
        </div>
      </nav>
    </div>
  );
}

function Syllabus({
  modules,
}: {
  modules: { title: string; lessons: { title: string; path: string; done: boolean; current: boolean }[] }[];
}) {
  const { t } = useTranslation("player");
  return (
    <ol className="mt-4 space-y-4 text-sm">
      {modules.map((m, i) => (
        <li key={m.title}>
          <p className="font-semibold">
            {i + 1}. {m.title}
          </p>
          <ol className="mt-1 space-y-1">
            {m.lessons.map((l) => (
              <li key={l.path} className="flex gap-2">
                <span aria-hidden="true" className="w-4 shrink-0 text-emerald-700 dark:text-emerald-300">
                  {l.done ? "✓" : ""}
                </span>
                <Link
                  to={l.path}
                  aria-current={l.current ? "page" : undefined}
                  className={l.current ? "font-bold" : "no-underline hover:underline"}
                >
                  {l.title}
                  {l.done && <span className="sr-only"> {t("lessonDone")}</span>}
                </Link>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
