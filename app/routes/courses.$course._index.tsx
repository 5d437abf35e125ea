import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { certificateIdFor } from "~/certificates/certificate.server";
import { AlsoIn, CourseCover } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { FINAL_QUIZ, flattenLessons } from "~/content/catalogue";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { languageOf, languageName } from "~/i18n/config";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { requireCourse } from "~/learning/access.server";
import { courseTranslations } from "~/learning/courses.server";
import { isPreviewLesson, resumePath } from "~/learning/flow";
import { completedLessonKeys, enrol, quizResults } from "~/learning/progress.server";
import { levelLabel } from "~/lib/format";
import { useFormat } from "~/lib/use-format";
import { SaveOffline } from "~/offline/save-offline";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("catalogue");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  // An unknown course is answered by the root's error page, with the root's title.
  { title: pageTitle(data?.course.title) },
  { name: "description", content: data?.course.summary ?? "" },
];

export const headers = passCacheControl;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { course, row, user, enrollment } = await requireCourse(context, params.course);
  const { t } = await requestTranslator({ request, context }, "catalogue");
  const [done, results, certificateId] =
    enrollment && user
      ? await Promise.all([
          completedLessonKeys(db, user.id, row.id),
          quizResults(db, user.id, row.id),
          enrollment.completedAt ? certificateIdFor(db, user.id, row.id) : null,
        ])
      : [new Set<string>(), new Map<string, { bestScore: number; passed: boolean }>(), null];
  const open = new Set(
    flattenLessons(course).flatMap(({ lesson }, i) => (enrollment || isPreviewLesson(i) ? [lesson.key] : [])),
  );
  return sameForEveryoneWhenSignedOut(context, {
    course: {
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      cover: course.cover ?? null,
      description: course.description,
      audience: course.audience,
      outcomes: course.outcomes,
      level: levelLabel(t, course.level),
      language: languageName(course.language),
      /** The language the course is written in (its texts are marked with it). */
      lang: course.language,
      otherLanguages: courseTranslations(course.slug),
      minutes: course.estimatedMinutes,
      passMark: course.passMark,
    },
    final: course.finalAssessment
      ? {
          path: paths.quiz(course, FINAL_QUIZ),
          result: results.get(FINAL_QUIZ) ?? null,
          questions: course.finalAssessment.questions.length,
        }
      : null,
    certificate: certificateId ? paths.certificate(certificateId) : null,
    glossary: course.glossary.length > 0 ? paths.glossary(course) : null,
    modules: course.modules.map((m) => ({
      slug: m.slug,
      title: m.title,
      summary: m.summary,
      sources: m.sources,
      quiz: m.quiz ? { path: paths.quiz(course, m.slug), result: results.get(m.slug) ?? null } : null,
      lessons: m.lessons.map((l) => ({
        title: l.title,
        minutes: l.minutes,
        path: open.has(l.key) ? paths.lesson(course, m, l) : null,
        done: done.has(l.key),
      })),
    })),
    previewPath: resumePath(course, null),
    enrollment: enrollment && {
      percent: enrollment.percent,
      completed: Boolean(enrollment.completedAt),
      continuePath: resumePath(course, enrollment.currentLessonKey),
    },
    signedIn: Boolean(user),
    // What "Save for offline" saves: every lesson (all open to an enrolled learner) and the glossary.
    offline:
      enrollment && user
        ? {
            userId: user.id,
            lessons: flattenLessons(course).map(({ module, lesson }) => ({
              key: lesson.key,
              path: paths.lesson(course, module, lesson),
            })),
            glossary: course.glossary.length > 0 ? paths.glossary(course) : null,
          }
        : null,
    enrolRequired: new URL(request.url).searchParams.has("enrol"),
  });
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { course, row } = await requireCourse(context, params.course);
  const enrollment = await enrol(db, user.id, row.id);
  throw redirect(resumePath(course, enrollment.currentLessonKey));
}

