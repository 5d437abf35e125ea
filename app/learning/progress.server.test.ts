import { describe, expect, it } from "vitest";
import type { Catalogue, CatalogueCourse } from "~/content/catalogue";
import { syncCatalogue } from "~/content/sync.server";
import { db } from "~/db/db.server";
import { completeLesson, enrol, getEnrollment, NotEnrolledError, percentOf } from "./progress.server";

function course(lessons: Record<string, string[]>, hash = "v1"): CatalogueCourse {
  return {
    slug: "test-course",
    position: 0,
    title: "Test course",
    summary: "s",
    description: "d",
    audience: "a",
    outcomes: ["o"],
    level: "introductory",
    topics: ["testing"],
    language: "en",
    estimatedMinutes: 20,
    passMark: 70,
    retakes: { cooldownMinutes: 0 },
    finalAssessment: null,
    glossary: [],
    hash,
    modules: Object.entries(lessons).map(([slug, keys]) => ({
      slug,
      title: slug,
      summary: "s",
      outcomes: [],
      sources: [],
      quiz: null,
      lessons: keys.map((k) => ({
        key: `${slug}/${k}`,
        slug: k,
        title: k,
        summary: "s",
        minutes: 5,
        hash: `${k}-${hash}`,
      })),
    })),
  };
}
const catalogue = (...courses: CatalogueCourse[]): Catalogue => ({ courses });

async function user(id: string) {
  await db.user.create({ data: { id, email: `${id}@example.org`, name: id, passwordHash: "x" } });
  return id;
}
const lessonId = async (key: string) => (await db.lesson.findFirstOrThrow({ where: { key } })).id;

