// Stored per-module progress (ModuleProgress): one row per enrolment and module, kept up to date in
// the transaction of each lesson completion and quiz result, so that reports read it and never
// recompute progress from lesson completion rows. `rebuildModuleProgress` writes it again for every
// enrolment of a course after its lessons changed (a sync or publication), which also fills it in
// for enrolments made before it existed.
import type { DbClient } from "~/db/db.server";

/**
 * Stores an enrolment's lessons done and lessons in one module, after a lesson completion; the
 * caller counts them in its transaction.
 */
export async function storeModuleLessons(
  tx: DbClient,
  input: { enrollmentId: string; moduleKey: string; lessonsDone: number; lessonsTotal: number },
) {
  const { enrollmentId, moduleKey, lessonsDone, lessonsTotal } = input;
  // One raw statement, the same on SQLite and PostgreSQL: it runs inside the completion's
  // transaction, where Prisma's upsert costs several times the SQL's own time.
  await tx.$executeRaw`
    INSERT INTO "ModuleProgress" ("enrollmentId", "moduleKey", "lessonsDone", "lessonsTotal", "updatedAt")
    VALUES (${enrollmentId}, ${moduleKey}, ${lessonsDone}, ${lessonsTotal}, ${new Date()})
    ON CONFLICT ("enrollmentId", "moduleKey") DO UPDATE SET
      "lessonsDone" = excluded."lessonsDone", "lessonsTotal" = excluded."lessonsTotal", "updatedAt" = excluded."updatedAt"`;
}

/**
 * Stores the learner's best score on a module's quiz (quiz key = module key) with their progress
 * in that module. Not for the final assessment, which belongs to no module; nothing is written when
 * the learner is not enrolled or the module does not exist.
 */
export async function recordModuleQuizBest(
  tx: DbClient,
  input: { userId: string; courseId: string; quizKey: string; bestScore: number },
) {
  const [enrollment, module] = await Promise.all([
    tx.enrollment.findUnique({
      where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
      select: { id: true },
    }),
    tx.module.findUnique({
      where: { courseId_key: { courseId: input.courseId, key: input.quizKey } },
      select: { id: true },
    }),
  ]);
  if (!enrollment || !module) return;
  const key = { enrollmentId_moduleKey: { enrollmentId: enrollment.id, moduleKey: input.quizKey } };
  const existing = await tx.moduleProgress.findUnique({ where: key, select: { quizBest: true } });
  if (existing) {
    if ((existing.quizBest ?? -1) < input.bestScore)
      await tx.moduleProgress.update({ where: key, data: { quizBest: input.bestScore } });
    return;
  }
  const [lessonsTotal, lessonsDone] = await Promise.all([
    tx.lesson.count({ where: { moduleId: module.id, retired: false } }),
    tx.lessonCompletion.count({ where: { userId: input.userId, lesson: { moduleId: module.id, retired: false } } }),
  ]);
  await tx.moduleProgress.create({
    data: { enrollmentId: enrollment.id, moduleKey: input.quizKey, lessonsDone, lessonsTotal, quizBest: input.bestScore },
  });
}

/**
 * Writes every enrolment's module progress in a course again from the lessons and quiz results:
 * one row per enrolment and current module, none for retired modules. Set-based SQL (SQLite and
 * PostgreSQL), so a course with thousands of learners takes a few statements.
 */
export async function rebuildModuleProgress(tx: DbClient, courseId: string) {
  await tx.$executeRaw`
    DELETE FROM "ModuleProgress" WHERE "enrollmentId" IN (SELECT "id" FROM "Enrollment" WHERE "courseId" = ${courseId})`;
  await tx.$executeRaw`
    INSERT INTO "ModuleProgress" ("enrollmentId", "moduleKey", "lessonsDone", "lessonsTotal", "quizBest", "updatedAt")
    SELECT e."id", m."key",
      (SELECT COUNT(*) FROM "LessonCompletion" lc JOIN "Lesson" l ON l."id" = lc."lessonId"
        WHERE lc."userId" = e."userId" AND l."moduleId" = m."id" AND l."retired" = false),
      (SELECT COUNT(*) FROM "Lesson" l WHERE l."moduleId" = m."id" AND l."retired" = false),
      (SELECT q."bestScore" FROM "QuizResult" q
        WHERE q."userId" = e."userId" AND q."courseId" = e."courseId" AND q."quizKey" = m."key" AND q."attempts" > 0),
      ${new Date()}
    FROM "Enrollment" e JOIN "Module" m ON m."courseId" = e."courseId" AND m."retired" = false
    WHERE e."courseId" = ${courseId}`;
}
