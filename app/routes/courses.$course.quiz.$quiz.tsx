import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  AttemptError,
  attemptHistory,
  openAttempt,
  standing,
  startAttempt,
  submitAttempt,
} from "~/assessments/assessment.server";
import { answersFromForm, publicQuestions, SELECT_ALL, withoutInstruction } from "~/assessments/grading";
import { db } from "~/db/db.server";
import { badRequest, invariantResponse } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requireEnrolledQuiz } from "~/learning/access.server";
import { formatDate, formatPercent } from "~/lib/format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

/** Attempt ids are database ids (cuid): short, lower-case letters and digits. */
const ATTEMPT_ID = /^[a-z0-9]{1,40}$/;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? pageTitle(data.quiz.title, data.course.title) : pageTitle("Quiz") },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { user, course, ref } = await requireEnrolledQuiz(request, context, params);
  const [open, history, enrollment] = await Promise.all([
    openAttempt(db, user.id, ref),
    attemptHistory(db, user.id, ref),
    db.enrollment.findUnique({
      where: { userId_courseId: { userId: user.id, courseId: ref.courseId } },
      select: { completedAt: true },
    }),
  ]);
  return {
    course: { title: course.title, path: paths.course(course), completed: Boolean(enrollment?.completedAt) },
    path: paths.quiz(course, ref.quizKey),
    history: history.map((h) => ({
      ...h,
      submittedAt: h.submittedAt.toISOString(),
      path: paths.attempt(course, ref.quizKey, h.id),
    })),
    quiz: {
      title: ref.title,
      passMark: ref.passMark,
      questionCount: ref.quiz.questions.length,
      isFinal: ref.quizKey === "final",
    },
    standing: await standing(db, user.id, ref),
    // Questions and options only: answer keys and explanations stay on the server until submission.
    attempt: open ? { id: open.id, questions: publicQuestions(ref.quiz, open.layout) } : null,
  };
}

export async function action({ params, request, context }: ActionFunctionArgs) {
  const { user, course, ref } = await requireEnrolledQuiz(request, context, params);
  const form = await readForm(request);
  const here = paths.quiz(course, ref.quizKey);
  if (form.get("intent") === "start") {
    await startAttempt(db, user.id, ref); // when blocked, the quiz page says why
    throw redirect(here);
  }
  const attemptId = form.get("attempt");
  invariantResponse(
    typeof attemptId === "string" && ATTEMPT_ID.test(attemptId),
    "This quiz attempt does not exist. Open the quiz again to continue.",
  );
  const attempt = await openAttempt(db, user.id, ref, attemptId);
  if (!attempt) {
    // Already submitted (a second click, or the back button): show its result.
    throw redirect(paths.attempt(course, ref.quizKey, attemptId));
  }
  const answers = answersFromForm(form, attempt.layout);
  const unanswered = attempt.layout.filter((l) => !answers[l.question]?.length).length;
  if (unanswered > 0 && form.get("confirm") !== "yes") {
    return { unanswered, answers };
  }
  try {
    await submitAttempt(db, user.id, ref, attemptId, answers);
  } catch (e) {
    if (e instanceof AttemptError) badRequest(e.message);
    throw e;
  }
  throw redirect(paths.attempt(course, ref.quizKey, attemptId));
}

