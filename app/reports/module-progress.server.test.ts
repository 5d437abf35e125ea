import { beforeAll, describe, expect, it } from "vitest";
import { HALF, quizCourse, RIGHT } from "#tests/fixtures/course-fixture";
import { findQuiz, startAttempt, submitAttempt } from "~/assessments/assessment.server";
import { syncCatalogue } from "~/content/sync.server";
import { db, dialect } from "~/db/db.server";
import { completeLesson, enrol } from "~/learning/progress.server";
import { rebuildModuleProgress } from "./module-progress.server";

// Two modules (m1, m2) of one lesson each with a quiz, and a final; a third lesson is added to m1 below.
const course = quizCourse();
let courseId = "";

async function learner(id: string) {
  await db.user.create({ data: { id, email: `${id}@example.org`, name: id, passwordHash: "x" } });
  return id;
}
const rows = async (userId: string) =>
  (
    await db.moduleProgress.findMany({
      where: { enrollment: { userId, courseId } },
      orderBy: { moduleKey: "asc" },
      select: { moduleKey: true, lessonsDone: true, lessonsTotal: true, quizBest: true },
    })
  ).map((r) => [r.moduleKey, r.lessonsDone, r.lessonsTotal, r.quizBest]);
async function take(userId: string, key: string, answers: Record<string, string[]>) {
  const ref = findQuiz(course, courseId, key)!;
  const attempt = (await startAttempt(db, userId, ref))!;
  return submitAttempt(db, userId, ref, attempt.id, answers);
}

beforeAll(async () => {
  await syncCatalogue(db, { courses: [course] });
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: course.slug } })).id;
});

describe("stored module progress", () => {
  it("follows lesson completions and keeps each module quiz's best score, in the same transactions", async () => {
    const u = await learner("mp-1");
    await enrol(db, u, courseId);
    expect(await rows(u)).toEqual([]);
    const m1 = await db.lesson.findFirstOrThrow({ where: { courseId, key: "m1/l1" } });
    await completeLesson(db, u, m1.id);
    await completeLesson(db, u, m1.id); // a second submit changes nothing
    expect(await rows(u)).toEqual([["m1", 1, 1, null]]);
    await take(u, "m1", HALF);
    expect(await rows(u)).toEqual([["m1", 1, 1, 50]]);
    await take(u, "m1", RIGHT);
    await take(u, "m1", HALF); // a worse attempt keeps the best
    expect(await rows(u)).toEqual([["m1", 1, 1, 100]]);
    // A module quiz taken before any lesson of its module: the row starts with the quiz.
    await take(u, "m2", HALF);
    expect(await rows(u)).toEqual([
      ["m1", 1, 1, 100],
      ["m2", 0, 1, 50],
    ]);
  });

  it("is rebuilt for every enrolment when the course's lessons change, and filled in for older enrolments", async () => {
    const u = await learner("mp-2");
    await enrol(db, u, courseId);
    const m1 = await db.lesson.findFirstOrThrow({ where: { courseId, key: "m1/l1" } });
    await completeLesson(db, u, m1.id);
    await take(u, "m2", RIGHT);
    // As if the enrolment predated stored module progress.
    await db.moduleProgress.deleteMany({ where: { enrollment: { userId: u } } });
    await rebuildModuleProgress(db, courseId);
    expect(await rows(u)).toEqual([
      ["m1", 1, 1, null],
      ["m2", 0, 1, 100],
    ]);
    // A new version adds a lesson to m1 and a module m3: the sync rebuilds the rows.
    const v2 = quizCourse({ hash: "v2" });
    v2.modules[0]!.lessons.push({ key: "m1/l2", slug: "l2", title: "L2", summary: "s", minutes: 5, hash: "m1-l2" });
    v2.modules.push({ ...v2.modules[1]!, slug: "m3", title: "m3", quiz: null, lessons: [] });
    await syncCatalogue(db, { courses: [v2] });
    expect(await rows(u)).toEqual([
      ["m1", 1, 2, null],
      ["m2", 0, 1, 100],
      ["m3", 0, 0, null],
    ]);
    const stored = await db.moduleProgress.findFirstOrThrow({ where: { enrollment: { userId: u } } });
    expect(stored.updatedAt).toBeInstanceOf(Date);
    expect(Number.isNaN(stored.updatedAt.getTime())).toBe(false);
    // SQLite keeps dates as text: raw SQL writes them in the same format as Prisma's own writes.
    if (dialect === "sqlite") {
      const [raw] = await db.$queryRaw<{ updatedAt: string }[]>`SELECT "updatedAt" || '' AS "updatedAt" FROM "ModuleProgress" LIMIT 1`;
      expect(String(raw!.updatedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    }
    // And back: m3 goes (retired), m1 has one lesson again.
    await syncCatalogue(db, { courses: [quizCourse({ hash: "v3" })] });
    expect(await rows(u)).toEqual([
      ["m1", 1, 1, null],
      ["m2", 0, 1, 100],
    ]);
  });
});