export default function CoursePage() {
  const { course, modules, final, certificate, glossary, enrollment, previewPath, signedIn, enrolRequired, offline } =
    useLoaderData<typeof loader>();
  const { t } = useTranslation("catalogue");
  const format = useFormat();
  const text = languageOf(course.lang);
  return (
    <article className="grid gap-10 lg:grid-cols-[1fr_20rem]">
      <div>
        <CourseCover
          src={course.cover}
          eager
          className="mb-6 max-w-sm rounded-lg border border-slate-200 dark:border-slate-700"
        />
        <p className="text-sm font-semibold uppercase tracking-wide muted">{t("course.eyebrow")}</p>
        <h1 className="mt-1 text-3xl font-bold sm:text-4xl" {...text}>
          {course.title}
        </h1>
        <p className="mt-3 text-lg muted" {...text}>
          {course.summary}
        </p>
        {course.otherLanguages.length > 0 && <AlsoIn courses={course.otherLanguages} />}
        <div className="prose prose-slate mt-6 max-w-none dark:prose-invert" {...text}>
          {course.description.split(/\n\s*\n/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>

        <h2 className="mt-10 text-2xl font-bold">{t("course.outcomes")}</h2>
        <ul className="mt-3 list-disc space-y-1 ps-6" {...text}>
          {course.outcomes.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>

        <h2 className="mt-10 text-2xl font-bold">{t("course.audience")}</h2>
        <p className="mt-3" {...text}>
          {course.audience}
        </p>

        <h2 className="mt-10 text-2xl font-bold">{t("course.syllabus")}</h2>
        {glossary && (
          <p className="mt-2">
            <Link to={glossary}>{t("course.glossary")}</Link>
          </p>
        )}
        <ol className="mt-4 space-y-6">
          {modules.map((m, i) => (
            <li key={m.slug} className="card">
              <h3 className="text-lg font-semibold">
                {t("course.module", { number: format.number(i + 1), title: m.title })}
              </h3>
              <p className="mt-1 muted" {...text}>
                {m.summary}
              </p>
              <ol className="mt-3 space-y-1">
                {m.lessons.map((l) => (
                  <li key={l.title} className="flex justify-between gap-4">
                    <span>
                      {l.done && <span aria-label={t("course.lessonDone")}>✓ </span>}
                      <span {...text}>{l.path ? <Link to={l.path}>{l.title}</Link> : l.title}</span>
                    </span>
                    <span className="shrink-0 text-sm muted">{format.minutes(l.minutes)}</span>
                  </li>
                ))}
                {m.quiz && (
                  <li className="flex justify-between gap-4 border-t border-slate-200 pt-1 dark:border-slate-700">
                    <span>
                      {m.quiz.result?.passed && <span aria-label={t("course.quizPassed")}>✓ </span>}
                      {enrollment ? <Link to={m.quiz.path}>{t("course.quiz")}</Link> : t("course.quiz")}
                    </span>
                    <span className="shrink-0 text-sm muted">
                      {m.quiz.result
                        ? t("course.quizBest", { score: format.percent(m.quiz.result.bestScore) })
                        : t("course.quizGraded")}
                    </span>
                  </li>
                )}
              </ol>
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer font-medium">{t("course.sources")}</summary>
                <ul className="mt-2 list-disc space-y-1 ps-5">
                  {m.sources.map((src) => (
                    <li key={`${src.title}-${src.year}`}>
                      {src.url ? (
                        <a href={src.url} rel="noopener noreferrer">
                          {src.title}
                        </a>
                      ) : (
                        src.title
                      )}
                      {t("course.sourceAfterTitle", { publisher: src.publisher, year: src.year })}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
          {final && (
            <li className="card">
              <h3 className="text-lg font-semibold">{t("course.final.heading")}</h3>
              <p className="mt-1 muted">
                {t("course.final.text", { count: final.questions, passMark: format.percent(course.passMark) })}
                {final.result && ` ${t("course.final.best", { score: format.percent(final.result.bestScore) })}`}
              </p>
              {enrollment && (
                <Link to={final.path} className="btn-secondary mt-3">
                  {final.result?.passed ? t("course.final.review") : t("course.final.take")}
                </Link>
              )}
            </li>
          )}
        </ol>
      </div>

      <aside
        aria-label={t("course.aside.label")}
        className="order-first lg:sticky lg:top-4 lg:order-last lg:self-start"
      >
        <div className="card space-y-4">
          {enrolRequired && !enrollment && (
            <p
              role="alert"
              className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
              {t("course.aside.enrolRequired")}
            </p>
          )}
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="muted">{t("facts.duration")}</dt>
            <dd className="font-medium">{format.minutes(course.minutes)}</dd>
            <dt className="muted">{t("facts.level")}</dt>
            <dd className="font-medium">{course.level}</dd>
            <dt className="muted">{t("facts.language")}</dt>
            <dd className="font-medium">{course.language}</dd>
            <dt className="muted">{t("facts.modules")}</dt>
            <dd className="font-medium">{format.number(modules.length)}</dd>
            <dt className="muted">{t("facts.passMark")}</dt>
            <dd className="font-medium">{t("course.aside.passMark", { passMark: format.percent(course.passMark) })}</dd>
          </dl>
          {enrollment?.completed ? (
            <>
              <p className="rounded-md bg-emerald-50 p-3 dark:bg-emerald-950">
                <strong>{t("course.aside.completedTitle")}</strong> {t("course.aside.completedText")}
              </p>
              {certificate && (
                <Link to={certificate} className="btn-primary w-full">
                  {t("course.aside.certificate")}
                </Link>
              )}
              <Link to={enrollment.continuePath} className="btn-secondary w-full">
                {t("course.aside.reviewLessons")}
              </Link>
            </>
          ) : enrollment ? (
            <>
              <ProgressBar percent={enrollment.percent} label={t("course.aside.progress")} />
              <Link to={enrollment.continuePath} className="btn-primary w-full">
                {enrollment.percent > 0 ? t("course.aside.continue") : t("course.aside.start")}
              </Link>
            </>
          ) : (
            <>
              <Form method="post">
                <button type="submit" className="btn-primary w-full">
                  {t("course.aside.enrol")}
                </button>
              </Form>
              {!signedIn && <p className="text-sm muted">{t("course.aside.signInNote")}</p>}
              <Link to={previewPath} className="block text-center text-sm">
                {t("course.aside.preview")}
              </Link>
            </>
          )}
          {offline && <SaveOffline course={{ ...offline, slug: course.slug, title: course.title }} />}
        </div>
      </aside>
    </article>
  );
}