describe("progress", () => {
  it("syncing the catalogue is idempotent", async () => {
    const v1 = catalogue(course({ m1: ["a", "b"], m2: ["c", "d"] }));
    expect((await syncCatalogue(db, v1)).changedCourses).toEqual(["test-course"]);
    expect((await syncCatalogue(db, v1)).changedCourses).toEqual([]);
    expect(await db.lesson.count()).toBe(4);
    expect(await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).toMatchObject({
      lessonCount: 4,
      moduleCount: 2,
    });
  });

  it("writes an unchanged course again when it was synced by an older version of the sync", async () => {
    const v1 = catalogue(course({ m1: ["a", "b"], m2: ["c", "d"] }));
    await db.course.update({
      where: { slug: "test-course" },
      data: { contentHash: "v1", requiredQuizzes: '["stale"]' },
    });
    expect((await syncCatalogue(db, v1)).changedCourses).toEqual(["test-course"]);
    expect(await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).toMatchObject({
      requiredQuizzes: "[]",
    });
    expect((await syncCatalogue(db, v1)).changedCourses).toEqual([]);
  });

  it("refuses a completion without an enrolment, and writes nothing", async () => {
    const u = await user("not-enrolled");
    await expect(completeLesson(db, u, await lessonId("m1/a"))).rejects.toBeInstanceOf(NotEnrolledError);
    expect(await db.lessonCompletion.count({ where: { userId: u } })).toBe(0);
    expect(await db.xapiStatement.count({ where: { userId: u } })).toBe(0);
    expect(await db.enrollment.count({ where: { userId: u } })).toBe(0);
  });

  it("keeps stored aggregates right at every step; a second submit changes nothing", async () => {
    const u = await user("learner-1");
    const courseId = (await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).id;
    await enrol(db, u, courseId);
    await enrol(db, u, courseId); // idempotent
    expect(await db.enrollment.count({ where: { userId: u } })).toBe(1);

    const first = await completeLesson(db, u, await lessonId("m1/a"));
    expect(first).toMatchObject({
      newlyCompleted: true,
      nextLessonKey: "m1/b",
      enrollment: { completedLessons: 1, percent: 25 },
    });
    const again = await completeLesson(db, u, await lessonId("m1/a"));
    expect(again).toMatchObject({ newlyCompleted: false, enrollment: { completedLessons: 1, percent: 25 } });
    expect(await db.lessonCompletion.count({ where: { userId: u } })).toBe(1);

    // Skipping ahead: the next lesson is the first incomplete one after this lesson.
    expect(await completeLesson(db, u, await lessonId("m2/c"))).toMatchObject({
      nextLessonKey: "m2/d",
      enrollment: { percent: 50 },
    });
    expect(await completeLesson(db, u, await lessonId("m2/d"))).toMatchObject({
      nextLessonKey: "m1/b",
      enrollment: { percent: 75 },
    });
    const before = new Date();
    const last = await completeLesson(db, u, await lessonId("m1/b"));
    expect(last.nextLessonKey).toBeNull();
    expect(last.enrollment.percent).toBe(100);
    // What the completion stored reads back as what it returned, and its dates read back as dates.
    const stored = await db.enrollment.findUniqueOrThrow({ where: { id: last.enrollment.id } });
    for (const field of ["completedLessons", "percent", "currentLessonKey"] as const)
      expect(stored[field]).toEqual(last.enrollment[field]);
    expect(stored.lessonsDoneAt).toBeInstanceOf(Date);
    expect(stored.lessonsDoneAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1);
    expect(stored.lastActivityAt).toEqual(stored.lessonsDoneAt);
    const rows = await db.lessonCompletion.findMany({ where: { userId: u }, orderBy: { completedAt: "asc" } });
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.completedAt).toBeInstanceOf(Date);
    expect(rows.at(-1)!.completedAt).toEqual(stored.lessonsDoneAt);

    // Done again later: the day every lesson was done stays; the last activity moves on.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await completeLesson(db, u, await lessonId("m1/a"));
    const later = await db.enrollment.findUniqueOrThrow({ where: { id: last.enrollment.id } });
    expect(later.lessonsDoneAt).toEqual(stored.lessonsDoneAt);
    expect(later.lastActivityAt.getTime()).toBeGreaterThan(stored.lastActivityAt.getTime());
  });

  it("concurrent completions are each counted once", async () => {
    const u = await user("learner-2");
    const courseId = (await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).id;
    await enrol(db, u, courseId);
    const ids = await Promise.all(["m1/a", "m1/a", "m1/b", "m2/c", "m2/c"].map(lessonId));
    await Promise.all(ids.map((id) => completeLesson(db, u, id)));
    expect(await getEnrollment(db, u, courseId)).toMatchObject({ completedLessons: 3, percent: 75 });
  });

  it("refuses a completion without an enrolment", async () => {
    const u = await user("learner-3");
    await expect(completeLesson(db, u, await lessonId("m1/a"))).rejects.toThrow(/Enrol/);
    expect(await db.lessonCompletion.count({ where: { userId: u } })).toBe(0);
  });

  it("completing the open first lesson enrols in the same transaction, and Continue leads to the next lesson", async () => {
    const u = await user("learner-4");
    const courseId = (await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).id;
    const result = await completeLesson(db, u, await lessonId("m1/a"), { enrol: true });
    expect(result).toMatchObject({ newlyCompleted: true, nextLessonKey: "m1/b" });
    expect(await getEnrollment(db, u, courseId)).toMatchObject({ completedLessons: 1, currentLessonKey: "m1/b" });
    // Completing it again changes nothing, and does not enrol twice.
    expect(await completeLesson(db, u, await lessonId("m1/a"), { enrol: true })).toMatchObject({
      newlyCompleted: false,
    });
    expect(await db.enrollment.count({ where: { userId: u } })).toBe(1);
  });

  it("a changed lesson keeps its key and progress; a removed lesson stops counting but its history stays", async () => {
    const before = await db.lessonCompletion.count();
    // Lesson m1/b's text changes (new hash) and lesson m2/d is removed.
    await syncCatalogue(db, catalogue(course({ m1: ["a", "b"], m2: ["c"] }, "v2")));
    expect(await db.lessonCompletion.count()).toBe(before);
    expect(await db.lesson.findFirstOrThrow({ where: { key: "m2/d" } })).toMatchObject({ retired: true });
    expect(await db.lesson.findFirstOrThrow({ where: { key: "m1/b" } })).toMatchObject({
      contentHash: "b-v2",
      retired: false,
    });
    const courseId = (await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).id;
    // learner-1 had all four: now 3 of 3. learner-2 had a, b, c: 3 of 3.
    expect(await getEnrollment(db, "learner-1", courseId)).toMatchObject({ completedLessons: 3, percent: 100 });
    expect(await getEnrollment(db, "learner-2", courseId)).toMatchObject({ completedLessons: 3, percent: 100 });
    // Bringing the lesson back restores it, with its completions.
    await syncCatalogue(db, catalogue(course({ m1: ["a", "b"], m2: ["c", "d"] }, "v3")));
    expect(await getEnrollment(db, "learner-1", courseId)).toMatchObject({ completedLessons: 4, percent: 100 });
    expect(await getEnrollment(db, "learner-2", courseId)).toMatchObject({ completedLessons: 3, percent: 75 });
  });

  it("a course that leaves the catalogue is retired, not deleted", async () => {
    await syncCatalogue(db, catalogue());
    expect(await db.course.findUniqueOrThrow({ where: { slug: "test-course" } })).toMatchObject({ retired: true });
    expect(await db.enrollment.count()).toBeGreaterThan(0);
  });
});

describe("progress figures and the next lesson", () => {
  it("a percentage rounds down, and a course without lessons is 0 % done", () => {
    expect([percentOf(0, 3), percentOf(2, 3), percentOf(3, 3), percentOf(0, 0)]).toEqual([0, 66, 100, 0]);
  });

  it("Continue skips lessons removed from the course, and stays on the last lesson once all are done", async () => {
    const other = (lessons: string[]) => ({ ...course({ x1: lessons }, lessons.join("")), slug: "other-course" });
    await syncCatalogue(db, catalogue(other(["p", "q", "r"])));
    await syncCatalogue(db, catalogue(other(["p", "r"])));
    const u = await user("learner-5");
    const courseId = (await db.course.findUniqueOrThrow({ where: { slug: "other-course" } })).id;
    await enrol(db, u, courseId);
    expect(await completeLesson(db, u, await lessonId("x1/p"))).toMatchObject({
      nextLessonKey: "x1/r",
      enrollment: { currentLessonKey: "x1/r", percent: 50 },
    });
    expect(await completeLesson(db, u, await lessonId("x1/r"))).toMatchObject({
      nextLessonKey: null,
      enrollment: { currentLessonKey: "x1/r", percent: 100 },
    });
  });
});
