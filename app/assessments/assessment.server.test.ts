import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse, HALF, RIGHT } from "~/test/course-fixture";
import { useFreshDatabase } from "~/test/database";

process.env.CERT_KEY_FILE = join(mkdtempSync(join(tmpdir(), "gda-keys-")), "key.pem");
const db = await useFreshDatabase();
const { syncCatalogue } = await import("~/content/sync.server");
const { completeLesson, enrol, getEnrollment } = await import("~/learning/progress.server");
const { findQuiz, standing, startAttempt, submitAttempt } = await import("./assessment.server");

const course = quizCourse();
let courseId = "";
const ref = (key: string, c = course) => findQuiz(c, courseId, key)!;

async function learner(id: string) {
  await db.user.create({ data: { id, email: `${id}@example.org`, name: `Learner ${id}`, passwordHash: "x" } });
  await enrol(db, id, courseId);
  return id;
}
async function pass(userId: string, key: string) {
  const attempt = (await startAttempt(db, userId, ref(key)))!;
  return submitAttempt(db, userId, ref(key), attempt.id, RIGHT);
}
async function doLessons(userId: string) {
  for (const l of await db.lesson.findMany({ where: { courseId } })) await completeLesson(db, userId, l.id);
}

beforeAll(async () => {
  await syncCatalogue(db, { courses: [course] });
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: course.slug } })).id;
});

describe("attempts", () => {
  it("a submitted attempt is graded once, however many times it is submitted", async () => {
    const u = await learner("double");
    const attempt = (await startAttempt(db, u, ref("m1")))!;
    // Starting again before submitting resumes the same attempt.
    expect((await startAttempt(db, u, ref("m1")))!.id).toBe(attempt.id);
    const results = await Promise.all([1, 2, 3].map(() => submitAttempt(db, u, ref("m1"), attempt.id, RIGHT)));
    expect(results.filter((r) => !r.alreadySubmitted)).toHaveLength(1);
    expect(await db.quizResult.findFirstOrThrow({ where: { userId: u, quizKey: "m1" } })).toMatchObject({ attempts: 1, bestScore: 100 });
  });

  it("the best score counts, and attempts stop at the course's maximum", async () => {
    const u = await learner("retaker");
    const r = ref("m1");
    for (const answers of [RIGHT, HALF]) {
      const a = (await startAttempt(db, u, r))!;
      await submitAttempt(db, u, r, a.id, answers);
    }
    expect(await standing(db, u, r)).toMatchObject({ attempts: 2, bestScore: 100, passed: true, attemptsLeft: 1, blocked: null });
    const third = (await startAttempt(db, u, r))!;
    await submitAttempt(db, u, r, third.id, HALF);
    expect((await standing(db, u, r)).blocked).toMatch(/used all 3 attempts/);
    expect(await startAttempt(db, u, r)).toBeNull();
  });

  it("a failed attempt starts the cool-down", async () => {
    const cooled = quizCourse({ retakes: { cooldownMinutes: 30 } });
    const r = ref("m2", cooled);
    const u = await learner("cooldown");
    const a = (await startAttempt(db, u, r))!;
    await submitAttempt(db, u, r, a.id, HALF);
    expect((await standing(db, u, r)).blocked).toMatch(/30 minutes after your last attempt/);
    expect(await startAttempt(db, u, r)).toBeNull();
    expect((await standing(db, u, r, new Date(Date.now() + 31 * 60_000))).blocked).toBeNull();
  });

  it("another learner's attempt cannot be submitted", async () => {
    const owner = await learner("owner");
    const other = await learner("other");
    const a = (await startAttempt(db, owner, ref("m1")))!;
    await expect(submitAttempt(db, other, ref("m1"), a.id, RIGHT)).rejects.toThrow(/does not exist/);
  });
});

describe("completion", () => {
  it("needs every lesson, every module quiz and the final assessment; then it is recorded once with a certificate", async () => {
    const u = await learner("completer");
    await pass(u, "m1");
    await pass(u, "final");
    await doLessons(u);
    expect((await getEnrollment(db, u, courseId))?.completedAt).toBeNull();
    const last = await pass(u, "m2");
    expect(last.certificateId).toMatch(/^[A-Z2-9]{4}-/);
    const enrollment = (await getEnrollment(db, u, courseId))!;
    expect(enrollment).toMatchObject({ finalScore: 100, quizzesPassed: 3 });
    expect(enrollment.completedAt).toBeInstanceOf(Date);
    expect(await db.certificate.count({ where: { userId: u } })).toBe(1);
  });

  it("happens exactly once when the completing submissions arrive together", async () => {
    const u = await learner("racer");
    await pass(u, "m1");
    await pass(u, "m2");
    await doLessons(u);
    const attempt = (await startAttempt(db, u, ref("final")))!;
    const results = await Promise.all(Array.from({ length: 6 }, () => submitAttempt(db, u, ref("final"), attempt.id, RIGHT)));
    expect(results.filter((r) => r.certificateId)).toHaveLength(1);
    expect(await db.certificate.count({ where: { userId: u } })).toBe(1);
  });

  it("the last lesson can be the completing event too", async () => {
    const u = await learner("lesson-last");
    await pass(u, "m1");
    await pass(u, "m2");
    await pass(u, "final");
    const lessons = await db.lesson.findMany({ where: { courseId }, orderBy: { position: "asc" } });
    await completeLesson(db, u, lessons[0].id);
    const [a, b] = await Promise.all([completeLesson(db, u, lessons[1].id), completeLesson(db, u, lessons[1].id)]);
    expect([a.certificateId, b.certificateId].filter(Boolean)).toHaveLength(1);
    expect(await db.certificate.count({ where: { userId: u } })).toBe(1);
  });
});
