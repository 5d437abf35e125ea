// The cohort dashboard's figures, read from stored aggregates (Enrollment, ModuleProgress,
// QuizResult, Certificate, CohortMember, CohortCourse) with SQL aggregates and one page of
// learners at a time: however large the cohort, no query returns more than a page of learners or a
// few dozen aggregate rows, and nothing is recomputed from lesson completions.
//
// The expected pace needs a stored date as a number of days (SQLite's julianday(), PostgreSQL's
// EXTRACT(EPOCH …)) and completions by day a date's day (substr of SQLite's ISO 8601 text,
// PostgreSQL's to_char): those two pick their SQL by `dialect`; the rest is portable SQL. Dates
// are bound as Date values and compared with stored dates.
import { dialect, type DbClient } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import {
  completionRate,
  DAY_MS,
  learnerStatus,
  moduleCell,
  PACE_TOLERANCE,
  PAGE_SIZE,
  PROGRESS_BANDS,
  riskReasons,
  SCORE_BANDS,
  weeklyCounts,
  type DashboardQuery,
  type LearnerStatus,
  type ModuleCell,
  type Risk,
} from "./dashboard";

export type CohortInfo = { id: string; startsAt: Date | null; inactivityDays: number };
export type CohortCourseInfo = {
  id: string;
  slug: string;
  title: string;
  dueAt: Date | null;
  /** Module quiz keys that must be passed. */
  quizzes: string[];
};

