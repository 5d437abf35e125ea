import { beforeAll, describe, expect, it } from "vitest";
import { HALF, quizCourse, RIGHT } from "#tests/fixtures/course-fixture";
import { findQuiz, startAttempt, submitAttempt } from "~/assessments/assessment.server";
import type { CatalogueCourse } from "~/content/catalogue";
import { syncCatalogue } from "~/content/sync.server";
import { db } from "~/db/db.server";
import { completedLessonKeys, completeLesson, enrol, getEnrollment, quizResults } from "./progress.server";

const base = quizCourse();
const final = base.finalAssessment!;
/** Two right answers of three on a three-question quiz: 67 %. */
const TWO_OF_THREE = { q1: ["a"], q2: ["true"], q3: ["x"] };

const courses: Record<string, CatalogueCourse> = {
  // The final's pass mark is the course's: 60 lets 67 % pass.
  withFinal: quizCourse({ slug: "with-final", passMark: 60 }),
  // No final: the certificate shows the module quizzes' average. Module m1 has three questions.
  noFinal: quizCourse({
    slug: "no-final",
    finalAssessment: null,
    modules: base.modules.map((m) => ({
      ...m,
      quiz: m.slug === "m1" ? { ...final, passMark: 60, title: "m1 quiz" } : m.quiz,
    })),
  }),
  // Neither quizzes nor a final: lessons alone complete the course.
  lessonsOnly: quizCourse({
    slug: "lessons-only",
    finalAssessment: null,
    modules: base.modules.map((m) => ({ ...m, quiz: null })),
  }),
};
const ids: Record<string, string> = {};
let learners = 0;

beforeAll(async () => {
  await syncCatalogue(db, { courses: Object.values(courses) });
  for (const [name, c] of Object.entries(courses))
    ids[name] = (await db.course.findUniqueOrThrow({ where: { slug: c.slug } })).id;
});

async function learner(courseName: string) {
  const id = `learner-${++learners}`;
  await db.user.create({ data: { id, email: `${id}@example.org`, name: `Learner ${id}`, passwordHash: "x" } });
  await enrol(db, id, ids[courseName]);
  return id;
}
async function submit(userId: string, courseName: string, quizKey: string, answers: Record<string, string[]>) {
  const ref = findQuiz(courses[courseName], ids[courseName], quizKey)!;
  const attempt = (await startAttempt(db, userId, ref))!;
  return submitAttempt(db, userId, ref, attempt.id, answers);
}
async function doLessons(userId: string, courseName: string) {
  let last = null;
  for (const l of await db.lesson.findMany({ where: { courseId: ids[courseName] }, orderBy: { position: "asc" } }))
    last = await completeLesson(db, userId, l.id);
  return last!;
}
const certificateOf = (userId: string) => db.certificate.findFirstOrThrow({ where: { userId } });

describe("the score on the certificate", () => {
  it("is the best final-assessment score, not the average of all quizzes", async () => {
    const u = await learner("withFinal");
    await doLessons(u, "withFinal");
    await submit(u, "withFinal", "m1", RIGHT);
    await submit(u, "withFinal", "m2", RIGHT);
    expect((await submit(u, "withFinal", "final", HALF)).certificateId).toBeNull();
    const done = await submit(u, "withFinal", "final", TWO_OF_THREE);
    expect(done.certificateId).toBeTruthy();
    expect(await certificateOf(u)).toMatchObject({ id: done.certificateId, score: 67 });
    expect(await getEnrollment(db, u, ids.withFinal)).toMatchObject({ finalScore: 67, completedAt: expect.any(Date) });
  });

  it("without a final, is the module quizzes' average, rounded", async () => {
    const u = await learner("noFinal");
    await doLessons(u, "noFinal");
    expect((await submit(u, "noFinal", "m1", TWO_OF_THREE)).certificateId).toBeNull();
    expect((await submit(u, "noFinal", "m2", HALF)).certificateId).toBeNull();
    const done = await submit(u, "noFinal", "m2", RIGHT);
    // (67 + 100) / 2 = 83.5
    expect(await certificateOf(u)).toMatchObject({ id: done.certificateId, score: 84 });
  });

  it("without any quiz, is 100 once every lesson is done", async () => {
    const u = await learner("lessonsOnly");
    const last = await doLessons(u, "lessonsOnly");
    expect(last.certificateId).toBeTruthy();
    expect(await certificateOf(u)).toMatchObject({ id: last.certificateId, score: 100 });
    expect(await getEnrollment(db, u, ids.lessonsOnly)).toMatchObject({ finalScore: 100 });
  });
});

