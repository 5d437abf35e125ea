// Quiz attempts: starting one (within the course's retake rules), grading it on the server, and
// keeping each learner's best score. Answer keys never leave this module before submission.
import { FINAL_QUIZ, moduleQuizzes, type CatalogueCourse } from "~/content/catalogue";
import type { QuizDef, RevealPolicy } from "~/content/schema";
import type { Db } from "~/db/db.server";
import { problem, type Problem } from "~/i18n/problem";
import { completeIfDone } from "~/learning/completion.server";
import { recordModuleQuizBest } from "~/reports/module-progress.server";
import { courseCompletedStatement, recordStatements, statementBase } from "~/xapi/record.server";
import { quizSubmitted } from "~/xapi/statements";
import { feedback, grade, makeLayout, type Answers, type Layout } from "./grading";

export type QuizRef = {
  courseId: string;
  quizKey: string;
  title: string;
  quiz: QuizDef;
  passMark: number;
  maxAttempts: number | null;
  cooldownMinutes: number;
  /** When a result may show the right options and explanations. */
  reveal: RevealPolicy;
  /** Module quizzes to pass (and every lesson to complete) before this one opens: the final's. */
  prerequisites: string[] | null;
};

/** The quiz with this key in a course: a module's slug, or "final" for the final assessment. */
export function findQuiz(course: CatalogueCourse, courseId: string, quizKey: string): QuizRef | null {
  const quiz = quizKey === FINAL_QUIZ ? course.finalAssessment : course.modules.find((m) => m.slug === quizKey)?.quiz;
  if (!quiz) return null;
  return {
    courseId,
    quizKey,
    title: quiz.title,
    quiz,
    passMark: quizKey === FINAL_QUIZ ? course.passMark : (quiz.passMark ?? course.passMark),
    maxAttempts: course.retakes.maxAttempts ?? null,
    cooldownMinutes: course.retakes.cooldownMinutes,
    reveal: quiz.reveal,
    prerequisites: quizKey === FINAL_QUIZ ? moduleQuizzes(course) : null,
  };
}

export type Standing = {
  attempts: number;
  bestScore: number | null;
  passed: boolean;
  attemptsLeft: number | null;
  /** Why a new attempt cannot start now, if it cannot (worded with `say`). */
  blocked: Problem | null;
};

export async function standing(db: Db, userId: string, ref: QuizRef, now = new Date()): Promise<Standing> {
  const result = await db.quizResult.findUnique({
    where: { userId_courseId_quizKey: { userId, courseId: ref.courseId, quizKey: ref.quizKey } },
  });
  const attempts = result?.attempts ?? 0;
  const attemptsLeft = ref.maxAttempts === null ? null : Math.max(0, ref.maxAttempts - attempts);
  let blocked: Problem | null = null;
  if (attemptsLeft === 0) blocked = problem("quiz:blocked.noAttemptsLeft", { count: ref.maxAttempts ?? 0 });
  else if (result?.lastAttemptAt && !result.lastPassed && ref.cooldownMinutes > 0) {
    const ready = new Date(result.lastAttemptAt.getTime() + ref.cooldownMinutes * 60_000);
    if (ready > now)
      blocked = problem("quiz:blocked.cooldown", {
        time: ready.toISOString().slice(11, 16),
        count: ref.cooldownMinutes,
      });
  }
  if (!blocked && ref.prerequisites) blocked = await prerequisitesMissing(db, userId, ref);
  return {
    attempts,
    bestScore: result ? result.bestScore : null,
    passed: Boolean(result?.passedAt),
    attemptsLeft,
    blocked,
  };
}

