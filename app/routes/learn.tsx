import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { ProgressBar } from "~/components/progress-bar";
import { findCourse, pathForLessonKey } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { myEnrollments } from "~/learning/courses.server";

export const meta: MetaFunction = () => [{ title: "My learning · Green Digital Academy" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const enrollments = await myEnrollments(db, user.id);
  return {
    name: user.name,
    courses: enrollments.flatMap((e) => {
      const course = findCourse(e.course.slug);
      if (!course) return [];
      return [{ ...e.course, percent: e.percent, lastActivityAt: e.lastActivityAt.toISOString(), continuePath: pathForLessonKey(course, e.currentLessonKey) }];
    }),
  };
}

export default function MyLearning() {
  const { name, courses } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">My learning</h1>
      <p className="mt-2 muted">Welcome, {name}.</p>
      {courses.length === 0 ? (
        <p className="mt-6">
          You have not enrolled in a course yet. <Link to="/courses">Browse the courses</Link>.
        </p>
      ) : (
        <ul className="mt-6 grid gap-5 md:grid-cols-2">
          {courses.map((c) => (
            <li key={c.slug} className="card space-y-3">
              <h2 className="text-xl font-semibold">
                <Link to={`/courses/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="muted">{c.summary}</p>
              <ProgressBar percent={c.percent} label={`Your progress in ${c.title}`} />
              <p className="text-sm muted">Last active {new Date(c.lastActivityAt).toLocaleDateString("en-GB", { dateStyle: "medium" })}</p>
              <Link to={c.continuePath} className="btn-primary" aria-label={`Continue ${c.title}`}>
                {c.percent === 100 ? "Review" : "Continue"}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
