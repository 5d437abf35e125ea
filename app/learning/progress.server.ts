// Enrolment and lesson progress. Every completion updates the enrolment's stored aggregates in
// the same transaction, so pages read progress and never recompute it from completion rows.
import { randomUUID } from "node:crypto";
import type { Db, DbClient, Tx } from "~/db/db.server";
import { storeModuleLessons } from "~/reports/module-progress.server";
import { courseCompletedStatement, recordStatements, statementBase } from "~/xapi/record.server";
import * as xapi from "~/xapi/statements";
import { completeIfDone } from "./completion.server";

export const percentOf = (done: number, total: number) => (total > 0 ? Math.floor((done * 100) / total) : 0);

/**
 * Enrols the learner (once, however often asked), recording "registered" with a new enrolment; in
 * the caller's transaction when given one.
 */
export async function enrol(db: DbClient, userId: string, courseId: string) {
  if ("$transaction" in db) return db.$transaction((tx) => enrolIn(tx, userId, courseId));
  return enrolIn(db, userId, courseId);
}

async function enrolIn(tx: Tx, userId: string, courseId: string) {
  const key = { userId_courseId: { userId, courseId } };
  const existing = await tx.enrollment.findUnique({ where: key });
  if (existing) return existing;
  const created = await tx.enrollment.upsert({ where: key, create: { userId, courseId }, update: {} });
  const course = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: courseRef });
  await recordStatements(tx, courseId, xapi.registered(statementBase(userId, created.enrolledAt), course));
  return created;
}

const courseRef = { slug: true, title: true, language: true } as const;

export function getEnrollment(db: Db, userId: string, courseId: string) {
  return db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } } });
}

/** The keys of the lessons of a course this learner has completed (for the syllabus ticks). */
export async function completedLessonKeys(db: Db, userId: string, courseId: string): Promise<Set<string>> {
  const rows = await db.lessonCompletion.findMany({
    where: { userId, lesson: { courseId } },
    select: { lesson: { select: { key: true } } },
  });
  return new Set(rows.map((r) => r.lesson.key));
}

/**
 * The learner's enrolment in a course (its stored percentage) and the keys of the lessons done, in
 * one statement: one row per lesson done (or a single row with no key), none when not enrolled.
 */
export async function enrolmentProgress(
  db: DbClient,
  userId: string,
  courseId: string,
): Promise<{ enrollment: { percent: number } | null; done: Set<string> }> {
  const rows = await db.$queryRaw<{ percent: number | bigint; key: string | null }[]>`
    SELECT e."percent", l."key"
    FROM "Enrollment" e
    LEFT JOIN "LessonCompletion" c ON c."userId" = e."userId"
      AND c."lessonId" IN (SELECT x."id" FROM "Lesson" x WHERE x."courseId" = e."courseId")
    LEFT JOIN "Lesson" l ON l."id" = c."lessonId"
    WHERE e."userId" = ${userId} AND e."courseId" = ${courseId}`;
  if (rows.length === 0) return { enrollment: null, done: new Set() };
  return {
    enrollment: { percent: Number(rows[0].percent) },
    done: new Set(rows.flatMap((r) => (r.key === null ? [] : [r.key]))),
  };
}

/** The learner's best score and pass on each quiz of a course, by quiz key. */
export async function quizResults(db: Db, userId: string, courseId: string) {
  const rows = await db.quizResult.findMany({
    where: { userId, courseId },
    select: { quizKey: true, bestScore: true, passedAt: true },
  });
  return new Map(rows.map((r) => [r.quizKey, { bestScore: r.bestScore, passed: r.passedAt !== null }]));
}

export class NotEnrolledError extends Error {}

/**
 * Records that the learner completed a lesson, in one transaction: enrols them first when
 * `enrol` is set (the open first lesson enrols whoever completes it), counts the completion once
 * however often it is submitted, updates the enrolment's stored progress and remembers the next
 * lesson to take (the first incomplete one after this lesson, else the first incomplete one
 * anywhere; null when every lesson is done) as the place "Continue" leads. Returns that key, and
 * the certificate's id when this completion finished the course.
 *
 * Mark complete is the busiest write of all, and on SQLite writers take turns: the transaction
 * runs as few statements as it can (six for a new completion, between BEGIN and COMMIT), all raw SQL.
 */
