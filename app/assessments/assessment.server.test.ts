import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse, HALF, RIGHT } from "#tests/fixtures/course-fixture";
import { syncCatalogue } from "~/content/sync.server";
import { db } from "~/db/db.server";
import { translator } from "~/i18n/i18n.server";
import { say } from "~/i18n/problem";
import { completeLesson, enrol, getEnrollment } from "~/learning/progress.server";
import {
  attemptHistory,
  attemptResult,
  findQuiz,
  keyRevealed,
  openAttempt,
  standing,
  startAttempt,
  submitAttempt,
} from "./assessment.server";

/** Why a new attempt cannot start, in English words, as the quiz page shows it. */
const blockedWords = (s: { blocked: Parameters<typeof say>[1] | null }) =>
  s.blocked && say(translator("en"), s.blocked);

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

describe("attempt history", () => {
  it("lists submitted attempts newest first, numbered in the order taken, with the best marked", async () => {
    const u = await learner("historian");
    const other = await learner("other-historian");
    const r = ref("m1");
    expect(await attemptHistory(db, u, r)).toEqual([]);
    for (const answers of [HALF, RIGHT, HALF]) {
      const a = (await startAttempt(db, u, r))!;
      await submitAttempt(db, u, r, a.id, answers);
    }
    // Open, not submitted: not history yet (started under unlimited retakes, as the three allowed are used).
    expect(await startAttempt(db, u, ref("m1", quizCourse({ retakes: { cooldownMinutes: 0 } })))).not.toBeNull();
    await pass(other, "m1");
    const history = await attemptHistory(db, u, r);
    expect(history.map((h) => [h.number, h.score, h.passed, h.best])).toEqual([
      [3, 50, false, false],
      [2, 100, true, true],
      [1, 50, false, false],
    ]);
    expect(history[0]!.submittedAt).toBeInstanceOf(Date);
    expect(await attemptHistory(db, u, ref("m2"))).toEqual([]);
  });

  it("marks the earliest of equal best scores", async () => {
    const u = await learner("steady");
    const r = ref("m1");
    for (let i = 0; i < 2; i++) await pass(u, "m1");
    expect((await attemptHistory(db, u, r)).map((h) => [h.number, h.best])).toEqual([
      [2, false],
      [1, true],
    ]);
  });
});

describe("attempts", () => {
  it("a submitted attempt is graded once, however many times it is submitted", async () => {
    const u = await learner("double");
    const attempt = (await startAttempt(db, u, ref("m1")))!;
    // Starting again before submitting resumes the same attempt.
    expect((await startAttempt(db, u, ref("m1")))!.id).toBe(attempt.id);
    const results = await Promise.all([1, 2, 3].map(() => submitAttempt(db, u, ref("m1"), attempt.id, RIGHT)));
    expect(results.filter((r) => !r.alreadySubmitted)).toHaveLength(1);
    expect(await db.quizResult.findFirstOrThrow({ where: { userId: u, quizKey: "m1" } })).toMatchObject({
      attempts: 1,
      bestScore: 100,
    });
  });

  it("the best score counts, and attempts stop at the course's maximum", async () => {
    const u = await learner("retaker");
    const r = ref("m1");
    for (const answers of [RIGHT, HALF]) {
      const a = (await startAttempt(db, u, r))!;
      await submitAttempt(db, u, r, a.id, answers);
    }
    expect(await standing(db, u, r)).toMatchObject({
      attempts: 2,
      bestScore: 100,
      passed: true,
      attemptsLeft: 1,
      blocked: null,
    });
    const third = (await startAttempt(db, u, r))!;
    await submitAttempt(db, u, r, third.id, HALF);
    expect(blockedWords(await standing(db, u, r))).toMatch(/used all 3 attempts/);
    expect(await startAttempt(db, u, r)).toBeNull();
  });

  it("a failed attempt starts the cool-down", async () => {
    const cooled = quizCourse({ retakes: { cooldownMinutes: 30 } });
    const r = ref("m2", cooled);
    const u = await learner("cooldown");
    const a = (await startAttempt(db, u, r))!;
    await submitAttempt(db, u, r, a.id, HALF);
    expect(blockedWords(await standing(db, u, r))).toMatch(/30 minutes after your last attempt/);
    expect(await startAttempt(db, u, r)).toBeNull();
    expect((await standing(db, u, r, new Date(Date.now() + 31 * 60_000))).blocked).toBeNull();
  });

  it("another learner's attempt cannot be submitted", async () => {
    const owner = await learner("owner");
    const other = await learner("other");
    const a = (await startAttempt(db, owner, ref("m1")))!;
    await expect(submitAttempt(db, other, ref("m1"), a.id, RIGHT)).rejects.toMatchObject({
      problem: { key: "quiz:errors.noSuchAttempt" },
    });
  });
});

