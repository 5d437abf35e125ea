import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { listCertificates } from "~/certificates/certificate.server";
import { cohortCoursesFor, isOverdue } from "~/cohorts/cohorts.server";
import { ProgressBar } from "~/components/progress-bar";
import { flattenLessons } from "~/content/catalogue";
import { findCourse } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { myEnrollments } from "~/learning/courses.server";
import { resumePath } from "~/learning/flow";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("learning");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { t } = await requestTranslator({ request, context }, "learning");
  const [enrollments, certificates, cohortCourses] = await Promise.all([
    myEnrollments(db, user.id),
    listCertificates(db, user.id),
    cohortCoursesFor(db, user.id),
  ]);
  const now = new Date();
  return {
    title: pageTitle(t("myLearning.title")),
    name: user.name,
    certificates: certificates.map((c) => ({
      path: paths.certificate(c.id),
      id: c.id,
      courseTitle: c.courseTitle,
      score: c.score,
      completedAt: c.completedAt.toISOString(),
      revoked: Boolean(c.revokedAt),
    })),
    courses: enrollments.flatMap((e) => {
      const course = findCourse(e.course.slug);
      if (!course) return [];
      const lessons = flattenLessons(course);
      const next = (lessons.find((l) => l.lesson.key === e.currentLessonKey) ?? lessons[0])?.lesson;
      const certificate = certificates.find((c) => c.courseId === e.courseId && !c.revokedAt);
      return [
        {
          title: course.title,
          summary: course.summary,
          percent: e.percent,
          lastActivityAt: e.lastActivityAt.toISOString(),
          path: paths.course(course),
          continuePath: resumePath(course, e.currentLessonKey),
          nextLesson: next?.title ?? null,
          minutesLeft: Math.round((course.estimatedMinutes * (100 - e.percent)) / 100),
          completed: e.completedAt !== null,
          certificate: e.completedAt && certificate ? paths.certificate(certificate.id) : null,
          // The cohorts that assign this course, with its due date in each.
          cohorts: (cohortCourses.get(e.courseId) ?? []).map((c) => ({
            key: c.cohortId,
            organisation: c.organisationName,
            cohort: c.cohortName,
            dueAt: c.dueAt?.toISOString() ?? null,
            overdue: isOverdue(c.dueAt, e.completedAt, now),
          })),
        },
      ];
    }),
  };
}

export default function MyLearning() {
  const { name, courses, certificates } = useLoaderData<typeof loader>();
  const { t } = useTranslation("learning");
  const format = useFormat();
  const shortDate = (date: string) => format.date(date, "medium");
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("myLearning.heading")}</h1>
      <p className="mt-2 muted">{t("myLearning.welcome", { name })}</p>
      {courses.length === 0 ? (
        <p className="mt-6">
          <Trans t={t} i18nKey="myLearning.empty" components={{ a: <Link to={paths.courses()} /> }} />
        </p>
      ) : (
        <ul className="mt-6 grid gap-5 md:grid-cols-2">
          {courses.map((c) => (
            <li key={c.path} className="card space-y-3">
              <h2 className="text-xl font-semibold">
                <Link to={c.path}>{c.title}</Link>
              </h2>
              <p className="muted">{c.summary}</p>
              {c.cohorts.length > 0 && (
                <ul className="space-y-1 text-sm" aria-label={t("myLearning.cohorts", { course: c.title })}>
                  {c.cohorts.map((k) => (
                    <li key={k.key}>
                      {k.organisation} · {k.cohort}
                      {k.dueAt && (
                        <>
                          {" "}
                          · {t("myLearning.due", { date: shortDate(k.dueAt) })}
                          {k.overdue && (
                            <strong className="ms-1 rounded bg-red-100 px-1 text-red-900 dark:bg-red-950 dark:text-red-100">
                              {t("myLearning.overdue")}
                            </strong>
                          )}
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              <ProgressBar percent={c.percent} label={t("myLearning.progress", { course: c.title })} />
              {c.completed ? (
                <>
                  <p className="font-semibold text-emerald-800 dark:text-emerald-300">{t("myLearning.completed")}</p>
                  <div className="flex flex-wrap gap-3">
                    {c.certificate && (
                      <Link
                        to={c.certificate}
                        className="btn-primary"
                        aria-label={t("myLearning.certificateFor", { course: c.title })}
                      >
                        {t("myLearning.certificate")}
                      </Link>
                    )}
                    <Link
                      to={c.continuePath}
                      className="btn-secondary"
                      aria-label={t("myLearning.reviewCourse", { course: c.title })}
                    >
                      {t("myLearning.review")}
                    </Link>
                  </div>
                </>
              ) : (
                <>
                  <p className="text-sm">
                    <Trans
                      t={t}
                      i18nKey={c.percent > 0 ? "myLearning.next" : "myLearning.startWith"}
                      values={{ lesson: c.nextLesson ?? "", time: format.minutes(c.minutesLeft) }}
                      components={{ strong: <strong /> }}
                    />
                  </p>
                  <p className="text-sm muted">{t("myLearning.lastActive", { date: shortDate(c.lastActivityAt) })}</p>
                  <Link
                    to={c.continuePath}
                    className="btn-primary"
                    aria-label={
                      c.percent > 0
                        ? t("myLearning.continueCourse", { course: c.title })
                        : t("myLearning.startCourse", { course: c.title })
                    }
                  >
                    {c.percent > 0 ? t("myLearning.continue") : t("myLearning.start")}
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-10 text-sm muted">
        <Trans t={t} i18nKey="myLearning.groups" components={{ a: <Link to={paths.organisations()} /> }} />
      </p>
      {certificates.length > 0 && (
        <section aria-labelledby="certificates-heading" className="mt-12">
          <h2 id="certificates-heading" className="text-2xl font-bold">
            {t("myLearning.certificates")}
          </h2>
          <ul className="mt-4 space-y-3">
            {certificates.map((c) => (
              <li key={c.id} className="card flex flex-wrap items-center justify-between gap-3">
                <span>
                  <Link to={c.path}>{c.courseTitle}</Link> · {format.percent(c.score)} · {shortDate(c.completedAt)}
                  {c.revoked && <strong> · {t("myLearning.revoked")}</strong>}
                </span>
                <code className="text-sm">{c.id}</code>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
