// Course insights for instructors: enrolments per week, the lesson funnel, time to complete, and
// item statistics for every quiz. Counts are SQL aggregates; quiz attempts are read in batches,
// only the columns grading needs. The SQL is portable (SQLite and PostgreSQL): no date functions.
import type { Answers } from "~/assessments/grading";
import { FINAL_QUIZ, type CatalogueCourse } from "~/content/catalogue";
import type { QuizDef } from "~/content/schema";
import type { Db } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import { answersGrader, ItemStatsAccumulator, type ItemStat } from "./item-stats";

/** Enrolments in one week, which starts on Monday 00:00 UTC (`weekStart`, YYYY-MM-DD). */
export type WeekCount = { weekStart: string; count: number };
/** How many learners completed a lesson. */
export type FunnelStep = { lessonKey: string; title: string; completed: number };
export type QuizItemStat = Omit<ItemStat, "topWrongOption"> & {
  prompt: string;
  topWrongOption: { id: string; text: string; count: number } | null;
};
export type QuizInsights = {
  /** A module's slug, or "final". */
  quizKey: string;
  title: string;
  /** Learners with a submitted attempt: the statistics use each one's first. */
  learners: number;
  items: QuizItemStat[];
};
export type CourseInsights = {
  totals: { enrolled: number; completed: number };
  /** Every week from the first enrolment's to the last one's, weeks without enrolments included. */
  enrolmentsByWeek: WeekCount[];
  /** The course's current (not retired) lessons, in course order. */
  funnel: FunnelStep[];
  /** Median time from enrolling to completing the course, over completed enrolments; null if none. */
  medianCompletionMs: number | null;
  /** Module quizzes in course order, then the final assessment. */
  quizzes: QuizInsights[];
};

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Attempts read per query when computing item statistics. */
const ATTEMPT_BATCH = 20_000;

/** The Monday 00:00 UTC on or before this moment. */
export function weekStartOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 24 * 60 * 60 * 1000);
}

/** The middle value (the mean of the two middle values for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export type InsightsOptions = {
  /** Quiz attempts read per query (default 20,000). */
  attemptBatch?: number;
};

export async function courseInsights(
  db: Db,
  course: CatalogueCourse,
  courseId: string,
  options: InsightsOptions = {},
): Promise<CourseInsights> {
  const [totals, funnel, medianCompletionMs, quizzes] = await Promise.all([
    enrolmentTotals(db, courseId),
    lessonFunnel(db, courseId),
    medianTimeToComplete(db, courseId),
    quizItemStatistics(db, course, courseId, options.attemptBatch ?? ATTEMPT_BATCH),
  ]);
  return {
    totals: { enrolled: totals.enrolled, completed: totals.completed },
    enrolmentsByWeek: await enrolmentsByWeek(db, courseId, totals.first, totals.last),
    funnel,
    medianCompletionMs,
    quizzes,
  };
}

async function enrolmentTotals(db: Db, courseId: string) {
  const agg = await db.enrollment.aggregate({
    where: { courseId },
    _count: { _all: true, completedAt: true },
    _min: { enrolledAt: true },
    _max: { enrolledAt: true },
  });
  return {
    enrolled: agg._count._all,
    completed: agg._count.completedAt,
    first: agg._min.enrolledAt,
    last: agg._max.enrolledAt,
  };
}

/**
 * Enrolments per week between the first and the last enrolment. The week boundaries are computed
 * here and compared in SQL (CASE … GROUP BY), which needs no database-specific date function:
 * PostgreSQL compares timestamps, and in SQLite Prisma binds a Date parameter in the same ISO 8601
 * text it stores. One parameter per week: five years are 260, far below either database's limit.
 */
async function enrolmentsByWeek(db: Db, courseId: string, first: Date | null, last: Date | null): Promise<WeekCount[]> {
  if (!first || !last) return [];
  const start = weekStartOf(first).getTime();
  const weeks = Math.floor((weekStartOf(last).getTime() - start) / WEEK_MS) + 1;
  const ends = Array.from({ length: weeks - 1 }, (_, i) => new Date(start + (i + 1) * WEEK_MS));
  const week = ends.length
    ? Prisma.sql`CASE ${Prisma.join(
        ends.map((end, i) => Prisma.sql`WHEN "enrolledAt" < ${end} THEN ${Prisma.raw(String(i))}`),
        " ",
      )} ELSE ${Prisma.raw(String(weeks - 1))} END`
    : Prisma.raw("0");
  const rows = await db.$queryRaw<{ week: number | bigint; n: number | bigint }[]>`
    SELECT ${week} AS "week", COUNT(*) AS "n" FROM "Enrollment" WHERE "courseId" = ${courseId} GROUP BY 1`;
  const counts = new Array<number>(weeks).fill(0);
  for (const r of rows) counts[Number(r.week)] = Number(r.n);
  return counts.map((count, i) => ({ weekStart: new Date(start + i * WEEK_MS).toISOString().slice(0, 10), count }));
}

/**
 * One COUNT per current lesson, each answered from the LessonCompletion(lessonId) index alone: on
 * the load test's 170,000 completions this took about 10 ms, where a LEFT JOIN … GROUP BY that reads
 * the completion rows took over 30 times as long.
 */
