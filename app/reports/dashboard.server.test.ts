import { beforeAll, describe, expect, it } from "vitest";
import { NOW, seedCohortFixture } from "#tests/fixtures/cohort-fixture";
import { db } from "~/db/db.server";
import type { DashboardQuery } from "./dashboard";
import {
  atRiskLearners,
  charts,
  cohortCourses,
  courseModules,
  headline,
  learnerPage,
  type CohortCourseInfo,
  type CohortInfo,
  type ModuleInfo,
} from "./dashboard.server";

let cohort: CohortInfo;
let course: CohortCourseInfo;
let modules: ModuleInfo[];
const query = (q: Partial<DashboardQuery> = {}) => ({
  status: "all" as const,
  q: "",
  sort: "name" as const,
  dir: "asc" as const,
  page: 1,
  ...q,
});

beforeAll(async () => {
  const seeded = await seedCohortFixture(db);
  cohort = seeded.cohort;
  [course] = await cohortCourses(db, cohort.id);
  modules = await courseModules(db, course!);
});

// Hand-computed from tests/fixtures/cohort-fixture.ts. On 20 Jan 2027 at noon, for a course due on
// 31 Jan in a cohort that started on 1 Jan: learners who joined before the start are expected at
// 19.5 / 30 days = 65%; Di (joined 15 Jan) at 5.5 / 16 = 34%; Émilie (joined 18 Jan) at 2.5 / 13 = 19%.
describe("cohort dashboard figures", () => {
  it("headline: learners, started, completed, rate, average best score, overdue, certificates, at risk", async () => {
    expect(course).toMatchObject({ slug: "quiz-course", quizzes: ["m1", "m2", "final"] });
    expect(modules).toEqual([
      { key: "m1", title: "m1", lessons: 1, hasQuiz: true },
      { key: "m2", title: "m2", lessons: 1, hasQuiz: true },
    ]);
    expect(await headline(db, cohort, course, NOW)).toEqual({
      learners: 5,
      started: 3, // Ada, Bo, Cy
      completed: 1,
      completionRate: 20,
      averageBestScore: 71, // (90 + 80 + 85 + 60 + 40) / 5
      overdue: 0,
      certificates: 1,
      atRisk: 4, // Bo and Di and Émilie behind pace, Cy inactive
    });
    // After the due date every learner who has not completed is overdue and at risk.
    expect(await headline(db, cohort, course, new Date("2027-02-02T00:00:00Z"))).toMatchObject({
      overdue: 4,
      atRisk: 4,
    });
    // Without a due date, only inactivity counts: Cy (19 days).
    expect(await headline(db, cohort, { ...course, dueAt: null }, NOW)).toMatchObject({ overdue: 0, atRisk: 1 });
  });

  it("matrix: a page of learners with each module's state and quiz score", async () => {
    const page = await learnerPage(db, cohort, course, modules, query(), NOW);
    expect(page).toMatchObject({ total: 5, page: 1, pages: 1 });
    expect(page.learners.map((l) => [l.name, l.status, l.percent, l.certificateId])).toEqual([
      ["Ada Lovelace", "completed", 100, "CERT-ADA"],
      ["Bo Diddley", "in-progress", 50, null],
      ["Cy Twombly", "in-progress", 100, null],
      ["Di Fox", "not-started", 0, null],
      ["Émilie Du Châtelet", "not-started", 0, null],
    ]);
    expect(page.learners.map((l) => l.modules.map((m) => `${m.state}:${m.quizBest ?? "-"}`))).toEqual([
      ["done:90", "done:80"],
      ["done:60", "not-started:-"],
      ["done:40", "in-progress:-"],
      ["not-started:-", "not-started:-"],
      ["not-started:-", "not-started:-"],
    ]);
    expect(page.learners[3]!.lastActivityAt).toBeNull();
    expect(page.learners[0]!.completedAt).toEqual(new Date("2027-01-10T00:00:00Z"));
  });

  it("matrix: sorting, filtering, searching and pages", async () => {
    const names = async (q: Partial<DashboardQuery>, size?: number) =>
      (await learnerPage(db, cohort, course, modules, query(q), NOW, size)).learners.map((l) => l.name.split(" ")[0]);
    expect(await names({ sort: "progress", dir: "desc" })).toEqual(["Ada", "Cy", "Bo", "Di", "Émilie"]);
    expect(await names({ sort: "progress", dir: "asc" })).toEqual(["Di", "Émilie", "Bo", "Ada", "Cy"]);
    expect(await names({ sort: "activity", dir: "desc" })).toEqual(["Bo", "Émilie", "Ada", "Cy", "Di"]);
    expect(await names({ sort: "name", dir: "desc" })).toEqual(["Émilie", "Di", "Cy", "Bo", "Ada"]);
    expect(await names({ status: "in-progress" })).toEqual(["Bo", "Cy"]);
    expect(await names({ status: "not-started" })).toEqual(["Di", "Émilie"]);
    expect(await names({ status: "completed" })).toEqual(["Ada"]);
    expect(await names({ status: "at-risk" })).toEqual(["Bo", "Cy", "Di", "Émilie"]);
    expect(await names({ q: "du" })).toEqual(["Émilie"]);
    expect(await names({ q: "CY@EXAMPLE" })).toEqual(["Cy"]);
    expect(await names({ q: "100%" })).toEqual([]); // % is a character, not a wildcard
    const page2 = await learnerPage(db, cohort, course, modules, query({ page: 2 }), NOW, 2);
    expect(page2.learners.map((l) => l.name.split(" ")[0])).toEqual(["Cy", "Di"]);
    expect(page2).toMatchObject({ total: 5, pages: 3 });
  });

  it("at risk: who, and why", async () => {
    const { learners, total } = await atRiskLearners(db, cohort, course, modules, NOW);
    expect(total).toBe(4);
    expect(Object.fromEntries(learners.map((l) => [l.name.split(" ")[0], l.risks]))).toEqual({
      Cy: [{ kind: "idle", days: 19, limit: 14 }],
      Di: [{ kind: "behind", percent: 0, expected: 34, dueAt: course.dueAt }],
      Émilie: [{ kind: "behind", percent: 0, expected: 19, dueAt: course.dueAt }],
      Bo: [{ kind: "behind", percent: 50, expected: 65, dueAt: course.dueAt }],
    });
    // Longest inactive first (Di has done nothing: inactive since joining, 15 Jan).
    expect(learners.map((l) => l.name.split(" ")[0])).toEqual(["Di", "Cy", "Émilie", "Bo"]);
  });

  it("charts: completions by week, learners by progress, best scores by band", async () => {
    expect(await charts(db, cohort, course)).toEqual({
      completionsByWeek: [{ weekStart: "2027-01-04", count: 1 }],
      progress: [
        { label: "Not started (0%)", count: 2 },
        { label: "1–24%", count: 0 },
        { label: "25–49%", count: 0 },
        { label: "50–74%", count: 1 },
        { label: "75–99%", count: 0 },
        { label: "All lessons done (100%)", count: 2 },
      ],
      scores: [
        { label: "Below 50%", count: 1 },
        { label: "50–59%", count: 0 },
        { label: "60–69%", count: 1 },
        { label: "70–79%", count: 0 },
        { label: "80–89%", count: 2 },
        { label: "90–100%", count: 1 },
      ],
    });
  });
});
