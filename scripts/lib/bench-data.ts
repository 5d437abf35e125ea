// The database side of `npm run bench`: sessions for seeded cohort learners (so that writes can be
// spread over many learners without signing each in), the (learner, lesson) pairs and quiz
// attempts the write runs use, and the checks made after them. Works on SQLite and PostgreSQL
// through the app's own Prisma client.
import { randomBytes } from "node:crypto";
import type { Db } from "~/db/db.server";
import { COURSE_SLUG, DOMAIN, scaleCourse } from "../seed-cohort";

export async function openDb(url: string): Promise<Db> {
  const { createDb } = await import("~/db/db.server");
  return createDb(url);
}

export type Learner = { userId: string; cookie: string; done: Set<string> };

/**
 * Sessions for up to `count` seeded cohort learners who are enrolled in the seeded course and have
 * lessons left, as Session rows (what signing in leaves); the cookie is `gda_session=<id>`.
 */
export async function cohortLearners(db: Db, count: number) {
  const course = await db.course.findUniqueOrThrow({ where: { slug: COURSE_SLUG }, select: { id: true } });
  const enrollments = await db.enrollment.findMany({
    where: { courseId: course.id, completedLessons: { lt: 30 }, user: { email: { endsWith: `@${DOMAIN}` } } },
    orderBy: { user: { email: "asc" } },
    select: { userId: true },
    take: count,
  });
  const userIds = enrollments.map((e) => e.userId);
  const expiresAt = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
  const sessions = userIds.map((userId) => ({ id: randomBytes(20).toString("hex"), userId, expiresAt }));
  await db.session.createMany({ data: sessions });
  const completions = await db.lessonCompletion.findMany({
    where: { userId: { in: userIds }, lesson: { courseId: course.id } },
    select: { userId: true, lessonId: true },
  });
  const done = new Map(userIds.map((id) => [id, new Set<string>()]));
  for (const c of completions) done.get(c.userId)!.add(c.lessonId);
  const learners: Learner[] = sessions.map((s) => ({
    userId: s.userId,
    cookie: `gda_session=${s.id}`,
    done: done.get(s.userId)!,
  }));
  const lessons = await db.lesson.findMany({
    where: { courseId: course.id, retired: false },
    orderBy: { position: "asc" },
    select: { id: true, key: true },
  });
  return { courseId: course.id, learners, lessons };
}

export type Pair = { learner: Learner; lessonId: string; path: string };

/**
 * Every (learner, lesson not yet done) pair, lesson by lesson: consecutive requests go to
 * different learners, as many learners reading at once would send them.
 */
export function completionPairs(learners: Learner[], lessons: { id: string; key: string }[]): Pair[] {
  const pairs: Pair[] = [];
  for (const lesson of lessons)
    for (const learner of learners)
      if (!learner.done.has(lesson.id))
        pairs.push({ learner, lessonId: lesson.id, path: `/courses/${COURSE_SLUG}/${lesson.key}` });
  return pairs;
}

/**
 * Waits until the requests still in flight when a run ended have written (no new completion or
 * submitted attempt in the course for 1.5 s, at most 20 s): a check made meanwhile could read a
 * learner's rows before and their enrolment after the same transaction.
 */
export async function writesSettled(db: Db, courseId: string) {
  const count = async () =>
    (await db.lessonCompletion.count({ where: { lesson: { courseId } } })) +
    (await db.quizAttempt.count({ where: { courseId, submittedAt: { not: null } } }));
  const until = Date.now() + 20_000;
  let last = await count();
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 1500));
    const now = await count();
    if (now === last) return;
    last = now;
  }
}

/**
 * After the mark-complete run: every pair answered with success has exactly one completion row,
 * and each of those learners' `Enrollment.completedLessons` equals a recount of their rows.
 */
export async function checkCompletions(db: Db, courseId: string, succeeded: Pair[]) {
  const userIds = [...new Set(succeeded.map((p) => p.learner.userId))];
  const rows = await db.lessonCompletion.groupBy({
    by: ["userId", "lessonId"],
    where: { userId: { in: userIds }, lesson: { courseId } },
    _count: { _all: true },
  });
  const count = new Map(rows.map((r) => [`${r.userId} ${r.lessonId}`, r._count._all]));
  const missing = succeeded.filter((p) => (count.get(`${p.learner.userId} ${p.lessonId}`) ?? 0) === 0).length;
  const doubled = succeeded.filter((p) => (count.get(`${p.learner.userId} ${p.lessonId}`) ?? 0) > 1).length;
  const recount = new Map<string, number>();
  for (const r of rows) recount.set(r.userId, (recount.get(r.userId) ?? 0) + r._count._all);
  const enrollments = await db.enrollment.findMany({
    where: { courseId, userId: { in: userIds } },
    select: { userId: true, completedLessons: true },
  });
  const wrong = enrollments.filter((e) => e.completedLessons !== (recount.get(e.userId) ?? 0));
  return {
    pairs: succeeded.length,
    learners: userIds.length,
    missing,
    doubled,
    wrongCounts: wrong.length,
    /** A few learners whose stored count differs from their rows: stored → recounted. */
    examples: wrong.slice(0, 3).map((e) => `${e.userId}: ${e.completedLessons} → ${recount.get(e.userId) ?? 0}`),
  };
}

export type Attempt = { cookie: string; path: string; body: string; attemptId: string };

/**
 * Up to `count` open module-quiz attempts of the seeded course, started by the assessment module
 * as `intent=start` does, with the form body a learner would post (the first option shown for
 * each question: some pass, some fail).
 */
export async function startedAttempts(db: Db, courseId: string, learners: Learner[], count: number) {
  const { findQuiz, startAttempt } = await import("~/assessments/assessment.server");
  const course = scaleCourse();
  const refs = course.modules.map((m) => findQuiz(course, courseId, m.slug)!);
  const attempts: Attempt[] = [];
  const jobs: (() => Promise<void>)[] = [];
  for (const ref of refs)
    for (const learner of learners)
      if (jobs.length < count)
        jobs.push(async () => {
          const attempt = await startAttempt(db, learner.userId, ref);
          if (!attempt) return;
          const form = new URLSearchParams({ attempt: attempt.id });
          for (const { question, options } of attempt.layout) form.append(`q-${question}`, options[0]!);
          attempts.push({
            cookie: learner.cookie,
            path: `/courses/${COURSE_SLUG}/quiz/${ref.quizKey}`,
            body: form.toString(),
            attemptId: attempt.id,
          });
        });
  // A few at a time: the order of the list is the order of the submissions.
  for (let i = 0; i < jobs.length; i += 16) await Promise.all(jobs.slice(i, i + 16).map((job) => job()));
  return attempts;
}

/** How many of these attempts the database holds as submitted (each one exactly once). */
export async function submittedCount(db: Db, attemptIds: string[]) {
  let submitted = 0;
  // In chunks: Prisma's SQLite adapter takes at most 999 parameters per statement.
  for (let i = 0; i < attemptIds.length; i += 500)
    submitted += await db.quizAttempt.count({
      where: { id: { in: attemptIds.slice(i, i + 500) }, submittedAt: { not: null } },
    });
  return submitted;
}

/** A certificate of the seeded cohort, for its public verify page. */
export async function someCertificateId(db: Db) {
  const certificate = await db.certificate.findFirst({ select: { id: true }, orderBy: { issuedAt: "asc" } });
  return certificate?.id ?? null;
}

/** Messages the server's outbox still has to deliver (e-mail, xAPI). */
export function pendingMessages(db: Db) {
  return db.outboxMessage.count({ where: { status: "pending" } });
}
