import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { attemptResult } from "~/assessments/assessment.server";
import { isTrueFalse } from "~/assessments/grading";
import { certificateIdFor, findCertificate } from "~/certificates/certificate.server";
import { getCatalogue } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { requireEnrolledQuiz } from "~/learning/access.server";
import { stepAfterQuiz } from "~/learning/flow";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle, SITE_NAME } from "~/site";

await needMessages("quiz");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title) }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { user, course, ref } = await requireEnrolledQuiz(request, context, params);
  const { t } = await requestTranslator({ request, context }, "quiz");
  const { standing, ...result } = (await attemptResult(db, user.id, ref, params.attempt ?? "")) ?? notFound();
  const certificateId = await certificateIdFor(db, user.id, ref.courseId);
  const issued = certificateId ? await findCertificate(db, certificateId) : null;
  const next = stepAfterQuiz(course, ref.quizKey);
  const index = course.modules.findIndex((m) => m.slug === ref.quizKey);
  return {
    title: t("result.title"),
    course: { title: course.title, path: paths.course(course) },
    quiz: { title: ref.title, passMark: ref.passMark, path: paths.quiz(course, ref.quizKey) },
    result,
    standing,
    next: {
      path: next.path,
      label:
        next.kind === "lesson"
          ? t("next.module", { number: index + 2, title: course.modules[index + 1]!.title })
          : next.kind === "quiz"
            ? t("next.finalAssessment")
            : t("next.course"),
    },
    certificate: certificateId
      ? {
          page: paths.certificate(certificateId),
          pdf: paths.certificatePdf(certificateId),
          learnerName: issued?.learnerName ?? user.name,
          completedAt: (issued?.completedAt ?? new Date()).toISOString(),
        }
      : null,
    // What to learn next, once the course is complete: the other courses, starter course last.
    nextCourses: certificateId
      ? getCatalogue()
          .courses.filter((c) => c.slug !== course.slug)
          .map((c) => ({ title: c.title, summary: c.summary, path: paths.course(c) }))
          .slice(0, 3)
      : [],
  };
}

/** The sign before an option: right, chosen but wrong, chosen, or not chosen. */
const optionMark = (o: { chosen: boolean; right?: boolean }) =>
  o.right === true ? "✓" : o.chosen && o.right === false ? "✗" : o.chosen ? "●" : "○";

export default function AttemptResult() {
  const { course, quiz, result, standing, next, certificate, nextCourses } = useLoaderData<typeof loader>();
  const { t } = useTranslation("quiz");
  const format = useFormat();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={course.path}>{course.title}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">{t("result.heading", { quiz: quiz.title })}</h1>
      {certificate && result.passed && (
        <section
          aria-labelledby="completed-heading"
          className="mt-4 rounded-md border-2 border-emerald-600 p-4 text-center sm:p-6"
        >
          <h2 id="completed-heading" className="text-2xl font-bold">
            {t("completed.heading")}
          </h2>
          <p className="mt-3">{t("completed.text", { course: course.title })}</p>
          <p className="mt-4 flex flex-wrap justify-center gap-3">
            <Link to={certificate.page} className="btn-primary">
              {t("completed.see")}
            </Link>
            <a href={certificate.pdf} className="btn-secondary" download>
              {t("completed.pdf")}
            </a>
          </p>
          <figure
            aria-label={t("completed.preview")}
            className="mx-auto mt-4 max-w-md rounded-sm border-4 border-double border-emerald-700 bg-white p-4 text-slate-900"
          >
            <p className="text-xs font-bold tracking-widest text-emerald-800 uppercase">{SITE_NAME}</p>
            <p className="mt-1 text-lg font-bold">{t("completed.certificate")}</p>
            <p className="mt-2 text-xl font-bold break-words">{certificate.learnerName}</p>
            <p className="mt-1 text-sm">{course.title}</p>
            <p className="mt-1 text-xs text-slate-700">{format.date(certificate.completedAt)}</p>
          </figure>
          {nextCourses.length > 0 && (
            <div className="mt-6 text-start">
              <h3 className="text-lg font-semibold">{t("completed.learnNext")}</h3>
              <ul className="mt-2 space-y-2">
                {nextCourses.map((c) => (
                  <li key={c.path}>
                    <Link to={c.path}>{c.title}</Link>
                    <span className="muted"> — {c.summary}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      <div
        className={`mt-6 rounded-md p-5 ${result.passed ? "bg-emerald-50 dark:bg-emerald-950" : "bg-amber-50 dark:bg-amber-950"}`}
        role="status"
      >
        <p className="text-2xl font-bold">
          {format.percent(result.score)} · {result.passed ? t("result.passed") : t("result.notPassed")}
        </p>
        <p className="mt-1">
          {t("result.right", {
            correct: result.correctCount,
            total: result.total,
            passMark: format.percent(quiz.passMark),
          })}{" "}
          {standing.bestScore !== null && t("result.best", { score: format.percent(standing.bestScore) })}
        </p>
      </div>
      {certificate && result.passed ? null : certificate ? (
        // An earlier attempt, looked at again after the course was completed: nothing left to retry.
        <div className="mt-6 flex flex-wrap items-center gap-3">
          <p>{t("earlier.text")}</p>
          <Link to={certificate.page} className="btn-primary">
            {t("completed.see")}
          </Link>
          <Link to={quiz.path} className="btn-secondary">
            {t("earlier.attempts")}
          </Link>
        </div>
      ) : (
        <div className="mt-6 flex flex-wrap items-center gap-3">
          {result.passed ? (
            <Link to={next.path} className="btn-primary">
              {next.label}
            </Link>
          ) : standing.passed ? (
            <>
              <p>{t("later.passed")}</p>
              <Link to={next.path} className="btn-primary">
                {next.label}
              </Link>
            </>
          ) : standing.blocked ? (
            <p>{say(t, standing.blocked)}</p>
          ) : (
            <Link to={quiz.path} className="btn-primary">
              {t("later.tryAgain")}
            </Link>
          )}
          {next.path !== course.path && (
            <Link to={course.path} className="btn-secondary">
              {t("next.course")}
            </Link>
          )}
        </div>
      )}

      <h2 className="mt-10 text-2xl font-bold">{t("questions.heading")}</h2>
      {!result.revealed && (
        <p className="mt-2 muted">{standing.passed ? t("questions.notPublished") : t("questions.notShown")}</p>
      )}
      <ol className="mt-4 space-y-5">
        {result.questions.map((q, i) => (
          <li key={q.id} className="card">
            <p className="font-semibold">
              {i + 1}. {q.prompt}
            </p>
            <p
              className={`mt-2 font-semibold ${q.correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
            >
              {q.correct ? t("questions.right") : t("questions.wrong")}
            </p>
            <ul className="mt-2 space-y-1 text-sm">
              {q.options.map((o) => (
                <li key={o.id} className={`flex gap-2 ${o.chosen ? "font-semibold" : ""}`}>
                  <span aria-hidden="true" className="w-5 shrink-0">
                    {optionMark(o)}
                  </span>
                  <span>
                    {isTrueFalse(q.options) ? t(`answer.${o.id}`) : o.text}
                    {o.chosen && <span className="muted"> {t("questions.yourAnswer")}</span>}
                    {o.right === true && (
                      <span className="text-emerald-800 dark:text-emerald-300"> {t("questions.rightAnswer")}</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
            {q.explanation && <p className="mt-2">{q.explanation}</p>}
            {q.concept && (
              <p className="mt-2">
                <span className="font-semibold">{t("questions.revisit")}</span> {q.concept}
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
