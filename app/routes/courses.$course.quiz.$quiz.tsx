import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import {
  AttemptError,
  attemptHistory,
  openAttempt,
  standing,
  startAttempt,
  submitAttempt,
} from "~/assessments/assessment.server";
import { isTrueFalse, answersFromForm, publicQuestions, withoutInstruction } from "~/assessments/grading";
import { db } from "~/db/db.server";
import { badRequest, invariantResponse } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { requireEnrolledQuiz } from "~/learning/access.server";
import { useFormat } from "~/lib/use-format";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("quiz");

/** Attempt ids are database ids (cuid): short, lower-case letters and digits. */
const ATTEMPT_ID = /^[a-z0-9]{1,40}$/;

// A quiz that cannot be shown is answered by the root's error page, with its own title.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? pageTitle(data.quiz.title, data.course.title) : pageTitle() },
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
  const form = await readForm({ request, context });
  const here = paths.quiz(course, ref.quizKey);
  if (form.get("intent") === "start") {
    await startAttempt(db, user.id, ref); // when blocked, the quiz page says why
    throw redirect(here);
  }
  const attemptId = form.get("attempt");
  if (typeof attemptId !== "string" || !ATTEMPT_ID.test(attemptId)) {
    const { t } = await requestTranslator({ request, context }, "quiz");
    invariantResponse(false, t("errors.noSuchAttempt"));
  }
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
    if (e instanceof AttemptError)
      badRequest(say((await requestTranslator({ request, context }, "quiz")).t, e.problem));
    throw e;
  }
  throw redirect(paths.attempt(course, ref.quizKey, attemptId));
}

export default function QuizPage() {
  const { course, path, history, quiz, standing, attempt } = useLoaderData<typeof loader>();
  const busy = useIsPending();
  const { t } = useTranslation("quiz");
  const format = useFormat();
  const facts = [
    t("quiz.questions", { count: quiz.questionCount }),
    t("quiz.passMark", { percent: format.percent(quiz.passMark) }),
    standing.attemptsLeft === null
      ? t("quiz.unlimitedAttempts")
      : t("quiz.attemptsLeft", { count: standing.attemptsLeft }),
    ...(standing.passed ? [t("quiz.passed")] : []),
  ];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={course.path}>{course.title}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">{quiz.title}</h1>
      <p className="mt-2 muted">{facts.join(" · ")}</p>
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
              {say(t, standing.blocked)}
            </p>
          ) : (
            <Form method="post" action={path} className="mt-6">
              <p className="mb-4">
                {course.completed ? t("start.completed") : quiz.isFinal ? t("start.howFinal") : t("start.how")}
              </p>
              <button
                type="submit"
                name="intent"
                value="start"
                className={course.completed ? "btn-secondary" : "btn-primary"}
              >
                {course.completed
                  ? t("start.practise")
                  : standing.attempts > 0
                    ? t("start.newAttempt")
                    : t("start.first")}
              </button>
            </Form>
          )}
        </>
      )}
    </div>
  );
}

/** Attempt dates as "20 Nov 2026". */
const DATE_STYLE = "medium";

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
  const { t } = useTranslation("quiz");
  const format = useFormat();
  const best = history.find((h) => h.best);
  return (
    <section aria-labelledby="history-heading" className="mt-6">
      <h2 id="history-heading" className="text-xl font-bold">
        {t("history.heading")}
      </h2>
      {best && (
        <p className="mt-1">
          <Trans
            t={t}
            i18nKey={best.passed ? "history.bestPassed" : "history.bestNotPassed"}
            values={{ score: format.percent(best.score), number: best.number }}
            components={{ strong: <strong /> }}
          />
        </p>
      )}
      <ol className="mt-3 divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
        {history.map((h) => (
          <li key={h.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 p-3">
            <span>
              <Link to={h.path}>{t("history.attempt", { number: h.number })}</Link> ·{" "}
              {format.date(h.submittedAt, DATE_STYLE)}
              {h.best && history.length > 1 && (
                <span className="ms-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-slate-800">
                  {t("history.best")}
                </span>
              )}
            </span>
            <span className="tabular-nums">
              {format.percent(h.score)} ·{" "}
              <span
                className={
                  h.passed
                    ? "font-semibold text-emerald-800 dark:text-emerald-300"
                    : "text-slate-700 dark:text-slate-200"
                }
              >
                {h.passed ? t("history.passed") : t("history.notPassed")}
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
  const { t } = useTranslation("quiz");
  const data = useActionData<typeof action>();
  const chosen = (q: string, o: string) => data?.answers?.[q]?.includes(o);
  return (
    // The explicit action keeps the address as it is (no "?index") when the page answers with a question.
    <Form method="post" action={formAction} className="mt-8 space-y-8">
      <input type="hidden" name="attempt" value={attemptId} />
      {data?.unanswered ? (
        <div role="alert" className="rounded-md bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          <p>{t("form.unanswered", { count: data.unanswered })}</p>
          <label className="mt-2 flex items-center gap-2">
            <input type="checkbox" name="confirm" value="yes" className="h-5 w-5" /> {t("form.confirm")}
          </label>
        </div>
      ) : null}
      {questions.map((q, i) => {
        const text = withoutInstruction(q.prompt);
        const multiple = q.type === "multiple";
        return (
          <fieldset key={q.id} className="card" aria-describedby={multiple ? `${q.id}-how` : undefined}>
            <legend className="px-1 font-semibold">
              {t("form.question", { number: i + 1, total: questions.length })}
            </legend>
            <p className="text-lg">{text}</p>
            {multiple && (
              <p id={`${q.id}-how`} className="mt-1 text-sm font-semibold">
                {t("form.selectAll")}
              </p>
            )}
            <div className="mt-3 space-y-2">
              {q.options.map((o) => (
                <label key={o.id} className="quiz-option" data-selected={t("form.selected")}>
                  <input
                    type={multiple ? "checkbox" : "radio"}
                    name={`q-${q.id}`}
                    value={o.id}
                    defaultChecked={chosen(q.id, o.id)}
                  />
                  <span className="flex-1">{isTrueFalse(q.options) ? t(`answer.${o.id}`) : o.text}</span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}
      <button type="submit" className="btn-primary" disabled={busy}>
        {busy ? t("form.submitting") : t("form.submit")}
      </button>
    </Form>
  );
}
