// Everything the cohort dashboard page shows for one course, in one call, as plain JSON.
import type { DbClient } from "~/db/db.server";
import type { DashboardQuery } from "./dashboard";
import {
  atRiskLearners,
  charts,
  cohortCourses,
  courseModules,
  headline,
  learnerPage,
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
  const [figures, page, risk, chartData] = await Promise.all([
    headline(db, cohort, course, now),
    learnerPage(db, cohort, course, modules, query, now),
    atRiskLearners(db, cohort, course, modules, now),
    charts(db, cohort, course),
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
