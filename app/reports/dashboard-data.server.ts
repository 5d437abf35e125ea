// Everything the cohort dashboard page shows for one course, in one call, as plain JSON.
import type { DbClient } from "~/db/db.server";
import type { DashboardQuery } from "./dashboard";
import {
  atRiskLearners,
  cohortCourses,
  courseModules,
  learnerPage,
  overview,
  type CohortInfo,
  type LearnerRow,
} from "./dashboard.server";

const learnerJson = (l: LearnerRow) => ({
  ...l,
  lastActivityAt: l.lastActivityAt?.toISOString() ?? null,
  completedAt: l.completedAt?.toISOString() ?? null,
});

/** The dashboard of `cohort` for the course `query.course` (its first course when none is named); null: no such course. */
export async function cohortDashboard(db: DbClient, cohort: CohortInfo, query: DashboardQuery, now = new Date()) {
  const courses = await cohortCourses(db, cohort.id);
  const course = query.course ? courses.find((c) => c.slug === query.course) : courses[0];
  const tabs = courses.map((c) => ({ slug: c.slug, title: c.title }));
  if (!course) return query.course ? null : { courses: tabs, course: null };
  const modules = await courseModules(db, course);
  const { headline: figures, charts: chartData } = await overview(db, cohort, course, now);
  // Counts the headline knows already are not counted again.
  const known =
    query.q === ""
      ? { all: figures.learners, completed: figures.completed, "at-risk": figures.atRisk }[query.status as string]
      : undefined;
  const [page, risk] = await Promise.all([
    learnerPage(db, cohort, course, modules, query, now, undefined, known),
    figures.atRisk > 0
      ? atRiskLearners(db, cohort, course, modules, now, 10, figures.atRisk)
      : { learners: [], total: 0 },
  ]);
  return {
    courses: tabs,
    course: { slug: course.slug, title: course.title, dueAt: course.dueAt?.toISOString() ?? null },
    modules,
    headline: figures,
    page: { ...page, learners: page.learners.map(learnerJson) },
    atRisk: risk.learners.map(learnerJson),
    charts: chartData,
  };
}
