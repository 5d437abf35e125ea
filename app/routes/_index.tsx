import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/auth/auth.server";
import { CourseCard, CourseCover, CourseFacts } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { continueLearning, listCourses, starterCourse } from "~/learning/courses.server";
import { formatMinutes, levelLabel } from "~/lib/format";
import { paths } from "~/paths";
import { SITE_NAME } from "~/site";

await needMessages("catalogue");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? SITE_NAME },
  { name: "description", content: data?.description ?? "" },
];

export const headers = passCacheControl;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { language, t } = await requestTranslator({ request, context }, "catalogue");
  const user = getUser(context);
  const [courses, resume] = await Promise.all([
    listCourses(db, {}, user?.id ?? null, language),
    user ? continueLearning(db, user.id) : [],
  ]);
  const starter = starterCourse(courses);
  return sameForEveryoneWhenSignedOut(context, {
    title: t("home.meta.title", { site: SITE_NAME }),
    description: t("home.meta.description"),
    signedIn: Boolean(user),
    resume,
    starter: starter?.slug ?? null,
    courses: courses.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      cover: c.cover,
      language: c.language,
      otherLanguages: c.otherLanguages,
      duration: formatMinutes(c.estimatedMinutes, language),
      level: levelLabel(t, c.level),
      topics: c.topics,
    })),
  });
}

/**
 * The themes of the academy, each leading to the catalogue filtered by its topic; their titles and
 * texts are the messages `catalogue:home.themes.<topic>`.
 */
const topics = ["circular-ict", "carbon-accounting", "climate-action", "sustainable-software"] as const;

export default function Home() {
  const { signedIn, resume, starter: starterSlug, courses } = useLoaderData<typeof loader>();
  const starter = courses.find((c) => c.slug === starterSlug) ?? null;
  const { t } = useTranslation("catalogue");
  return (
    <div className="space-y-14">
      <section className="grid items-center gap-8 lg:grid-cols-[1fr_26rem]" aria-labelledby="home-heading">
        <div>
          <h1 id="home-heading" className="text-3xl font-bold tracking-tight sm:text-5xl">
            {t("home.hero.heading")}
          </h1>
          <p className="mt-4 text-lg muted">{t("home.hero.lead")}</p>
          <div className="mt-6 flex flex-wrap gap-3">
            {resume[0] ? (
              <Link
                to={resume[0].continuePath}
                className="btn-primary"
                aria-label={t("home.hero.continueCourse", { course: resume[0].title })}
              >
                {t("home.hero.continue")}
              </Link>
            ) : (
              <Link to={paths.courses()} className="btn-primary">
                {t("home.hero.browse")}
              </Link>
            )}
            {signedIn ? (
              <Link to={resume[0] ? paths.courses() : paths.myLearning()} className="btn-secondary">
                {resume[0] ? t("home.hero.browse") : t("home.hero.yourLearning")}
              </Link>
            ) : (
              <Link to={paths.signUp()} className="btn-secondary">
                {t("home.hero.signUp")}
              </Link>
            )}
          </div>
        </div>

        {resume.length > 0 ? (
          <section
            aria-labelledby="continue-heading"
            className="rounded-lg border border-slate-200 bg-slate-50 p-5 dark:border-slate-700 dark:bg-slate-900"
          >
            <h2 id="continue-heading" className="text-xl font-bold">
              {t("home.resume.heading")}
            </h2>
            <ul className="mt-4 space-y-5">
              {resume.map((c) => (
                <li key={c.slug} className="flex gap-4">
                  <div className="w-24 shrink-0 sm:w-32">
                    <CourseCover
                      src={c.cover}
                      eager
                      className="rounded-md border border-slate-200 dark:border-slate-700"
                    />
                  </div>
                  <div className="min-w-0 flex-1 space-y-2">
                    <h3 className="font-semibold leading-snug">
                      <Link to={paths.course(c)}>{c.title}</Link>
                    </h3>
                    <ProgressBar percent={c.percent} label={t("home.resume.progress", { course: c.title })} />
                    {c.nextLesson && (
                      <p className="text-sm">
                        {c.percent > 0
                          ? t("home.resume.next", { lesson: c.nextLesson })
                          : t("home.resume.startWith", { lesson: c.nextLesson })}
                      </p>
                    )}
                    <Link
                      to={c.continuePath}
                      className="btn-secondary py-1 text-sm"
                      aria-label={t("home.hero.continueCourse", { course: c.title })}
                    >
                      {t("home.hero.continue")}
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
            <p className="mt-4 text-sm">
              <Link to={paths.myLearning()}>{t("home.resume.all")}</Link>
            </p>
          </section>
        ) : (
          starter && (
            <section aria-labelledby="start-heading">
              <h2 id="start-heading" className="sr-only">
                {t("home.starter.heading")}
              </h2>
              <CourseCard
                course={starter}
                href={paths.course(starter)}
                heading="h3"
                eager
                badge={t("home.starter.badge")}
              >
                <CourseFacts
                  facts={[
                    [t("facts.duration"), starter.duration],
                    [t("facts.level"), starter.level],
                  ]}
                />
                <Link
                  to={paths.course(starter)}
                  className="btn-secondary mt-4 self-start"
                  aria-label={t("home.starter.linkLabel", { course: starter.title })}
                >
                  {t("home.starter.link")}
                </Link>
              </CourseCard>
            </section>
          )
        )}
      </section>

      <section aria-labelledby="courses-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="courses-heading" className="text-2xl font-bold">
            {t("home.courses.heading")}
          </h2>
          <Link to={paths.courses()}>{t("home.courses.filter")}</Link>
        </div>
        <ul className="mt-6 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {courses.map((c) => (
            <li key={c.slug}>
              <CourseCard
                course={c}
                href={paths.course(c)}
                heading="h3"
                badge={c.slug === starterSlug ? t("home.starter.badge") : undefined}
              >
                <CourseFacts
                  facts={[
                    [t("facts.duration"), c.duration],
                    [t("facts.level"), c.level],
                  ]}
                />
              </CourseCard>
            </li>
          ))}
          <li className="flex flex-col rounded-lg bg-brand-50 p-5 dark:bg-emerald-950">
            <h3 className="text-xl font-semibold">{t("home.light.heading")}</h3>
            <ul className="mt-3 flex-1 list-disc space-y-2 ps-5">
              <li>{t("home.light.free")}</li>
              <li>{t("home.light.small")}</li>
              <li>{t("home.light.signed")}</li>
            </ul>
            <p className="mt-4">
              <Link to={paths.verifyForm()}>{t("home.light.verify")}</Link>
            </p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="text-2xl font-bold">
          {t("home.themes.heading")}
        </h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {topics.map((topic) => {
            const count = courses.filter((c) => c.topics.includes(topic)).length;
            return (
              <li key={topic} className="card flex flex-col">
                <h3 className="text-lg font-semibold">
                  <Link to={paths.courses({ topic })}>{t(`home.themes.${topic}.title`)}</Link>
                </h3>
                <p className="mt-2 flex-1 muted">{t(`home.themes.${topic}.text`)}</p>
                <p className="mt-3 text-sm font-medium">{t("home.themes.count", { count })}</p>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