/** Why the final assessment is not open yet (lessons or module quizzes still to do), or null. */
async function prerequisitesMissing(db: Db, userId: string, ref: QuizRef): Promise<Problem | null> {
  const quizzes = ref.prerequisites ?? [];
  const [enrollment, passed] = await Promise.all([
    db.enrollment.findUnique({
      where: { userId_courseId: { userId, courseId: ref.courseId } },
      select: { completedLessons: true, course: { select: { lessonCount: true } } },
    }),
    db.quizResult.count({
      where: { userId, courseId: ref.courseId, quizKey: { in: quizzes }, passedAt: { not: null } },
    }),
  ]);
  const lessonsLeft = Math.max(0, (enrollment?.course.lessonCount ?? 0) - (enrollment?.completedLessons ?? 0));
  const quizzesLeft = quizzes.length - passed;
  if (lessonsLeft === 0 && quizzesLeft === 0) return null;
  const lessons = problem("quiz:blocked.lessonsToDo", { count: lessonsLeft });
  const modules = problem("quiz:blocked.quizzesToDo", { count: quizzesLeft });
  if (!quizzesLeft) return problem("quiz:blocked.finalLocked", { todo: lessons });
  if (!lessonsLeft) return problem("quiz:blocked.finalLocked", { todo: modules });
  return problem("quiz:blocked.finalLocked", { todo: problem("quiz:blocked.both", { lessons, modules }) });
}

/** The learner's unsubmitted attempt at this quiz, if there is one. */
export async function openAttempt(db: Db, userId: string, ref: QuizRef, attemptId?: string) {
  const open = await db.quizAttempt.findFirst({
    where: {
      userId,
      courseId: ref.courseId,
      quizKey: ref.quizKey,
      submittedAt: null,
      ...(attemptId ? { id: attemptId } : {}),
    },
    orderBy: { startedAt: "desc" },
  });
  return open && { id: open.id, layout: JSON.parse(open.layout) as Layout };
}

/** The learner's open attempt, or a new one with its own option order; null when blocked. */
export async function startAttempt(db: Db, userId: string, ref: QuizRef, random?: () => number) {
  const open = await openAttempt(db, userId, ref);
  if (open) return open;
  if ((await standing(db, userId, ref)).blocked) return null;
  const layout = makeLayout(ref.quiz, random);
  const created = await db.quizAttempt.create({
    data: { userId, courseId: ref.courseId, quizKey: ref.quizKey, layout: JSON.stringify(layout) },
  });
  return { id: created.id, layout };
}

export class AttemptError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.key);
  }
}

/**
 * Grades and records an attempt. Submitting the same attempt twice records it once. Passing
 * may complete the course, in the same transaction.
 */
export async function submitAttempt(db: Db, userId: string, ref: QuizRef, attemptId: string, answers: Answers) {
  return db.$transaction(async (tx) => {
    const attempt = await tx.quizAttempt.findFirst({
      where: { id: attemptId, userId, courseId: ref.courseId, quizKey: ref.quizKey },
    });
    if (!attempt) throw new AttemptError(problem("quiz:errors.noSuchAttempt"));
    const layout = JSON.parse(attempt.layout) as Layout;
    const result = grade(ref.quiz, layout, answers);
    const passed = result.score >= ref.passMark;
    const now = new Date();
    const { count } = await tx.quizAttempt.updateMany({
      where: { id: attemptId, submittedAt: null },
      data: { submittedAt: now, answers: JSON.stringify(answers), score: result.score, passed },
    });
    if (count === 0) return { attemptId, alreadySubmitted: true, certificateId: null };

    const key = { userId_courseId_quizKey: { userId, courseId: ref.courseId, quizKey: ref.quizKey } };
    const before = await tx.quizResult.findUnique({ where: key });
    const bestScore = Math.max(before?.bestScore ?? 0, result.score);
    await tx.quizResult.upsert({
      where: key,
      create: {
        userId,
        courseId: ref.courseId,
        quizKey: ref.quizKey,
        attempts: 1,
        bestScore: result.score,
        passedAt: passed ? now : null,
        lastAttemptAt: now,
        lastPassed: passed,
      },
      update: {
        attempts: { increment: 1 },
        bestScore,
        passedAt: before?.passedAt ?? (passed ? now : null),
        lastAttemptAt: now,
        lastPassed: passed,
      },
    });
    if (passed && !before?.passedAt) {
      await tx.enrollment.updateMany({
        where: { userId, courseId: ref.courseId },
        data: { quizzesPassed: { increment: 1 }, lastActivityAt: now },
      });
    }
    if (ref.quizKey !== FINAL_QUIZ)
      await recordModuleQuizBest(tx, { userId, courseId: ref.courseId, quizKey: ref.quizKey, bestScore });
    const course = await tx.course.findUniqueOrThrow({
      where: { id: ref.courseId },
      select: { slug: true, title: true, language: true },
    });
    const base = statementBase(userId, now);
    await recordStatements(
      tx,
      ref.courseId,
      ...quizSubmitted(
        { ...base, ids: [base.id, statementBase(userId).id] },
        course,
        { key: ref.quizKey, title: ref.title },
        result.score,
        passed,
      ),
    );
    const completion = passed ? await completeIfDone(tx, userId, ref.courseId) : null;
    if (completion) await recordStatements(tx, ref.courseId, await courseCompletedStatement(tx, userId, ref.courseId));
    return { attemptId, alreadySubmitted: false, certificateId: completion?.certificateId ?? null };
  });
}