export default function QuizPage() {
  const { course, path, history, quiz, standing, attempt } = useLoaderData<typeof loader>();
  const busy = useIsPending();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={course.path}>{course.title}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">{quiz.title}</h1>
      <p className="mt-2 muted">
        {quiz.questionCount} questions · pass mark {formatPercent(quiz.passMark)} ·{" "}
        {standing.attemptsLeft === null
          ? "unlimited attempts"
          : `${standing.attemptsLeft} ${standing.attemptsLeft === 1 ? "attempt" : "attempts"} left`}
        {standing.passed && " · passed"}
      </p>
      {attempt ? (
        <QuizForm formAction={path} attemptId={attempt.id} questions={attempt.questions} busy={busy} />
      ) : (
        <>
          {history.length > 0 && <AttemptHistory history={history} />}
          {standing.blocked ? (
            <p
              role="alert"
              className="mt-6 rounded-md bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            >
              {standing.blocked}
            </p>
          ) : (
            <Form method="post" action={path} className="mt-6">
              <p className="mb-4">
                {course.completed
                  ? "You have completed this course. You may take the quiz again for practice; your certificate does not change."
                  : `Answer every question, then submit. Your answers are graded when you submit${quiz.isFinal ? "; the best of your attempts counts" : ""}.`}
              </p>
              <button
                type="submit"
                name="intent"
                value="start"
                className={course.completed ? "btn-secondary" : "btn-primary"}
              >
                {course.completed ? "Practise again" : standing.attempts > 0 ? "Start a new attempt" : "Start the quiz"}
              </button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}

type HistoryRow = {
  id: string;
  number: number;
  score: number;
  passed: boolean;
  submittedAt: string;
  best: boolean;
  path: string;
};

function AttemptHistory({ history }: { history: HistoryRow[] }) {
  const best = history.find((h) => h.best);
  return (
    <section aria-labelledby="history-heading" className="mt-6">
      <h2 id="history-heading" className="text-xl font-bold">
        Your attempts
      </h2>
      {best && (
        <p className="mt-1">
          Your best score: <strong>{formatPercent(best.score)}</strong> (attempt {best.number},{" "}
          {best.passed ? "passed" : "not passed"}).
        </p>
      )}
      <ol className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
        {history.map((h) => (
          <li key={h.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 p-3">
            <span>
              <Link to={h.path}>Attempt {h.number}</Link> · {formatDate(h.submittedAt, "medium")}
              {h.best && history.length > 1 && (
                <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-slate-800">
                  Best
                </span>
              )}
            </span>
            <span className="tabular-nums">
              {formatPercent(h.score)} ·{" "}
              <span
                className={
                  h.passed
                    ? "font-semibold text-emerald-800 dark:text-emerald-300"
                    : "text-slate-700 dark:text-slate-200"
                }
              >
                {h.passed ? "✓ Passed" : "Not passed"}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

type PublicQuestion = { id: string; type: string; prompt: string; options: { id: string; text: string }[] };

function QuizForm({
  formAction,
  attemptId,
  questions,
  busy,
}: {
  formAction: string;
  attemptId: string;
  questions: PublicQuestion[];
  busy: boolean;
}) {
  const data = useActionData<typeof action>();
  const chosen = (q: string, o: string) => data?.answers?.[q]?.includes(o);
  return (
    // The explicit action keeps the address as it is (no "?index") when the page answers with a question.
    <Form method="post" action={formAction} className="mt-8 space-y-8">
      <input type="hidden" name="attempt" value={attemptId} />
      {data?.unanswered ? (
        <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <p>
            {data.unanswered === 1 ? "One question has" : `${data.unanswered} questions have`} no answer. Answer{" "}
            {data.unanswered === 1 ? "it" : "them"}, or submit as it is.
          </p>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="confirm" value="yes" className="h-5 w-5" /> Submit with unanswered questions
          </label>
        </div>
      ) : null}
      {questions.map((q, i) => {
        const text = withoutInstruction(q.prompt);
        const multiple = q.type === "multiple";
        return (
          <fieldset key={q.id} className="card" aria-describedby={multiple ? `${q.id}-how` : undefined}>
            <legend className="px-1 font-semibold">
              Question {i + 1} of {questions.length}
            </legend>
            <p className="text-lg">{text}</p>
            {multiple && (
              <p id={`${q.id}-how`} className="mt-1 text-sm font-semibold">
                {SELECT_ALL}
              </p>
            )}
            <div className="mt-3 space-y-2">
              {q.options.map((o) => (
                <label key={o.id} className="quiz-option">
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    name={`q-${q.id}`}
                    value={o.id}
                    defaultChecked={chosen(q.id, o.id)}
                  />
                  <span className="flex-1">{o.text}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? "Submitting…" : "Submit answers"}
      </button>
    </Form>
  );
}
