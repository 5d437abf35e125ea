import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { getUser, requireUser } from "~/auth/auth.server";
import { LessonBody } from "~/components/lesson-body";
import { ProgressBar } from "~/components/progress-bar";
import { findLesson, getLessonCode, lessonPath, type LessonLocation } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { findCourseRow, findLessonRow } from "~/learning/courses.server";
import { completedLessonKeys, completeLesson, enrol, getEnrollment, visitLesson } from "~/learning/progress.server";
import { renderLesson } from "~/lessons/render.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title}` : "Lesson not found" },
  { name: "description", content: data?.lesson.summary ?? "" },
];

async function locate(params: LoaderFunctionArgs["params"]) {
  const loc = findLesson(params.course ?? "", params.module ?? "", params.lesson ?? "");
  const course = loc ? await findCourseRow(db, loc.course.slug) : null;
  const lesson = loc && course ? await findLessonRow(db, course.id, loc.lesson.key) : null;
  if (!loc || !course || course.retired || !lesson) throw new Response("Not found", { status: 404 });
  return { loc, courseId: course.id, lessonId: lesson.id };
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { loc, courseId } = await locate(params);
  const user = getUser(context);
  const enrollment = user ? await getEnrollment(db, user.id, courseId) : null;
  // The first lesson of every course is open to all; the rest need an enrolment.
  if (loc.index > 0) {
    requireUser(request, context);
    if (!enrollment) throw redirect(`/courses/${loc.course.slug}?enrol=required`);
  }
  if (enrollment) await visitLesson(db, enrollment, loc.lesson.key);
  const done = enrollment ? await completedLessonKeys(db, user!.id, courseId) : new Set<string>();
  const html = renderLesson(loc.lesson.hash, getLessonCode(loc.lesson.hash), new URL(request.url).searchParams);
  const path = (l: LessonLocation["next"]) => l && lessonPath(loc.course, l.module, l.lesson);
  return {
    course: { slug: loc.course.slug, title: loc.course.title, hasGlossary: loc.course.glossary.length > 0 },
    module: { title: loc.module.title, number: loc.course.modules.indexOf(loc.module) + 1 },
    lesson: { title: loc.lesson.title, summary: loc.lesson.summary, minutes: loc.lesson.minutes, done: done.has(loc.lesson.key) },
    html,
    syllabus: loc.course.modules.map((m) => ({
      title: m.title,
      lessons: m.lessons.map((l) => ({ title: l.title, path: lessonPath(loc.course, m, l), done: done.has(l.key), current: l.key === loc.lesson.key })),
    })),
    percent: enrollment?.percent ?? null,
    previous: path(loc.previous),
    next: path(loc.next),
    quizNext: Boolean(loc.module.quiz) && (!loc.next || loc.next.module !== loc.module),
    signedIn: Boolean(user),
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  const { loc, courseId, lessonId } = await locate(params);
  if (loc.index > 0 && !(await getEnrollment(db, user.id, courseId))) throw redirect(`/courses/${loc.course.slug}?enrol=required`);
  await enrol(db, user.id, courseId); // the open first lesson enrols whoever completes it
  await completeLesson(db, user.id, lessonId);
  // The last lesson of a module with a quiz leads to that quiz.
  const endOfModule = !loc.next || loc.next.module !== loc.module;
  if (endOfModule && loc.module.quiz) throw redirect(`/courses/${loc.course.slug}/quiz/${loc.module.slug}`);
  throw redirect(loc.next ? lessonPath(loc.course, loc.next.module, loc.next.lesson) : `/courses/${loc.course.slug}`);
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const syllabus = (
    <>
      {data.course.hasGlossary && (
        <p className="mt-2 text-sm">
          <Link to={`/courses/${data.course.slug}/glossary`}>Glossary</Link>
        </p>
      )}
      <Syllabus modules={data.syllabus} />
    </>
  );
  return (
    <div className="grid gap-8 lg:grid-cols-[18rem_1fr]">
      <nav aria-label="Course contents" className="hidden lg:block">
        <div className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto">
          <Link to={`/courses/${data.course.slug}`} className="font-semibold">
            {data.course.title}
          </Link>
          {data.percent !== null && (
            <div className="mt-3">
              <ProgressBar percent={data.percent} label="Course progress" />
            </div>
          )}
          {syllabus}
        </div>
      </nav>

      <div className="min-w-0">
        <details className="mb-6 rounded-md border border-slate-300 lg:hidden dark:border-slate-600">
          <summary className="cursor-pointer p-3 font-semibold">Course contents{data.percent !== null ? ` · ${data.percent}% done` : ""}</summary>
          <nav aria-label="Course contents (phone)" className="border-t border-slate-200 p-3 dark:border-slate-700">
            <Link to={`/courses/${data.course.slug}`} className="font-semibold">
              {data.course.title}
            </Link>
            {syllabus}
          </nav>
        </details>
        {data.percent !== null && (
          <div className="mb-6 lg:hidden">
            <ProgressBar percent={data.percent} label="Course progress" />
          </div>
        )}

        <article>
          <p className="text-sm font-semibold uppercase tracking-wide muted">
            Module {data.module.number}: {data.module.title} · {data.lesson.minutes} min
          </p>
          <h1 className="mt-1 text-3xl font-bold">{data.lesson.title}</h1>
          <p className="mt-2 text-lg muted">{data.lesson.summary}</p>
          <LessonBody html={data.html} />
        </article>

        <div className="mt-10 flex flex-wrap items-center justify-between gap-4 border-t border-slate-200 pt-6 dark:border-slate-700">
          {data.previous ? (
            <Link to={data.previous} rel="prev">
              ← Previous lesson
            </Link>
          ) : (
            <span />
          )}
          <div className="flex flex-wrap items-center gap-4">
            {data.lesson.done && <span className="text-sm font-medium text-emerald-800 dark:text-emerald-300">✓ Completed</span>}
            {data.signedIn || data.previous === null ? (
              <Form method="post">
                <button type="submit" className="btn-primary" disabled={busy}>
                  {data.quizNext ? "Mark complete and take the quiz" : data.next ? "Mark complete and continue" : "Mark complete and finish"}
                </button>
              </Form>
            ) : null}
            {data.next && data.lesson.done && (
              <Link to={data.next} rel="next">
                Next lesson →
              </Link>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}

function Syllabus({ modules }: { modules: { title: string; lessons: { title: string; path: string; done: boolean; current: boolean }[] }[] }) {
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
                <Link to={l.path} aria-current={l.current ? "page" : undefined} className={l.current ? "font-bold" : "no-underline hover:underline"}>
                  {l.title}
                  {l.done && <span className="sr-only"> (completed)</span>}
                </Link>
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