describe("completion", () => {
  it("waits for the last lesson when the quizzes were passed first, and happens once", async () => {
    const u = await learner("noFinal");
    await submit(u, "noFinal", "m1", RIGHT);
    await submit(u, "noFinal", "m2", RIGHT);
    const lessons = await db.lesson.findMany({ where: { courseId: ids.noFinal }, orderBy: { position: "asc" } });
    expect((await completeLesson(db, u, lessons[0].id)).certificateId).toBeNull();
    expect((await getEnrollment(db, u, ids.noFinal))!.completedAt).toBeNull();
    const last = await completeLesson(db, u, lessons[1].id);
    expect(last.certificateId).toBeTruthy();
    expect(await certificateOf(u)).toMatchObject({ score: 100 });
    // Passing a quiz again afterwards changes nothing.
    expect((await submit(u, "noFinal", "m1", RIGHT)).certificateId).toBeNull();
    expect(await db.certificate.count({ where: { userId: u } })).toBe(1);
  });

  it("needs every required quiz passed, not just as many passes", async () => {
    const u = await learner("noFinal");
    await doLessons(u, "noFinal");
    await submit(u, "noFinal", "m1", RIGHT);
    await submit(u, "noFinal", "m1", RIGHT);
    expect((await getEnrollment(db, u, ids.noFinal))!.completedAt).toBeNull();
    expect(await db.certificate.count({ where: { userId: u } })).toBe(0);
  });

  it("does not happen for a learner who is not enrolled", async () => {
    const u = await learner("lessonsOnly");
    await db.enrollment.deleteMany({ where: { userId: u } });
    const ref = findQuiz(courses.noFinal, ids.noFinal, "m1")!;
    const attempt = (await startAttempt(db, u, ref))!;
    expect((await submitAttempt(db, u, ref, attempt.id, RIGHT)).certificateId).toBeNull();
    expect(await db.certificate.count({ where: { userId: u } })).toBe(0);
  });
});

describe("what a learner's course page reads", () => {
  it("the keys of the lessons this learner completed in this course only", async () => {
    const u = await learner("noFinal");
    const other = await learner("noFinal");
    await enrol(db, u, ids.lessonsOnly);
    const lessons = await db.lesson.findMany({ where: { courseId: ids.noFinal }, orderBy: { position: "asc" } });
    await completeLesson(db, u, lessons[1].id);
    const elsewhere = await db.lesson.findFirstOrThrow({ where: { courseId: ids.lessonsOnly } });
    await completeLesson(db, u, elsewhere.id);
    await completeLesson(db, other, lessons[0].id);
    expect(await completedLessonKeys(db, u, ids.noFinal)).toEqual(new Set([lessons[1].key]));
    expect(await completedLessonKeys(db, await learner("noFinal"), ids.noFinal)).toEqual(new Set());
  });

  it("each quiz's best score and whether it was passed, for this learner and course only", async () => {
    const u = await learner("noFinal");
    await submit(u, "noFinal", "m1", TWO_OF_THREE);
    await submit(u, "noFinal", "m2", HALF);
    await submit(await learner("noFinal"), "noFinal", "m2", RIGHT);
    expect(await quizResults(db, u, ids.noFinal)).toEqual(
      new Map([
        ["m1", { bestScore: 67, passed: true }],
        ["m2", { bestScore: 50, passed: false }],
      ]),
    );
    expect(await quizResults(db, u, ids.withFinal)).toEqual(new Map());
  });
});
