import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttemptError, openAttempt, standing, startAttempt, submitAttempt } from "~/assessments/assessment.server";
import { answersFromForm, publicQuestions } from "~/assessments/grading";
import { db } from "~/db/db.server";
import { badRequest, invariantResponse } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requireEnrolledQuiz } from "~/learning/access.server";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

/** Attempt ids are database ids (cuid): short, lower-case letters and digits. */
const ATTEMPT_ID = /^[a-z0-9]{1,40}$/;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? pageTitle(data.quiz.title, data.course.title) : pageTitle("Quiz") }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { user, course, ref } = await requireEnrolledQuiz(request, context, params);
  const open = await openAttempt(db, user.id, ref);
  return {
    course: { title: course.title, path: paths.course(course) },
    quiz: { title: ref.title, passMark: ref.passMark, questionCount: ref.quiz.questions.length, isFinal: ref.quizKey === "final" },
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
  invariantResponse(typeof attemptId === "string" && ATTEMPT_ID.test(attemptId), "This quiz attempt does not exist. Open the quiz again to continue.");
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
  const { course, quiz, standing, attempt } = useLoaderData<typeof loader>();
  const busy = useIsPending();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={course.path}>{course.title}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">{quiz.title}</h1>
      <p className="mt-2 muted">
        {quiz.questionCount} questions · pass mark {quiz.passMark}% · {standing.attemptsLeft === null ? "unlimited attempts" : `${standing.attemptsLeft} attempt(s) left`}
        {standing.bestScore !== null && ` · your best score ${standing.bestScore}%`}
        {standing.passed && " · passed"}
      </p>
      {attempt ? (
        <QuizForm attemptId={attempt.id} questions={attempt.questions} busy={busy} />
      ) : standing.blocked ? (
        <p role="alert" className="mt-6 rounded-md bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {standing.blocked}
        </p>
      ) : (
        <Form method="post" className="mt-6">
          <p className="mb-4">
            Answer every question, then submit. Your answers are graded when you submit{quiz.isFinal ? "; the best of your attempts counts" : ""}.
          </p>
          <button type="submit" name="intent" value="start" className="btn-primary">
            {standing.attempts > 0 ? "Start a new attempt" : "Start the quiz"}
          </button>
        </Form>
      )}
    </div>
  );
}

function QuizForm({ attemptId, questions, busy }: { attemptId: string; questions: { id: string; type: string; prompt: string; options: { id: string; text: string }[] }[]; busy: boolean }) {
  const data = useActionData<typeof action>();
  const chosen = (q: string, o: string) => data?.answers?.[q]?.includes(o);
  return (
    <Form method="post" className="mt-8 space-y-8">
      <input type="hidden" name="attempt" value={attemptId} />
      {data?.unanswered ? (
        <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <p>
            {data.unanswered === 1 ? "One question has" : `${data.unanswered} questions have`} no answer. Answer {data.unanswered === 1 ? "it" : "them"}, or submit as it is.
          </p>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="confirm" value="yes" /> Submit with unanswered questions
          </label>
        </div>
      ) : null}
      {questions.map((q, i) => (
        <fieldset key={q.id} className="card">
          <legend className="px-1 font-semibold">
            Question {i + 1} of {questions.length}
          </legend>
          <p className="text-lg">{q.prompt}</p>
          {q.type === "multiple" && <p className="text-sm muted">Choose all that apply.</p>}
          <div className="mt-3 space-y-2">
            {q.options.map((o) => (
              <label key={o.id} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
                <input type={q.type === "multiple" ? "checkbox" : "radio"} name={`q-${q.id}`} value={o.id} defaultChecked={chosen(q.id, o.id)} className="mt-1" />
                <span>{o.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? "Submitting…" : "Submit answers"}
      </button>
    </Form>
  );
}
