import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/auth.server";
import { listCertificates } from "~/certificates/certificate.server";
import { ProgressBar } from "~/components/progress-bar";
import { findCourse, pathForLessonKey } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { myEnrollments } from "~/learning/courses.server";
import { formatDate } from "~/lib/format";

export const meta: MetaFunction = () => [{ title: "My learning · Green Digital Academy" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const [enrollments, certificates] = await Promise.all([myEnrollments(db, user.id), listCertificates(db, user.id)]);
  return {
    name: user.name,
    certificates: certificates.map((c) => ({ id: c.id, courseTitle: c.courseTitle, score: c.score, completedAt: c.completedAt.toISOString(), revoked: Boolean(c.revokedAt) })),
    courses: enrollments.flatMap((e) => {
      const course = findCourse(e.course.slug);
      if (!course) return [];
      return [{ ...e.course, percent: e.percent, lastActivityAt: e.lastActivityAt.toISOString(), continuePath: pathForLessonKey(course, e.currentLessonKey) }];
    }),
  };
}

export default function MyLearning() {
  const { name, courses, certificates } = useLoaderData<typeof loader>();
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
              <p className="text-sm muted">Last active {formatDate(c.lastActivityAt, "medium")}</p>
              <Link to={c.continuePath} className="btn-primary" aria-label={`Continue ${c.title}`}>
                {c.percent === 100 ? "Review" : "Continue"}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {certificates.length > 0 && (
        <section aria-labelledby="certificates-heading" className="mt-12">
          <h2 id="certificates-heading" className="text-2xl font-bold">My certificates</h2>
          <ul className="mt-4 space-y-3">
            {certificates.map((c) => (
              <li key={c.id} className="card flex flex-wrap items-center justify-between gap-3">
                <span>
                  <Link to={`/certificates/${c.id}`}>{c.courseTitle}</Link> · {c.score}% ·{" "}
                  {formatDate(c.completedAt, "medium")}
                  {c.revoked && <strong> · revoked</strong>}
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