describe("the final assessment", () => {
  it("opens only once every lesson is complete and every module quiz passed, and says what is left", async () => {
    const u = await learner("gated");
    expect(blockedWords(await standing(db, u, ref("final")))).toMatch(
      /2 lessons to complete and 2 module quizzes to pass/,
    );
    expect(await startAttempt(db, u, ref("final"))).toBeNull();
    await doLessons(u);
    await pass(u, "m1");
    expect(blockedWords(await standing(db, u, ref("final")))).toMatch(/You have 1 module quiz to pass\.$/);
    await pass(u, "m2");
    expect((await standing(db, u, ref("final"))).blocked).toBeNull();
    expect(await startAttempt(db, u, ref("final"))).not.toBeNull();
    // Module quizzes have no such condition.
    expect((await standing(db, await learner("fresh"), ref("m1"))).blocked).toBeNull();
  });
});

describe("results", () => {
  const BLANK = {};
  it("of a final never show the right options or explanations, only which answers were wrong and the concept", async () => {
    const u = await learner("blank-final");
    await doLessons(u);
    await pass(u, "m1");
    await pass(u, "m2");
    const attempt = (await startAttempt(db, u, ref("final")))!;
    await submitAttempt(db, u, ref("final"), attempt.id, BLANK);
    const result = (await attemptResult(db, u, ref("final"), attempt.id))!;
    expect(result).toMatchObject({ score: 0, passed: false, revealed: false });
    const shown = JSON.stringify(result.questions);
    expect(shown).not.toMatch(/"right"|explanation|A is right|It is true/);
    expect(result.questions.map((q) => q.correct)).toEqual([false, false, false]);
    expect(result.questions.find((q) => q.id === "q1")?.concept).toBe("Think about the first letter.");
    // Still hidden after passing.
    const second = (await startAttempt(db, u, ref("final")))!;
    await submitAttempt(db, u, ref("final"), second.id, RIGHT);
    expect(JSON.stringify((await attemptResult(db, u, ref("final"), attempt.id))!.questions)).not.toMatch(
      /"right"|explanation/,
    );
  });

  it("of a practice quiz that reveals after a pass show the key only once passed", async () => {
    const u = await learner("practice");
    const first = (await startAttempt(db, u, ref("m1")))!;
    await submitAttempt(db, u, ref("m1"), first.id, HALF);
    expect((await attemptResult(db, u, ref("m1"), first.id))!.revealed).toBe(false);
    const second = (await startAttempt(db, u, ref("m1")))!;
    await submitAttempt(db, u, ref("m1"), second.id, RIGHT);
    const failedBefore = (await attemptResult(db, u, ref("m1"), first.id))!;
    expect(failedBefore.revealed).toBe(true);
    const q2 = failedBefore.questions.find((q) => q.id === "q2")!;
    expect(q2).toMatchObject({ correct: false, explanation: "It is true." });
    expect(q2.options).toEqual([
      { id: "true", text: "True", chosen: false, right: true },
      { id: "false", text: "False", chosen: true, right: false },
    ]);
  });

  it("follow each reveal policy", () => {
    const s = (passed: boolean, attemptsLeft: number | null) => ({ passed, attemptsLeft });
    expect([s(false, 2), s(true, 2), s(false, 0), s(false, null)].map((x) => keyRevealed("never", x))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect([s(false, 2), s(true, 2), s(false, 0), s(false, null)].map((x) => keyRevealed("after-pass", x))).toEqual([
      false,
      true,
      false,
      false,
    ]);
    expect(
      [s(false, 2), s(true, 2), s(false, 0), s(false, null)].map((x) => keyRevealed("after-last-attempt", x)),
    ).toEqual([false, true, true, false]);
    expect([s(false, 2), s(true, 2), s(false, 0), s(false, null)].map((x) => keyRevealed("always", x))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

describe("completion", () => {
  it("needs every lesson, every module quiz and the final assessment; then it is recorded once with a certificate", async () => {
    const u = await learner("completer");
    await doLessons(u);
    await pass(u, "m1");
    expect((await getEnrollment(db, u, courseId))?.completedAt).toBeNull();
    await pass(u, "m2");
    expect((await getEnrollment(db, u, courseId))?.completedAt).toBeNull();
    const last = await pass(u, "final");
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
    const results = await Promise.all(
      Array.from({ length: 6 }, () => submitAttempt(db, u, ref("final"), attempt.id, RIGHT)),
    );
    expect(results.filter((r) => r.certificateId)).toHaveLength(1);
    expect(await db.certificate.count({ where: { userId: u } })).toBe(1);
  });

  it("the last lesson can be the completing event too (a lesson added after the final was passed)", async () => {
    const u = await learner("lesson-last");
    await pass(u, "m1");
    await pass(u, "m2");
    // As if the final had been passed before the course gained its last lesson.
    const open = { ...ref("final"), prerequisites: null };
    const attempt = (await startAttempt(db, u, open))!;
    await submitAttempt(db, u, open, attempt.id, RIGHT);
    const lessons = await db.lesson.findMany({ where: { courseId }, orderBy: { position: "asc" } });
    await completeLesson(db, u, lessons[0].id);
    const [a, b] = await Promise.all([completeLesson(db, u, lessons[1].id), completeLesson(db, u, lessons[1].id)]);
    expect([a.certificateId, b.certificateId].filter(Boolean)).toHaveLength(1);
    expect(await db.certificate.count({ where: { userId: u } })).toBe(1);
  });
});

describe("which quiz is served", () => {
  it("each key gives its own quiz, pass mark and rules; the final uses the course's pass mark and needs the module quizzes", () => {
    expect(ref("m1")).toMatchObject({
      courseId,
      quizKey: "m1",
      title: "m1 quiz",
      passMark: 70,
      maxAttempts: 3,
      cooldownMinutes: 0,
      reveal: "after-pass",
      prerequisites: null,
    });
    expect(ref("m1").quiz.questions[0].prompt).toBe("m1 quiz: pick A");
    expect(ref("m2")).toMatchObject({ quizKey: "m2", title: "m2 quiz", passMark: 60, prerequisites: null });
    expect(ref("m2").quiz.questions[0].prompt).toBe("m2 quiz: pick A");
    expect(ref("final")).toMatchObject({
      quizKey: "final",
      title: "Final",
      passMark: 70,
      reveal: "never",
      prerequisites: ["m1", "m2"],
    });
    expect(ref("final").quiz.questions).toHaveLength(3);
    const ownMark = quizCourse({ passMark: 80, finalAssessment: { ...course.finalAssessment!, passMark: 50 } });
    expect(ref("final", ownMark).passMark).toBe(80);
    expect(ref("m1", ownMark).passMark).toBe(80);
    expect(ref("m2", ownMark).passMark).toBe(60);
  });

  it("an unknown quiz, or a final the course does not have, is not found; no maximum means unlimited attempts", () => {
    expect(findQuiz(course, courseId, "m3")).toBeNull();
    expect(findQuiz(quizCourse({ finalAssessment: null }), courseId, "final")).toBeNull();
    const unlimited = quizCourse({ retakes: { cooldownMinutes: 5 } });
    expect(ref("m1", unlimited)).toMatchObject({ maxAttempts: null, cooldownMinutes: 5 });
  });
});

describe("passing and standing", () => {
  it("a score exactly at the pass mark passes; one below does not", async () => {
    const atFifty = quizCourse({ modules: course.modules.map((m) => ({ ...m, quiz: { ...m.quiz!, passMark: 50 } })) });
    const u = await learner("exact");
    const r = ref("m1", atFifty);
    const a = (await startAttempt(db, u, r))!;
    await submitAttempt(db, u, r, a.id, HALF);
    expect(await standing(db, u, r)).toMatchObject({ bestScore: 50, passed: true });
    expect((await attemptResult(db, u, r, a.id))!).toMatchObject({ score: 50, passed: true });
    const v = await learner("below");
    const b = (await startAttempt(db, v, ref("m2")))!;
    await submitAttempt(db, v, ref("m2"), b.id, HALF);
    expect(await standing(db, v, ref("m2"))).toMatchObject({ bestScore: 50, passed: false });
  });

  it("before any attempt there is no best score; without a maximum there is no limit", async () => {
    const u = await learner("untried");
    expect(await standing(db, u, ref("m1"))).toEqual({
      attempts: 0,
      bestScore: null,
      passed: false,
      attemptsLeft: 3,
      blocked: null,
    });
    expect(await standing(db, u, ref("m1", quizCourse({ retakes: { cooldownMinutes: 0 } })))).toMatchObject({
      attemptsLeft: null,
      blocked: null,
    });
  });

  it("a failed first attempt followed by a pass keeps the pass, the best score and counts both attempts", async () => {
    const u = await learner("fail-then-pass");
    const first = (await startAttempt(db, u, ref("m1")))!;
    expect(await submitAttempt(db, u, ref("m1"), first.id, {})).toEqual({
      attemptId: first.id,
      alreadySubmitted: false,
      certificateId: null,
    });
    expect(await standing(db, u, ref("m1"))).toMatchObject({
      attempts: 1,
      bestScore: 0,
      passed: false,
      attemptsLeft: 2,
    });
    await pass(u, "m1");
    const later = (await startAttempt(db, u, ref("m1")))!;
    await submitAttempt(db, u, ref("m1"), later.id, HALF);
    expect(await standing(db, u, ref("m1"))).toMatchObject({
      attempts: 3,
      bestScore: 100,
      passed: true,
      attemptsLeft: 0,
    });
    expect((await attemptResult(db, u, ref("m1"), later.id))!).toMatchObject({
      score: 50,
      passed: false,
      correctCount: 1,
      total: 2,
    });
  });

  it("a module quiz counts once towards the learner's passed quizzes, only when passed, and only for that learner", async () => {
    const u = await learner("counted");
    const bystander = await learner("bystander");
    const quizzesPassed = async (id: string) => (await getEnrollment(db, id, courseId))!.quizzesPassed;
    const failed = (await startAttempt(db, u, ref("m1")))!;
    await submitAttempt(db, u, ref("m1"), failed.id, HALF);
    expect(await quizzesPassed(u)).toBe(0);
    await pass(u, "m1");
    expect(await quizzesPassed(u)).toBe(1);
    await pass(u, "m1");
    expect(await quizzesPassed(u)).toBe(1);
    await pass(u, "m2");
    expect(await quizzesPassed(u)).toBe(2);
    expect(await quizzesPassed(bystander)).toBe(0);
  });

  it("the cool-down applies only after a failed attempt, and ends when its minutes have passed", async () => {
    const cooled = quizCourse({ retakes: { cooldownMinutes: 30 } });
    const r = ref("m1", cooled);
    const u = await learner("cool-pass");
    const a = (await startAttempt(db, u, r))!;
    await submitAttempt(db, u, r, a.id, RIGHT);
    expect((await standing(db, u, r)).blocked).toBeNull();
    const v = await learner("cool-fail");
    const b = (await startAttempt(db, v, r))!;
    await submitAttempt(db, v, r, b.id, HALF);
    const last = (await db.quizResult.findFirstOrThrow({ where: { userId: v, quizKey: "m1" } })).lastAttemptAt!;
    const ready = new Date(last.getTime() + 30 * 60_000);
    expect(blockedWords(await standing(db, v, r, new Date(ready.getTime() - 1000)))).toBe(
      `You can try again from ${ready.toISOString().slice(11, 16)} UTC, 30 minutes after your last attempt.`,
    );
    expect((await standing(db, v, r, ready)).blocked).toBeNull();
  });

  it("the final says what is left in the singular too", async () => {
    const u = await learner("almost");
    const lessons = await db.lesson.findMany({ where: { courseId }, orderBy: { position: "asc" } });
    await completeLesson(db, u, lessons[0].id);
    await pass(u, "m1");
    await pass(u, "m2");
    expect(blockedWords(await standing(db, u, ref("final")))).toBe(
      "The final assessment opens once you have completed every lesson and passed every module quiz. You have 1 lesson to complete.",
    );
    const failed = await learner("failed-one");
    await doLessons(failed);
    await pass(failed, "m2");
    const attempt = (await startAttempt(db, failed, ref("m1")))!;
    await submitAttempt(db, failed, ref("m1"), attempt.id, HALF);
    expect(blockedWords(await standing(db, failed, ref("final")))).toMatch(/You have 1 module quiz to pass\.$/);
    const v = await learner("not-enrolled-yet");
    await db.enrollment.deleteMany({ where: { userId: v } });
    expect(blockedWords(await standing(db, v, ref("final")))).toMatch(/You have 2 module quizzes to pass\.$/);
  });
});

describe("attempts in progress", () => {
  it("an open attempt keeps its option order until submitted; a new one gets its own", async () => {
    const u = await learner("resume");
    const first = (await startAttempt(db, u, ref("m1"), () => 0))!;
    expect(first.layout[0].options).toEqual(["b", "c", "a"]);
    expect(await startAttempt(db, u, ref("m1"), () => 0.99)).toEqual(first);
    expect(await openAttempt(db, u, ref("m1"), first.id)).toEqual(first);
    expect(await openAttempt(db, u, ref("m1"), "another-id")).toBeNull();
    expect(await openAttempt(db, u, ref("m2"))).toBeNull();
    await submitAttempt(db, u, ref("m1"), first.id, HALF);
    expect(await openAttempt(db, u, ref("m1"))).toBeNull();
    const second = (await startAttempt(db, u, ref("m1"), () => 0.99))!;
    expect(second.id).not.toBe(first.id);
    expect(second.layout[0].options).toEqual(["a", "b", "c"]);
  });

  it("an attempt belongs to one quiz: it cannot be submitted or read as another", async () => {
    const u = await learner("one-quiz");
    const a = (await startAttempt(db, u, ref("m1")))!;
    await expect(submitAttempt(db, u, ref("m2"), a.id, RIGHT)).rejects.toMatchObject({
      problem: { key: "quiz:errors.noSuchAttempt" },
    });
    expect(await attemptResult(db, u, ref("m1"), a.id)).toBeNull();
    await submitAttempt(db, u, ref("m1"), a.id, RIGHT);
    expect(await attemptResult(db, u, ref("m2"), a.id)).toBeNull();
    expect(await attemptResult(db, await learner("not-mine"), ref("m1"), a.id)).toBeNull();
    expect((await attemptResult(db, u, ref("m1"), a.id))!).toMatchObject({
      score: 100,
      passed: true,
      correctCount: 2,
      total: 2,
      revealed: true,
      submittedAt: expect.any(Date),
      standing: { attempts: 1, bestScore: 100, passed: true },
    });
  });
});

describe("what a learner finds again later", () => {
  it("with every attempt at 0 %, the first is still marked best", async () => {
    const u = await learner("all-zero");
    for (let i = 0; i < 2; i++) {
      const a = (await startAttempt(db, u, ref("m1")))!;
      await submitAttempt(db, u, ref("m1"), a.id, {});
    }
    expect((await attemptHistory(db, u, ref("m1"))).map((h) => [h.number, h.score, h.best])).toEqual([
      [2, 0, false],
      [1, 0, true],
    ]);
  });

  it("a result keeps the score it was given, even after the quiz's answer key changes", async () => {
    const u = await learner("key-changed");
    const a = (await startAttempt(db, u, ref("m1")))!;
    await submitAttempt(db, u, ref("m1"), a.id, HALF);
    const changed = ref("m1");
    const rekeyed = {
      ...changed,
      quiz: {
        ...changed.quiz,
        questions: changed.quiz.questions.map((q) => (q.type === "truefalse" ? { ...q, answer: false } : q)),
      },
    };
    expect(await attemptResult(db, u, rekeyed, a.id)).toMatchObject({ score: 50, passed: false, correctCount: 2 });
  });

  it("when two attempts were opened at once, the newer one is resumed", async () => {
    const u = await learner("two-open");
    const layout = JSON.stringify([{ question: "q1", options: ["a", "b", "c"] }]);
    const data = { userId: u, courseId, quizKey: "m1", layout };
    await db.quizAttempt.create({ data: { ...data, startedAt: new Date(Date.now() - 60_000) } });
    const newer = await db.quizAttempt.create({ data });
    expect((await startAttempt(db, u, ref("m1")))!.id).toBe(newer.id);
    expect((await openAttempt(db, u, ref("m1")))!.id).toBe(newer.id);
  });
});