/** Whether a result may show the right options and explanations, by the quiz's policy. */
export function keyRevealed(policy: RevealPolicy, standing: Pick<Standing, "passed" | "attemptsLeft">): boolean {
  switch (policy) {
    case "always":
      return true;
    case "after-pass":
      return standing.passed;
    case "after-last-attempt":
      return standing.passed || standing.attemptsLeft === 0;
    case "never":
      return false;
  }
}

/**
 * A submitted attempt with its per-question feedback, for the learner who made it, and their
 * standing on the quiz. The right options and explanations are included only when the quiz's
 * reveal policy allows it now; otherwise the learner sees which answers were wrong and the
 * concept behind each.
 */
export async function attemptResult(db: Db, userId: string, ref: QuizRef, attemptId: string) {
  const attempt = await db.quizAttempt.findFirst({
    where: { id: attemptId, userId, courseId: ref.courseId, quizKey: ref.quizKey, submittedAt: { not: null } },
  });
  if (!attempt) return null;
  const graded = grade(ref.quiz, JSON.parse(attempt.layout) as Layout, JSON.parse(attempt.answers ?? "{}") as Answers);
  const now = await standing(db, userId, ref);
  const revealed = keyRevealed(ref.reveal, now);
  return {
    score: attempt.score ?? graded.score,
    passed: Boolean(attempt.passed),
    correctCount: graded.correctCount,
    total: graded.total,
    submittedAt: attempt.submittedAt!,
    revealed,
    questions: feedback(ref.quiz, graded, revealed),
    standing: now,
  };
}

export type PastAttempt = {
  id: string;
  number: number;
  score: number;
  passed: boolean;
  submittedAt: Date;
  best: boolean;
};

/**
 * The learner's submitted attempts at a quiz, newest first, each numbered in the order taken; the
 * best one (highest score, the earliest of equals) is marked.
 */
export async function attemptHistory(db: Db, userId: string, ref: QuizRef): Promise<PastAttempt[]> {
  const rows = await db.quizAttempt.findMany({
    where: { userId, courseId: ref.courseId, quizKey: ref.quizKey, submittedAt: { not: null } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: { id: true, score: true, passed: true, submittedAt: true },
  });
  let bestId: string | null = null;
  let bestScore = -1;
  for (const r of rows) {
    if ((r.score ?? 0) > bestScore) {
      bestScore = r.score ?? 0;
      bestId = r.id;
    }
  }
  return rows
    .map((r, i) => ({
      id: r.id,
      number: i + 1,
      score: r.score ?? 0,
      passed: Boolean(r.passed),
      submittedAt: r.submittedAt!,
      best: r.id === bestId,
    }))
    .reverse();
}
