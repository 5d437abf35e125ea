import { beforeAll, describe, expect, it } from "vitest";
import { makeLayout } from "~/assessments/grading";
import type { CatalogueCourse } from "~/content/catalogue";
import type { QuizDef } from "~/content/schema";
import { syncCatalogue } from "~/content/sync.server";
import { db } from "~/db/db.server";
import { courseInsights, median, weekStartOf } from "./insights.server";

const DAY = 24 * 60 * 60 * 1000;

const moduleQuiz: QuizDef = {
  title: "Module 1 check",
  shuffle: false,
  reveal: "always",
  questions: [
    {
      id: "k1",
      type: "single",
      prompt: "Which one?",
      explanation: "e",
      options: [
        { id: "a", text: "Right", correct: true },
        { id: "b", text: "Tempting" },
        { id: "c", text: "Unlikely" },
      ],
    },
    { id: "k2", type: "truefalse", prompt: "True?", explanation: "e", answer: true },
  ],
};
const finalQuiz: QuizDef = {
  title: "Final assessment",
  shuffle: false,
  reveal: "never",
  questions: [{ id: "f1", type: "truefalse", prompt: "Final?", explanation: "e", answer: false }],
};

function course(slug: string, modules: Record<string, string[]>, quizzes = true): CatalogueCourse {
  return {
    slug,
    position: 0,
    title: slug,
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
    finalAssessment: quizzes ? finalQuiz : null,
    glossary: [],
    hash: JSON.stringify(modules),
    modules: Object.entries(modules).map(([m, keys], i) => ({
      slug: m,
      title: m,
      summary: "s",
      outcomes: [],
      sources: [],
      quiz: quizzes && i === 0 ? moduleQuiz : null,
      lessons: keys.map((k) => ({
        key: `${m}/${k}`,
        slug: k,
        title: `Lesson ${k}`,
        summary: "s",
        minutes: 5,
        hash: k,
      })),
    })),
  };
}

const current = course("insights-course", { m1: ["a", "b"], m2: ["c"] });
let courseId = "";
let otherId = "";

async function learner(id: string, enrolledAt: string, completedAt: string | null, lessons: string[]) {
  await db.user.create({ data: { id, email: `${id}@example.org`, name: id, passwordHash: "x" } });
  await db.enrollment.create({
    data: {
      userId: id,
      courseId,
      enrolledAt: new Date(enrolledAt),
      completedAt: completedAt ? new Date(completedAt) : null,
    },
  });
  for (const key of lessons) {
    const lesson = await db.lesson.findUniqueOrThrow({ where: { courseId_key: { courseId, key } } });
    await db.lessonCompletion.create({ data: { userId: id, lessonId: lesson.id } });
  }
}

async function attempt(userId: string, quizKey: string, submittedAt: string | null, answers: Record<string, string[]>) {
  await db.quizAttempt.create({
    data: {
      userId,
      courseId,
      quizKey,
      layout: JSON.stringify(makeLayout(moduleQuiz)),
      startedAt: new Date(new Date(submittedAt ?? "2026-03-01").getTime() - 60_000),
      submittedAt: submittedAt ? new Date(submittedAt) : null,
      answers: submittedAt ? JSON.stringify(answers) : null,
      score: 0,
      passed: false,
    },
  });
}

beforeAll(async () => {
  // Version 1 has a lesson that version 2 retires: its completions stay out of the funnel.
  await syncCatalogue(db, { courses: [course("insights-course", { m1: ["a", "b"], m2: ["c", "old"] })] });
  await syncCatalogue(db, { courses: [current, course("other-course", { x: ["y"] }, false)] });
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: "insights-course" } })).id;
  otherId = (await db.course.findUniqueOrThrow({ where: { slug: "other-course" } })).id;

  // Weeks start on Monday (UTC): 2 March 2026 is a Monday.
  await learner("u1", "2026-03-02T10:00:00Z", "2026-03-05T10:00:00Z", ["m1/a", "m1/b", "m2/c", "m2/old"]); // 3 days
  await learner("u2", "2026-03-08T23:00:00Z", "2026-03-09T23:00:00Z", ["m1/a", "m1/b", "m2/c"]); // Sunday; 1 day
  await learner("u3", "2026-03-09T00:00:00Z", "2026-03-19T00:00:00Z", ["m1/a", "m1/b", "m2/c"]); // 10 days
  await learner("u4", "2026-03-24T12:00:00Z", null, ["m1/a"]);

  // u1's first submitted attempt is wrong on k1 (chose b); the retake does not count.
  await attempt("u1", "m1", "2026-03-03T09:00:00Z", { k1: ["b"], k2: ["true"] });
  await attempt("u1", "m1", "2026-03-04T09:00:00Z", { k1: ["a"], k2: ["true"] });
  // u2 started an attempt and never submitted it, then submitted another.
  await attempt("u2", "m1", null, {});
  await attempt("u2", "m1", "2026-03-09T12:00:00Z", { k1: ["a"], k2: ["false"] });
  await attempt("u3", "m1", "2026-03-10T12:00:00Z", { k1: ["a"], k2: ["true"] });

  // Another course's learner, completion and attempt are not counted.
  await db.user.create({ data: { id: "other", email: "other@example.org", name: "other", passwordHash: "x" } });
  await db.enrollment.create({ data: { userId: "other", courseId: otherId, completedAt: new Date() } });
  const y = await db.lesson.findUniqueOrThrow({ where: { courseId_key: { courseId: otherId, key: "x/y" } } });
  await db.lessonCompletion.create({ data: { userId: "other", lessonId: y.id } });
  await db.quizAttempt.create({
    data: {
      userId: "other",
      courseId: otherId,
      quizKey: "m1",
      layout: JSON.stringify(makeLayout(moduleQuiz)),
      submittedAt: new Date(),
      answers: JSON.stringify({ k1: ["c"], k2: ["false"] }),
    },
  });
});

