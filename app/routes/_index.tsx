import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/auth.server";
import { CourseCard, CourseCover, CourseFacts } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { continueLearning, listCourses, starterCourse } from "~/learning/courses.server";
import { formatMinutes, LEVEL_LABELS } from "~/lib/format";
import { paths } from "~/paths";
import { SITE_NAME } from "~/site";

export const meta: MetaFunction = () => [
  { title: `${SITE_NAME}: skills for green digital action` },
  {
    name: "description",
    content:
      "Courses on circular ICT, green ICT standards and digital climate action, with certificates anyone can verify.",
  },
];

export const headers = passCacheControl;

export async function loader({ context }: LoaderFunctionArgs) {
  const user = getUser(context);
  const [courses, resume] = await Promise.all([
    listCourses(db, {}, user?.id ?? null),
    user ? continueLearning(db, user.id) : [],
  ]);
  const starter = starterCourse(courses);
  return sameForEveryoneWhenSignedOut(context, {
    signedIn: Boolean(user),
    resume,
    starter: starter?.slug ?? null,
    courses: courses.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      cover: c.cover,
      duration: formatMinutes(c.estimatedMinutes),
      level: LEVEL_LABELS[c.level] ?? c.level,
      topics: c.topics,
    })),
  });
}

/** The themes of the academy, each leading to the catalogue filtered by its topic. */
const topics = [
  {
    topic: "circular-ict",
    title: "Circular ICT",
    text: "Keep devices and networks in use longer, design for repair, and close the loop on e-waste.",
  },
  {
    topic: "carbon-accounting",
    title: "Standards and carbon accounting",
    text: "Measure emissions across Scopes 1–3 with ITU-T's L.1400 family and set science-based targets.",
  },
  {
    topic: "climate-action",
    title: "Digital climate action",
    text: "Monitor climate with open data, cut emissions with ICT, and get early warnings to everyone.",
  },
  {
    topic: "sustainable-software",
    title: "Sustainable software",
    text: "Measure software's carbon intensity and build energy-, hardware- and carbon-aware services.",
  },
];

export default function Home() {
  const { signedIn, resume, starter: starterSlug, courses } = useLoaderData<typeof loader>();
  const starter = courses.find((c) => c.slug === starterSlug) ?? null;
  return (
    <div className="space-y-14">
      <section className="grid items-center gap-8 lg:grid-cols-[1fr_26rem]" aria-labelledby="home-heading">
        <div>
          <h1 id="home-heading" className="text-3xl font-bold tracking-tight sm:text-5xl">
            Learn the skills behind green digital action
          </h1>
          <p className="mt-4 text-lg muted">
            Short, sourced courses on circular ICT, green ICT standards and digital climate action, for people at
            operators, manufacturers, regulators, ministries, cities and universities. Every course ends in a
            certificate anyone can verify.
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            {resume[0] ? (
              <Link to={resume[0].continuePath} className="btn-primary" aria-label={`Continue ${resume[0].title}`}>
                Continue
              </Link>
            ) : (
              <Link to={paths.courses()} className="btn-primary">
                Browse courses
              </Link>
            )}
            {signedIn ? (
              <Link to={resume[0] ? paths.courses() : paths.myLearning()} className="btn-secondary">
                {resume[0] ? "Browse courses" : "Your learning and certificates"}
              </Link>
            ) : (
              <Link to={paths.signUp()} className="btn-secondary">
                Create a free account
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
              Continue where you left off
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
                    <ProgressBar percent={c.percent} label={`Progress in ${c.title}`} />
                    {c.nextLesson && (
                      <p className="text-sm">
                        {c.percent > 0 ? "Next" : "Start with"}: {c.nextLesson}
                      </p>
                    )}
                    <Link to={c.continuePath} className="btn-secondary py-1 text-sm" aria-label={`Continue ${c.title}`}>
                      Continue
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
            <p className="mt-4 text-sm">
              <Link to={paths.myLearning()}>All your courses and certificates</Link>
            </p>
          </section>
        ) : (
          starter && (
            <section aria-labelledby="start-heading">
              <h2 id="start-heading" className="sr-only">
                Start here
              </h2>
              <CourseCard course={starter} href={paths.course(starter)} heading="h3" eager badge="Start here">
                <CourseFacts
                  facts={[
                    ["Duration", starter.duration],
                    ["Level", starter.level],
                  ]}
                />
                <Link
                  to={paths.course(starter)}
                  className="btn-secondary mt-4 self-start"
                  aria-label={`Start here: ${starter.title}`}
                >
                  Start here
                </Link>
              </CourseCard>
            </section>
          )
        )}
      </section>

      <section aria-labelledby="courses-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="courses-heading" className="text-2xl font-bold">
            Courses
          </h2>
          <Link to={paths.courses()}>Filter the catalogue</Link>
        </div>
        <ul className="mt-6 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
          {courses.map((c) => (
            <li key={c.slug}>
              <CourseCard
                course={c}
                href={paths.course(c)}
                heading="h3"
                badge={c.slug === starterSlug ? "Start here" : undefined}
              >
                <CourseFacts
                  facts={[
                    ["Duration", c.duration],
                    ["Level", c.level],
                  ]}
                />
              </CourseCard>
            </li>
          ))}
          <li className="flex flex-col rounded-lg bg-brand-50 p-5 dark:bg-emerald-950">
            <h3 className="text-xl font-semibold">Made for slow links and busy people</h3>
            <ul className="mt-3 flex-1 list-disc space-y-2 pl-5">
              <li>Every course is free, self-paced and remembers where you stopped.</li>
              <li>Pages are small and work without JavaScript, on a phone or a metered connection.</li>
              <li>
                Quizzes are graded on our server, and each certificate is signed so that an employer can check it in one
                click.
              </li>
            </ul>
            <p className="mt-4">
              <Link to={paths.verifyForm()}>Verify a certificate</Link>
            </p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" className="text-2xl font-bold">
          What you can learn
        </h2>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {topics.map((t) => {
            const count = courses.filter((c) => c.topics.includes(t.topic)).length;
            return (
              <li key={t.topic} className="card flex flex-col">
                <h3 className="text-lg font-semibold">
                  <Link to={paths.courses({ topic: t.topic })}>{t.title}</Link>
                </h3>
                <p className="mt-2 flex-1 muted">{t.text}</p>
                <p className="mt-3 text-sm font-medium">{count === 1 ? "1 course" : `${count} courses`}</p>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
