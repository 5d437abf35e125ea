import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { certificateIdFor } from "~/certificates/certificate.server";
import { CourseCover } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { FINAL_QUIZ, flattenLessons } from "~/content/catalogue";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { requireCourse } from "~/learning/access.server";
import { isPreviewLesson, resumePath } from "~/learning/flow";
import { completedLessonKeys, enrol, quizResults } from "~/learning/progress.server";
import { formatMinutes, formatPercent, LANGUAGE_LABELS, LEVEL_LABELS } from "~/lib/format";
import { SaveOffline } from "~/offline/save-offline";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? pageTitle(data.course.title) : pageTitle("Course not found") },
  { name: "description", content: data?.course.summary ?? "" },
];

export const headers = passCacheControl;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { course, row, user, enrollment } = await requireCourse(context, params.course);
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
      level: LEVEL_LABELS[course.level] ?? course.level,
      language: LANGUAGE_LABELS[course.language] ?? course.language,
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
  return (
    <article className="grid gap-10 lg:grid-cols-[1fr_20rem]">
      <div>
        <CourseCover
          src={course.cover}
          eager
          className="mb-6 max-w-sm rounded-lg border border-slate-200 dark:border-slate-700"
        />
        <p className="text-sm font-semibold uppercase tracking-wide muted">Course</p>
        <h1 className="mt-1 text-3xl font-bold sm:text-4xl">{course.title}</h1>
        <p className="mt-3 text-lg muted">{course.summary}</p>
        <div className="prose prose-slate mt-6 max-w-none dark:prose-invert">
          {course.description.split(/\n\s*\n/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>

        <h2 className="mt-10 text-2xl font-bold">What you will be able to do</h2>
        <ul className="mt-3 list-disc space-y-1 pl-6">
          {course.outcomes.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>

        <h2 className="mt-10 text-2xl font-bold">Who it is for</h2>
        <p className="mt-3">{course.audience}</p>

        <h2 className="mt-10 text-2xl font-bold">Syllabus</h2>
        {glossary && (
          <p className="mt-2">
            <Link to={glossary}>Course glossary</Link>
          </p>
        )}
        <ol className="mt-4 space-y-6">
          {modules.map((m, i) => (
            <li key={m.slug} className="card">
              <h3 className="text-lg font-semibold">
                Module {i + 1}: {m.title}
              </h3>
              <p className="mt-1 muted">{m.summary}</p>
              <ol className="mt-3 space-y-1">
                {m.lessons.map((l) => (
                  <li key={l.title} className="flex justify-between gap-4">
                    <span>
                      {l.done && <span aria-label="Completed: ">✓ </span>}
                      {l.path ? <Link to={l.path}>{l.title}</Link> : l.title}
                    </span>
                    <span className="shrink-0 text-sm muted">{l.minutes} min</span>
                  </li>
                ))}
                {m.quiz && (
                  <li className="flex justify-between gap-4 border-t border-slate-200 pt-1 dark:border-slate-700">
                    <span>
                      {m.quiz.result?.passed && <span aria-label="Passed: ">✓ </span>}
                      {enrollment ? <Link to={m.quiz.path}>Module quiz</Link> : "Module quiz"}
                    </span>
                    <span className="shrink-0 text-sm muted">
                      {m.quiz.result ? `best ${formatPercent(m.quiz.result.bestScore)}` : "graded"}
                    </span>
                  </li>
                )}
              </ol>
              <details className="mt-3 text-sm">
                <summary className="cursor-pointer font-medium">Sources for this module</summary>
                <ul className="mt-2 list-disc space-y-1 pl-5">
                  {m.sources.map((src) => (
                    <li key={`${src.title}-${src.year}`}>
                      {src.url ? (
                        <a href={src.url} rel="noopener noreferrer">
                          {src.title}
                        </a>
                      ) : (
                        src.title
                      )}
                      , {src.publisher}, {src.year}
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
          {final && (
            <li className="card">
              <h3 className="text-lg font-semibold">Final assessment</h3>
              <p className="mt-1 muted">
                {final.questions} questions across the course; pass with {formatPercent(course.passMark)} to earn your
                certificate.
                {final.result && ` Your best score: ${formatPercent(final.result.bestScore)}.`}
              </p>
              {enrollment && (
                <Link to={final.path} className="btn-secondary mt-3">
                  {final.result?.passed ? "Review the final assessment" : "Take the final assessment"}
                </Link>
              )}
            </li>
          )}
        </ol>
      </div>

      <aside
        aria-label="Your place in this course"
        className="order-first lg:sticky lg:top-4 lg:order-last lg:self-start"
      >
        <div className="card space-y-4">
          {enrolRequired && !enrollment && (
            <p
              role="alert"
              className="rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
              Enrol in this course to open its lessons.
            </p>
          )}
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <dt className="muted">Duration</dt>
            <dd className="font-medium">{formatMinutes(course.minutes)}</dd>
            <dt className="muted">Level</dt>
            <dd className="font-medium">{course.level}</dd>
            <dt className="muted">Language</dt>
            <dd className="font-medium">{course.language}</dd>
            <dt className="muted">Modules</dt>
            <dd className="font-medium">{modules.length}</dd>
            <dt className="muted">Pass mark</dt>
            <dd className="font-medium">{formatPercent(course.passMark)} in the final assessment</dd>
          </dl>
          {enrollment?.completed ? (
            <>
              <p className="rounded-md bg-emerald-50 p-3 dark:bg-emerald-950">
                <strong>✓ Completed.</strong> You have earned the certificate for this course.
              </p>
              {certificate && (
                <Link to={certificate} className="btn-primary w-full">
                  See your certificate
                </Link>
              )}
              <Link to={enrollment.continuePath} className="btn-secondary w-full">
                Review the lessons
              </Link>
            </>
          ) : enrollment ? (
            <>
              <ProgressBar percent={enrollment.percent} label="Your progress in this course" />
              <Link to={enrollment.continuePath} className="btn-primary w-full">
                {enrollment.percent > 0 ? "Continue" : "Start the course"}
              </Link>
            </>
          ) : (
            <>
              <Form method="post">
                <button type="submit" className="btn-primary w-full">
                  Enrol for free
                </button>
              </Form>
              {!signedIn && <p className="text-sm muted">You will be asked to log in or create an account.</p>}
              <Link to={previewPath} className="block text-center text-sm">
                Preview the first lesson
              </Link>
            </>
          )}
          {offline && <SaveOffline course={{ ...offline, slug: course.slug, title: course.title }} />}
        </div>
      </aside>
    </article>
  );
}