describe("course insights", () => {
  it("counts enrolments and completions, per week from the first enrolment to the last", async () => {
    const insights = await courseInsights(db, current, courseId);
    expect(insights.totals).toEqual({ enrolled: 4, completed: 3 });
    expect(insights.enrolmentsByWeek).toEqual([
      { weekStart: "2026-03-02", count: 2 },
      { weekStart: "2026-03-09", count: 1 },
      { weekStart: "2026-03-16", count: 0 },
      { weekStart: "2026-03-23", count: 1 },
    ]);
  });

  it("counts each current lesson's completions, in course order", async () => {
    const { funnel } = await courseInsights(db, current, courseId);
    expect(funnel).toEqual([
      { lessonKey: "m1/a", title: "Lesson a", completed: 4 },
      { lessonKey: "m1/b", title: "Lesson b", completed: 3 },
      { lessonKey: "m2/c", title: "Lesson c", completed: 3 },
    ]);
  });

  it("gives the median time from enrolling to completing", async () => {
    // Completed in 3, 1 and 10 days: the median is 3 days.
    expect((await courseInsights(db, current, courseId)).medianCompletionMs).toBe(3 * DAY);
  });

  it("computes item statistics over each learner's first submitted attempt", async () => {
    const { quizzes } = await courseInsights(db, current, courseId);
    expect(quizzes.map((q) => [q.quizKey, q.title, q.learners])).toEqual([
      ["m1", "Module 1 check", 3],
      ["final", "Final assessment", 0],
    ]);
    // First attempts (u1, u2, u3): k1 = 0 1 1 (u1 chose b), k2 = 1 0 1 (u2 chose false).
    // Item-rest with two questions: the rest of k1 is k2 and the other way round.
    // k1: x̄ = ȳ = 2/3, Sxy = (0·1 + 1·0 + 1·1) − 3·(2/3)·(2/3) = −1/3, Sxx = Syy = 3·(2/3)·(1/3) = 2/3,
    // r = (−1/3) / (2/3) = −0.5; k2 likewise.
    const [k1, k2] = quizzes[0].items;
    expect(k1).toMatchObject({
      questionId: "k1",
      prompt: "Which one?",
      n: 3,
      right: 2,
      topWrongOption: { id: "b", text: "Tempting", count: 1 },
      flags: ["not-discriminating"],
    });
    expect(k1.difficulty).toBeCloseTo(2 / 3, 10);
    expect(k1.discrimination).toBeCloseTo(-0.5, 10);
    expect(k2).toMatchObject({
      questionId: "k2",
      n: 3,
      right: 2,
      topWrongOption: { id: "false", text: "False", count: 1 },
    });
    expect(k2.discrimination).toBeCloseTo(-0.5, 10);
    expect(quizzes[1].items).toEqual([
      expect.objectContaining({ questionId: "f1", n: 0, difficulty: null, discrimination: null, flags: [] }),
    ]);
  });

  it("gives the same figures however small the batches of attempts", async () => {
    const all = await courseInsights(db, current, courseId);
    for (const attemptBatch of [1, 2])
      expect(await courseInsights(db, current, courseId, { attemptBatch })).toEqual(all);
  });

  it("is empty for a course nobody has joined", async () => {
    const other = course("other-course", { x: ["y"] }, false);
    await db.enrollment.deleteMany({ where: { courseId: otherId } });
    expect(await courseInsights(db, other, otherId)).toEqual({
      totals: { enrolled: 0, completed: 0 },
      enrolmentsByWeek: [],
      funnel: [{ lessonKey: "x/y", title: "Lesson y", completed: 1 }],
      medianCompletionMs: null,
      quizzes: [],
    });
  });
});

describe("helpers", () => {
  it("starts weeks on Monday 00:00 UTC", () => {
    expect(weekStartOf(new Date("2026-03-08T23:59:59Z")).toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(weekStartOf(new Date("2026-03-09T00:00:00Z")).toISOString()).toBe("2026-03-09T00:00:00.000Z");
  });

  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([10, 1, 3, 2])).toBe(2.5);
  });
});