export async function completeLesson(db: Db, userId: string, lessonId: string, options: { enrol?: boolean } = {}) {
  // Read before the transaction (on SQLite it holds the database's write lock from its first
  // statement), in one statement: the lesson, its course and its module with its lessons in use.
  const lesson = await lessonForCompletion(db, lessonId);
  return db.$transaction(async (tx) => {
    if (options.enrol) await enrolIn(tx, userId, lesson.courseId);
    // Lock the enrolment for the rest of the transaction while reading it: on PostgreSQL, the
    // learner's concurrent completions (other tabs, other servers) wait here instead of counting
    // from the same stale figures; SQLite runs one writer at a time anyway. So nothing else can
    // complete a lesson of this learner in this course until the transaction ends.
    const now = new Date();
    const enrollment = await lockedEnrollment(tx, userId, lesson.courseId, now);
    if (!enrollment) throw new NotEnrolledError("Enrol in the course first.");
    // The course's lessons this learner has not completed yet, this one included if it is new.
    const notDone = await lessonsNotDone(tx, userId, lesson.courseId);
    const newlyCompleted = notDone.some((l) => l.id === lessonId);
    // Its id is a UUID (the schema's default, a cuid, is made by Prisma's client, not by the database).
    if (newlyCompleted)
      await tx.$executeRaw`
        INSERT INTO "LessonCompletion" ("id", "userId", "lessonId", "completedAt")
        VALUES (${randomUUID()}, ${userId}, ${lessonId}, ${now})`;
    const remaining = notDone.filter((l) => !l.retired && l.id !== lessonId);
    const next = remaining.find((l) => l.position > lesson.position) ?? remaining[0] ?? null;
    const completedLessons = enrollment.completedLessons + (newlyCompleted ? 1 : 0);
    const figures = {
      completedLessons,
      percent: percentOf(completedLessons, lesson.lessonCount),
      currentLessonKey: next?.key ?? enrollment.currentLessonKey,
    };
    // Raw SQL, as the other hot statements (see lessonsNotDone). The day every lesson was done is
    // kept once set.
    await tx.$executeRaw`
      UPDATE "Enrollment"
      SET "completedLessons" = ${figures.completedLessons}, "percent" = ${figures.percent},
        "currentLessonKey" = ${figures.currentLessonKey},
        "lessonsDoneAt" = COALESCE("lessonsDoneAt", ${next === null ? now : null})
      WHERE "id" = ${enrollment.id}`;
    const updated = { ...enrollment, ...figures };
    if (newlyCompleted) {
      // The module's lessons done: its lessons less those still to do (read above, in this transaction).
      const lessonsTotal = lesson.moduleLessons;
      const lessonsDone = lessonsTotal - remaining.filter((l) => l.moduleId === lesson.moduleId).length;
      await storeModuleLessons(tx, {
        enrollmentId: enrollment.id,
        moduleKey: lesson.moduleKey,
        lessonsDone,
        lessonsTotal,
      });
    }
    const lessonRef = { moduleSlug: lesson.moduleKey, slug: lesson.slug, title: lesson.title };
    await recordStatements(
      tx,
      lesson.courseId,
      xapi.lessonExperienced(statementBase(userId, now), lesson.course, lessonRef),
      ...(newlyCompleted ? [xapi.lessonCompleted(statementBase(userId, now), lesson.course, lessonRef)] : []),
    );
    // Only a completion that brings the count to the course's lessons can complete the course.
    const completion =
      newlyCompleted && completedLessons >= lesson.lessonCount
        ? await completeIfDone(tx, userId, lesson.courseId, updated)
        : null;
    if (completion)
      await recordStatements(tx, lesson.courseId, await courseCompletedStatement(tx, userId, lesson.courseId));
    return {
      enrollment: updated,
      newlyCompleted,
      nextLessonKey: next?.key ?? null,
      certificateId: completion?.certificateId ?? null,
    };
  });
}

/**
 * The learner's enrolment in the course, its last activity set to `now`: updating the row locks it
 * until the transaction ends (on PostgreSQL; SQLite's writers take turns). Null when not enrolled.
 */
async function lockedEnrollment(tx: Tx, userId: string, courseId: string, now: Date) {
  const [row] = await tx.$queryRaw<
    { id: string; completedLessons: number | bigint; currentLessonKey: string | null; completedAt: unknown }[]
  >`
    UPDATE "Enrollment" SET "lastActivityAt" = ${now}
    WHERE "userId" = ${userId} AND "courseId" = ${courseId}
    RETURNING "id", "completedLessons", "currentLessonKey", "completedAt"`;
  return row
    ? {
        id: row.id,
        completedLessons: Number(row.completedLessons),
        currentLessonKey: row.currentLessonKey,
        completed: row.completedAt !== null,
      }
    : null;
}

/**
 * The course's lessons the learner has not completed, in order. Raw SQL, as the completion's other
 * hot statements: it runs while SQLite's write lock is held, and Prisma's query engine spends
 * about 0.3 ms of CPU per statement where the SQL itself takes well under 0.1 ms.
 */
async function lessonsNotDone(tx: Tx, userId: string, courseId: string) {
  const rows = await tx.$queryRaw<
    { id: string; key: string; position: number | bigint; moduleId: string; retired: boolean | number | bigint }[]
  >`
    SELECT l."id", l."key", l."position", l."moduleId", l."retired"
    FROM "Lesson" l
    WHERE l."courseId" = ${courseId}
      AND NOT EXISTS (SELECT 1 FROM "LessonCompletion" d WHERE d."lessonId" = l."id" AND d."userId" = ${userId})
    ORDER BY l."position"`;
  return rows.map((r) => ({ ...r, position: Number(r.position), retired: Boolean(Number(r.retired)) }));
}

/** What a completion needs to know about its lesson; throws when there is no such lesson. */
async function lessonForCompletion(db: Db, lessonId: string) {
  const [row] = await db.$queryRaw<
    {
      courseId: string;
      moduleId: string;
      position: number | bigint;
      slug: string;
      title: string;
      moduleKey: string;
      moduleLessons: number | bigint;
      lessonCount: number | bigint;
      courseSlug: string;
      courseTitle: string;
      courseLanguage: string;
    }[]
  >`
    SELECT l."courseId", l."moduleId", l."position", l."slug", l."title", m."key" AS "moduleKey",
      (SELECT COUNT(*) FROM "Lesson" x WHERE x."moduleId" = l."moduleId" AND NOT x."retired") AS "moduleLessons",
      c."lessonCount", c."slug" AS "courseSlug", c."title" AS "courseTitle", c."language" AS "courseLanguage"
    FROM "Lesson" l
    JOIN "Module" m ON m."id" = l."moduleId"
    JOIN "Course" c ON c."id" = l."courseId"
    WHERE l."id" = ${lessonId}`;
  if (!row) throw new Error(`There is no lesson with the id ${lessonId}.`);
  return {
    ...row,
    position: Number(row.position),
    moduleLessons: Number(row.moduleLessons),
    lessonCount: Number(row.lessonCount),
    course: { slug: row.courseSlug, title: row.courseTitle, language: row.courseLanguage },
  };
}
