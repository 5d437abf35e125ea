import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { findCourse } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { EnrolmentsChart, FunnelChart, InsightsTotals, ItemStatsTable } from "~/insights/charts";
import { courseInsights } from "~/insights/insights.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Insights", "Authoring") }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const published = findCourse(course.slug);
  return { course, insights: published ? await courseInsights(db, published, course.id) : null };
}

export default function Insights() {
  const { course, insights } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.author()}>Authoring</Link> › <Link to={paths.authorCourse(course)}>{course.title}</Link> ›
      </p>
      <h1 className="text-3xl font-bold">Insights</h1>
      {!insights ? (
        <p className="mt-4">The course is not published yet: insights appear once learners take it.</p>
      ) : (
        <>
          <p className="mt-2 muted">
            Where learners stop, how long they take, and how each quiz question performs (from each learner’s first
            attempt).
          </p>
          <div className="mt-6">
            <InsightsTotals insights={insights} />
          </div>
          <section aria-labelledby="enrolments" className="mt-10">
            <h2 id="enrolments" className="text-xl font-semibold">
              Enrolments over time
            </h2>
            <EnrolmentsChart weeks={insights.enrolmentsByWeek} />
          </section>
          <section aria-labelledby="funnel" className="mt-10">
            <h2 id="funnel" className="text-xl font-semibold">
              Where learners stop
            </h2>
            <FunnelChart steps={insights.funnel} enrolled={insights.totals.enrolled} />
          </section>
          <section aria-labelledby="questions" className="mt-10">
            <h2 id="questions" className="text-xl font-semibold">
              Quiz questions
            </h2>
            <p className="mt-1 text-sm muted">
              Difficulty is the share answering right; discrimination is the correlation between a question and the rest
              of the quiz (below 0.1, the question does not tell strong from weak learners).
            </p>
            {insights.quizzes.map((q) => (
              <div key={q.quizKey} className="mt-6">
                <ItemStatsTable quiz={q} />
              </div>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