/** The courses assigned to a cohort, in their order, with due dates. */
export async function cohortCourses(db: DbClient, cohortId: string): Promise<CohortCourseInfo[]> {
  const rows = await db.cohortCourse.findMany({ where: { cohortId }, orderBy: [{ position: "asc" }] });
  const courses = await db.course.findMany({
    where: { id: { in: rows.map((r) => r.courseId) } },
    select: { id: true, slug: true, title: true, requiredQuizzes: true },
  });
  const byId = new Map(courses.map((c) => [c.id, c]));
  return rows.flatMap((r) => {
    const c = byId.get(r.courseId);
    return c
      ? [{ id: c.id, slug: c.slug, title: c.title, dueAt: r.dueAt, quizzes: JSON.parse(c.requiredQuizzes) as string[] }]
      : [];
  });
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const date = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

/** Learners of the cohort with their enrolment and certificate in the course (LEFT JOINs). */
const learnersIn = (cohortId: string, courseId: string) => Prisma.sql`
  FROM "CohortMember" m
  LEFT JOIN "Enrollment" e ON e."userId" = m."userId" AND e."courseId" = ${courseId}
  WHERE m."cohortId" = ${cohortId} AND m."role" = 'learner'`;

const STATUS_SQL: Record<LearnerStatus, Prisma.Sql> = {
  completed: Prisma.sql`e."completedAt" IS NOT NULL`,
  "not-started": Prisma.sql`(e."id" IS NULL OR (e."completedAt" IS NULL AND e."completedLessons" = 0 AND e."quizzesPassed" = 0))`,
  "in-progress": Prisma.sql`(e."completedAt" IS NULL AND (e."completedLessons" > 0 OR e."quizzesPassed" > 0))`,
};

/** A date as a Julian day number, as SQLite's julianday() gives it. */
const julian = (d: Date) => d.getTime() / DAY_MS + 2440587.5;

/** A stored date as a Julian day number, in SQL. */
const julianSql = (column: Prisma.Sql) =>
  dialect === "postgresql"
    ? Prisma.sql`(EXTRACT(EPOCH FROM ${column})::float8 / 86400.0 + 2440587.5)`
    : Prisma.sql`julianday(${column})`;

/** A number rounded towards zero, as an integer, in SQL (PostgreSQL's CAST rounds to nearest). */
const truncSql = (value: Prisma.Sql) =>
  dialect === "postgresql" ? Prisma.sql`CAST(TRUNC(${value}) AS INTEGER)` : Prisma.sql`CAST(${value} AS INTEGER)`;

/** The day (YYYY-MM-DD, UTC) of a stored date, in SQL. */
const daySql = (column: Prisma.Sql) =>
  dialect === "postgresql" ? Prisma.sql`to_char(${column}, 'YYYY-MM-DD')` : Prisma.sql`substr(${column}, 1, 10)`;

/** At risk (see riskReasons): not completed, and inactive too long or behind the pace to the due date. */
function atRiskSql(cohort: CohortInfo, course: CohortCourseInfo, now: Date) {
  const cutoff = new Date(now.getTime() - cohort.inactivityDays * DAY_MS);
  const inactive = Prisma.sql`COALESCE(e."lastActivityAt", m."joinedAt") < ${cutoff}`;
  if (!course.dueAt) return Prisma.sql`(e."completedAt" IS NULL AND ${inactive})`;
  if (now >= course.dueAt) return Prisma.sql`e."completedAt" IS NULL`;
  // The pace start is the later of the cohort's start and the learner's joining; the constants are
  // bound as Julian day numbers, so each row parses one date at most.
  const start = cohort.startsAt
    ? Prisma.sql`(CASE WHEN m."joinedAt" > ${cohort.startsAt} THEN ${julianSql(Prisma.sql`m."joinedAt"`)} ELSE ${julian(cohort.startsAt)} END)`
    : julianSql(Prisma.sql`m."joinedAt"`);
  const [nowJ, dueJ] = [julian(now), julian(course.dueAt)];
  // expected = floor((now − start) / (due − start) × 100), 0 before the start (see expectedPercent).
  const expected = Prisma.sql`(CASE WHEN ${nowJ} <= ${start} THEN 0 ELSE ${truncSql(Prisma.sql`((${nowJ} - ${start}) * 100) / (${dueJ} - ${start})`)} END)`;
  return Prisma.sql`(e."completedAt" IS NULL AND (${inactive} OR COALESCE(e."percent", 0) + ${PACE_TOLERANCE} < ${expected}))`;
}

export type Headline = {
  learners: number;
  started: number;
  completed: number;
  completionRate: number | null;
  averageBestScore: number | null;
  overdue: number;
  certificates: number;
  atRisk: number;
};

/**
 * The headline figures and the charts' data of one course, in three queries over the cohort's
 * learners: one for every count (and the progress bands), one for quiz scores, one for completions
 * by day.
 */
export async function overview(db: DbClient, cohort: CohortInfo, course: CohortCourseInfo, now = new Date()) {
  const overdue = course.dueAt && now > course.dueAt ? Prisma.sql`e."completedAt" IS NULL` : Prisma.sql`1 = 0`;
  const progress = Prisma.sql`COALESCE(e."percent", 0)`;
  const [[counts], scoreRows, days] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT COUNT(*) AS "learners",
        SUM(CASE WHEN ${STATUS_SQL["not-started"]} THEN 0 ELSE 1 END) AS "started",
        SUM(CASE WHEN ${STATUS_SQL.completed} THEN 1 ELSE 0 END) AS "completed",
        SUM(CASE WHEN ${overdue} THEN 1 ELSE 0 END) AS "overdue",
        SUM(CASE WHEN ${atRiskSql(cohort, course, now)} THEN 1 ELSE 0 END) AS "atRisk",
        COUNT(c."id") AS "certificates",
        ${Prisma.join(
          PROGRESS_BANDS.map(
            ([, low, high], i) => Prisma.sql`SUM(CASE WHEN ${progress} BETWEEN ${low} AND ${high} THEN 1 ELSE 0 END) AS ${Prisma.raw(`"band${i}"`)}`,
          ),
          ", ",
        )}
      FROM "CohortMember" m
      LEFT JOIN "Enrollment" e ON e."userId" = m."userId" AND e."courseId" = ${course.id}
      LEFT JOIN "Certificate" c ON c."userId" = m."userId" AND c."courseId" = ${course.id} AND c."revokedAt" IS NULL
      WHERE m."cohortId" = ${cohort.id} AND m."role" = 'learner'`,
    db.$queryRaw<{ band: unknown; count: unknown; total: unknown }[]>`
      SELECT ${bandCase(SCORE_BANDS, Prisma.sql`q."bestScore"`)} AS "band", COUNT(*) AS "count", SUM(q."bestScore") AS "total"
      FROM "CohortMember" m
      JOIN "QuizResult" q ON q."userId" = m."userId" AND q."courseId" = ${course.id} AND q."attempts" > 0
      WHERE m."cohortId" = ${cohort.id} AND m."role" = 'learner' GROUP BY 1`,
    db.$queryRaw<{ day: string; count: unknown }[]>`
      SELECT ${daySql(Prisma.sql`e."completedAt"`)} AS "day", COUNT(*) AS "count"
      ${learnersIn(cohort.id, course.id)} AND e."completedAt" IS NOT NULL
      GROUP BY 1 ORDER BY 1`,
  ]);
  const learners = num(counts?.learners);
  const completed = num(counts?.completed);
  const scored = scoreRows.reduce((sum, r) => sum + num(r.count), 0);
  const scoreTotal = scoreRows.reduce((sum, r) => sum + num(r.total), 0);
  const headline: Headline = {
    learners,
    started: num(counts?.started),
    completed,
    completionRate: completionRate(completed, learners),
    averageBestScore: scored > 0 ? Math.round(scoreTotal / scored) : null,
    overdue: num(counts?.overdue),
    certificates: num(counts?.certificates),
    atRisk: num(counts?.atRisk),
  };
  return {
    headline,
    charts: {
      completionsByWeek: weeklyCounts(days.map((d) => ({ day: String(d.day), count: num(d.count) }))),
      progress: PROGRESS_BANDS.map(([label], i) => ({ label, count: num(counts?.[`band${i}`]) })),
      scores: SCORE_BANDS.map(([label], i) => ({
        label,
        count: scoreRows.filter((r) => num(r.band) === i).reduce((sum, r) => sum + num(r.count), 0),
      })),
    },
  };
}

export const headline = async (db: DbClient, cohort: CohortInfo, course: CohortCourseInfo, now = new Date()) =>
  (await overview(db, cohort, course, now)).headline;
export const charts = async (db: DbClient, cohort: CohortInfo, course: CohortCourseInfo, now = new Date()) =>
  (await overview(db, cohort, course, now)).charts;

const bandCase = (bands: [string, number, number][], column: Prisma.Sql) =>
  Prisma.sql`CASE ${Prisma.join(
    bands.map(([, low, high], i) => Prisma.sql`WHEN ${column} BETWEEN ${low} AND ${high} THEN ${i}`),
    " ",
  )} ELSE -1 END`;

export type LearnerRow = {
  userId: string;
  name: string;
  email: string;
  status: LearnerStatus;
  percent: number;
  lastActivityAt: Date | null;
  completedAt: Date | null;
  certificateId: string | null;
  risks: Risk[];
  modules: ModuleCell[];
};

export type ModuleInfo = { key: string; title: string; lessons: number; hasQuiz: boolean };

export async function courseModules(db: DbClient, course: CohortCourseInfo): Promise<ModuleInfo[]> {
  const [modules, counts] = await Promise.all([
    db.module.findMany({
      where: { courseId: course.id, retired: false },
      orderBy: { position: "asc" },
      select: { id: true, key: true, title: true },
    }),
    db.lesson.groupBy({ by: ["moduleId"], where: { courseId: course.id, retired: false }, _count: { _all: true } }),
  ]);
  const lessons = new Map(counts.map((c) => [c.moduleId, c._count._all]));
  return modules.map((m) => ({
    key: m.key,
    title: m.title,
    lessons: lessons.get(m.id) ?? 0,
    hasQuiz: course.quizzes.includes(m.key),
  }));
}

const ORDER: Record<DashboardQuery["sort"], (dir: Prisma.Sql) => Prisma.Sql> = {
  name: (dir) => Prisma.sql`u."name" ${dir}, u."id" ASC`,
  progress: (dir) => Prisma.sql`COALESCE(e."percent", 0) ${dir}, u."name" ASC, u."id" ASC`,
  // Never active first (ascending), as an empty date would sort; portable to both databases.
  activity: (dir) =>
    Prisma.sql`(e."lastActivityAt" IS NOT NULL) ${dir}, e."lastActivityAt" ${dir}, u."name" ASC, u."id" ASC`,
};

/** One page of the learner × module table, with the filters and sort of `query`. */
export async function learnerPage(
  db: DbClient,
  cohort: CohortInfo,
  course: CohortCourseInfo,
  modules: ModuleInfo[],
  query: Pick<DashboardQuery, "status" | "q" | "sort" | "dir" | "page">,
  now = new Date(),
  pageSize = PAGE_SIZE,
  /** The number of matching learners when the caller knows it already (saves a count). */
  knownTotal?: number,
) {
  const filters: Prisma.Sql[] = [];
  if (query.status === "at-risk") filters.push(atRiskSql(cohort, course, now));
  else if (query.status !== "all") filters.push(STATUS_SQL[query.status]);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // lower() on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
    filters.push(
      Prisma.sql`(lower(u."name") LIKE lower(${like}) ESCAPE '\\' OR lower(u."email") LIKE lower(${like}) ESCAPE '\\')`,
    );
  }
  const where = filters.length ? Prisma.sql`AND ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const from = Prisma.sql`
    FROM "CohortMember" m
    JOIN "User" u ON u."id" = m."userId"
    LEFT JOIN "Enrollment" e ON e."userId" = m."userId" AND e."courseId" = ${course.id}
    WHERE m."cohortId" = ${cohort.id} AND m."role" = 'learner' ${where}`;
  const order = ORDER[query.sort](query.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`);
  // The page's learners first (sort keys only), then their details: the details and certificate
  // are read for these rows alone, not for every learner the sort goes through.
  const [[{ total }], ids] = await Promise.all([
    knownTotal !== undefined
      ? [{ total: knownTotal }]
      : db.$queryRaw<{ total: unknown }[]>`SELECT COUNT(*) AS "total" ${from}`,
    db.$queryRaw<{ userId: string }[]>`
      SELECT u."id" AS "userId" ${from} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(query.page - 1) * pageSize}`,
  ]);
  const pageIds = ids.map((r) => r.userId);
  const details = pageIds.length
    ? await db.$queryRaw<Record<string, unknown>[]>`
      SELECT u."id" AS "userId", u."name", u."email", m."joinedAt", e."id" AS "enrollmentId",
        e."completedLessons", e."quizzesPassed", e."percent", e."lastActivityAt", e."completedAt",
        (SELECT c."id" FROM "Certificate" c WHERE c."userId" = u."id" AND c."courseId" = ${course.id} AND c."revokedAt" IS NULL) AS "certificateId"
      FROM "CohortMember" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "Enrollment" e ON e."userId" = m."userId" AND e."courseId" = ${course.id}
      WHERE m."cohortId" = ${cohort.id} AND m."userId" IN (${Prisma.join(pageIds)})`
    : [];
  const byId = new Map(details.map((r) => [String(r.userId), r]));
  const rows = pageIds.map((id) => byId.get(id)!).filter(Boolean);
  const enrolments = rows.map((r) => r.enrollmentId).filter((id): id is string => typeof id === "string");
  const progress = enrolments.length
    ? await db.moduleProgress.findMany({
        where: { enrollmentId: { in: enrolments } },
        select: { enrollmentId: true, moduleKey: true, lessonsDone: true, lessonsTotal: true, quizBest: true },
      })
    : [];
  const cells = new Map(progress.map((p) => [`${p.enrollmentId} ${p.moduleKey}`, p]));
  const learners: LearnerRow[] = rows.map((r) => {
    const completedAt = date(r.completedAt);
    const percent = num(r.percent);
    const lastActivityAt = date(r.lastActivityAt);
    return {
      userId: String(r.userId),
      name: String(r.name),
      email: String(r.email),
      status: learnerStatus({
        enrolled: r.enrollmentId !== null,
        completedLessons: num(r.completedLessons),
        quizzesPassed: num(r.quizzesPassed),
        completedAt,
      }),
      percent,
      lastActivityAt,
      completedAt,
      certificateId: (r.certificateId as string | null) ?? null,
      risks: riskReasons(
        {
          percent,
          completedAt,
          lastActivityAt,
          joinedAt: date(r.joinedAt)!,
          cohortStartsAt: cohort.startsAt,
          dueAt: course.dueAt,
          inactivityDays: cohort.inactivityDays,
        },
        now,
      ),
      modules: modules.map((m) => moduleCell(cells.get(`${r.enrollmentId} ${m.key}`), m.lessons, m.hasQuiz)),
    };
  });
  const count = num(total);
  return { learners, total: count, page: query.page, pages: Math.max(1, Math.ceil(count / pageSize)) };
}

/** The learners at risk who have been inactive longest (at most `limit`), with their reasons. */
export function atRiskLearners(
  db: DbClient,
  cohort: CohortInfo,
  course: CohortCourseInfo,
  modules: ModuleInfo[],
  now = new Date(),
  limit = 10,
  knownTotal?: number,
) {
  return learnerPage(
    db,
    cohort,
    course,
    modules,
    { status: "at-risk", q: "", sort: "activity", dir: "asc", page: 1 },
    now,
    limit,
    knownTotal,
  );
}