async function lessonFunnel(db: Db, courseId: string): Promise<FunnelStep[]> {
  const rows = await db.$queryRaw<{ key: string; title: string; completed: number | bigint }[]>`
    SELECT l."key" AS "key", l."title" AS "title",
      (SELECT COUNT(*) FROM "LessonCompletion" lc WHERE lc."lessonId" = l."id") AS "completed"
    FROM "Lesson" l
    WHERE l."courseId" = ${courseId} AND l."retired" = false
    ORDER BY l."position"`;
  return rows.map((r) => ({ lessonKey: r.key, title: r.title, completed: Number(r.completed) }));
}

/** Durations are differences of timestamps, which SQL has no portable way to take: read two columns. */
async function medianTimeToComplete(db: Db, courseId: string): Promise<number | null> {
  const done = await db.enrollment.findMany({
    where: { courseId, completedAt: { not: null } },
    select: { enrolledAt: true, completedAt: true },
  });
  return median(done.map((e) => e.completedAt!.getTime() - e.enrolledAt.getTime()));
}

type AttemptRow = { userId: string; quizKey: string; answers: string | null };

/**
 * Item statistics per quiz over each learner's FIRST submitted attempt at it: the first attempt
 * is the one not shaped by the feedback of earlier attempts or by retaking until passing, so it
 * measures the questions rather than the learners' persistence. Attempts are regraded against the
 * current quiz definition (answersGrader: grade()'s verdicts), so the figures describe the
 * questions as they are now.
 *
 * Only `answers` is read, not `layout`: the quiz page records an entry for every question it showed
 * (an empty list when unanswered; see answersFromForm), so the keys of `answers` are the questions
 * of the attempt, and the option order in `layout` plays no part in grading. Reading the layout too
 * doubles the time this takes.
 *
 * A window function picks each learner's first attempt per quiz (retakes are never read), and the
 * attempts come in batches in (userId, quizKey) order, so memory stays bounded.
 */
async function quizItemStatistics(
  db: Db,
  course: CatalogueCourse,
  courseId: string,
  batch: number,
): Promise<QuizInsights[]> {
  const quizzes: { key: string; quiz: QuizDef }[] = [
    ...course.modules.flatMap((m) => (m.quiz ? [{ key: m.slug, quiz: m.quiz }] : [])),
    ...(course.finalAssessment ? [{ key: FINAL_QUIZ, quiz: course.finalAssessment }] : []),
  ];
  const byKey = new Map(
    quizzes.map(({ key, quiz }) => [
      key,
      { grade: answersGrader(quiz), acc: ItemStatsAccumulator.forQuiz(quiz), learners: 0 },
    ]),
  );
  if (byKey.size === 0) return [];

  let after: { userId: string; quizKey: string } | null = null;
  for (;;) {
    const cursor: Prisma.Sql = after
      ? Prisma.sql`AND ("userId" > ${after.userId} OR ("userId" = ${after.userId} AND "quizKey" > ${after.quizKey}))`
      : Prisma.empty;
    // The window runs over narrow rows (ids); the answers are joined to the first attempts only.
    const rows: AttemptRow[] = await db.$queryRaw<AttemptRow[]>`
      SELECT a."userId" AS "userId", a."quizKey" AS "quizKey", a."answers" AS "answers"
      FROM (
        SELECT "id", ROW_NUMBER() OVER (PARTITION BY "userId", "quizKey" ORDER BY "submittedAt", "id") AS "attemptNo"
        FROM "QuizAttempt"
        WHERE "courseId" = ${courseId} AND "submittedAt" IS NOT NULL ${cursor}
      ) AS "firsts"
      JOIN "QuizAttempt" a ON a."id" = "firsts"."id"
      WHERE "firsts"."attemptNo" = 1
      ORDER BY a."userId", a."quizKey"
      LIMIT ${batch}`;
    for (const row of rows) {
      const entry = byKey.get(row.quizKey);
      if (!entry) continue; // a quiz the course no longer has
      entry.acc.add(entry.grade((row.answers ? JSON.parse(row.answers) : {}) as Answers));
      entry.learners += 1;
    }
    if (rows.length < batch) break;
    const lastRow: AttemptRow = rows[rows.length - 1];
    after = { userId: lastRow.userId, quizKey: lastRow.quizKey };
  }

  return quizzes.map(({ key, quiz }) => {
    const { acc, learners } = byKey.get(key)!;
    const questions = new Map(quiz.questions.map((q) => [q.id, q]));
    return {
      quizKey: key,
      title: quiz.title,
      learners,
      items: acc.result().map((stat) => {
        const q = questions.get(stat.questionId)!;
        const wrong = stat.topWrongOption;
        return {
          ...stat,
          prompt: q.prompt,
          topWrongOption: wrong ? { ...wrong, text: optionText(q, wrong.id) } : null,
        };
      }),
    };
  });
}

function optionText(q: QuizDef["questions"][number], id: string): string {
  if (q.type === "truefalse") return id === "true" ? "True" : id === "false" ? "False" : id;
  return q.options.find((o) => o.id === id)?.text ?? id;
}
