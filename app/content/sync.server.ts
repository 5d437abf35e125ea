// Brings a course's learner-facing tables (course, modules, lessons, search index, stored progress)
// in line with the version learners now see. Lessons are matched by their stable key, so edited
// lessons keep their learners' progress; lessons and modules that disappeared are retired, never
// deleted, so nobody's history is lost.
import type { Db, DbClient } from "~/db/db.server";
import { rebuildModuleProgress } from "~/reports/module-progress.server";
import { indexCourse, unindexCourse } from "~/search/search.server";
import { requiredQuizzes, type Catalogue, type CatalogueCourse } from "./catalogue";

/** Bump when what the sync writes changes, so that every course is written again once. */
export const SYNC_VERSION = 3;
export const syncedHash = (course: { hash: string }) => `${course.hash}.${SYNC_VERSION}`;

/** Writes one course's tables from its catalogue entry; returns the course's id. */
export async function syncCourse(tx: DbClient, course: CatalogueCourse, extra: { currentVersionId?: string } = {}) {
  const lessons = course.modules.flatMap((m) => m.lessons);
  const fields = {
    position: course.position,
    title: course.title,
    summary: course.summary,
    outcomes: JSON.stringify(course.outcomes),
    level: course.level,
    language: course.language,
    estimatedMinutes: course.estimatedMinutes,
    passMark: course.passMark,
    lessonCount: lessons.length,
    requiredQuizzes: JSON.stringify(requiredQuizzes(course)),
    moduleCount: course.modules.length,
    contentHash: syncedHash(course),
    retired: false,
    ...extra,
  };
  const { id: courseId } = await tx.course.upsert({
    where: { slug: course.slug },
    create: { slug: course.slug, ...fields },
    update: fields,
  });
  await tx.courseTopic.deleteMany({ where: { courseId } });
  await tx.courseTopic.createMany({ data: course.topics.map((topic) => ({ courseId, topic })) });

  await tx.module.updateMany({ where: { courseId }, data: { retired: true } });
  await tx.lesson.updateMany({ where: { courseId }, data: { retired: true } });
  let lessonPosition = 0;
  for (const [position, mod] of course.modules.entries()) {
    const moduleFields = { position, title: mod.title, summary: mod.summary, retired: false };
    const { id: moduleId } = await tx.module.upsert({
      where: { courseId_key: { courseId, key: mod.slug } },
      create: { courseId, key: mod.slug, ...moduleFields },
      update: moduleFields,
    });
    for (const lesson of mod.lessons) {
      const lessonFields = {
        moduleId,
        slug: lesson.slug,
        position: lessonPosition++,
        title: lesson.title,
        summary: lesson.summary,
        minutes: lesson.minutes,
        contentHash: lesson.hash,
        retired: false,
      };
      await tx.lesson.upsert({
        where: { courseId_key: { courseId, key: lesson.key } },
        create: { courseId, key: lesson.key, ...lessonFields },
        update: lessonFields,
      });
    }
  }
  await recountProgress(tx, courseId, lessons.length);
  await rebuildModuleProgress(tx, courseId);
  await indexCourse(tx, courseId, course);
  return courseId;
}

/**
 * Brings the tables in line with a whole catalogue at once, without versions: courses whose
 * content changed are written again, courses missing from it are retired. (Published versions go
 * through versions.server.ts, which uses `syncCourse`.)
 */
export async function syncCatalogue(db: Db, catalogue: Catalogue): Promise<{ changedCourses: string[] }> {
  const changedCourses: string[] = [];
  const existing = new Map(
    (await db.course.findMany({ select: { id: true, slug: true, contentHash: true, retired: true } })).map((c) => [
      c.slug,
      c,
    ]),
  );
  for (const course of catalogue.courses) {
    const before = existing.get(course.slug);
    existing.delete(course.slug);
    if (before && before.contentHash === syncedHash(course) && !before.retired) continue;
    changedCourses.push(course.slug);
    await db.$transaction((tx) => syncCourse(tx, course));
  }
  for (const gone of existing.values()) {
    if (gone.retired) continue;
    await db.$transaction(async (tx) => {
      await tx.course.update({ where: { id: gone.id }, data: { retired: true } });
      await unindexCourse(tx, gone.id);
    });
  }
  return { changedCourses };
}

/** Recomputes every enrolment's stored progress in a course after its lessons changed. */
async function recountProgress(db: DbClient, courseId: string, lessonCount: number) {
  // Portable SQL (SQLite and PostgreSQL): one statement however many learners there are.
  await db.$executeRaw`
    UPDATE "Enrollment" SET "completedLessons" = (
      SELECT COUNT(*) FROM "LessonCompletion" lc JOIN "Lesson" l ON l."id" = lc."lessonId"
      WHERE lc."userId" = "Enrollment"."userId" AND l."courseId" = ${courseId} AND l."retired" = false
    ) WHERE "courseId" = ${courseId}`;
  await db.$executeRaw`
    UPDATE "Enrollment" SET "percent" = CASE WHEN ${lessonCount} = 0 THEN 0 ELSE ("completedLessons" * 100) / ${lessonCount} END
    WHERE "courseId" = ${courseId}`;
}
