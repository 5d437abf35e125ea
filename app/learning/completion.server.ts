// A course is complete when every lesson is done and every required quiz (each module quiz and
// the final assessment) is passed. Completion is recorded once, in the transaction of the event
// that completed it, and the certificate is issued in the same transaction.
import { issueCertificate } from "~/certificates/certificate.server";
import { FINAL_QUIZ } from "~/content/catalogue";
import type { Tx } from "~/db/db.server";

/** What completing a course needs to know of the enrolment. */
export type EnrollmentState = { id: string; completedLessons: number; completed: boolean };

/** Completes the course (and issues the certificate) when all is done; `known` is the enrolment as read in `tx`. */
export async function completeIfDone(
  tx: Tx,
  userId: string,
  courseId: string,
  known?: EnrollmentState,
): Promise<{ certificateId: string } | null> {
  const enrollment = known ?? (await enrollmentState(tx, userId, courseId));
  if (!enrollment || enrollment.completed) return null;
  const course = await tx.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { lessonCount: true, requiredQuizzes: true, currentVersion: { select: { number: true } } },
  });
  if (enrollment.completedLessons < course.lessonCount) return null;
  const required = JSON.parse(course.requiredQuizzes) as string[];
  const passed = await tx.quizResult.findMany({
    where: { userId, courseId, quizKey: { in: required }, passedAt: { not: null } },
  });
  if (passed.length < required.length) return null;

  // The score on the certificate is the best final-assessment score (else the quizzes' average).
  const final = passed.find((r) => r.quizKey === FINAL_QUIZ);
  const score = final
    ? final.bestScore
    : passed.length
      ? Math.round(passed.reduce((s, r) => s + r.bestScore, 0) / passed.length)
      : 100;
  const completedAt = new Date();
  const completedVersion = course.currentVersion?.number ?? null;
  const { count } = await tx.enrollment.updateMany({
    where: { id: enrollment.id, completedAt: null },
    data: { completedAt, finalScore: score, completedVersion },
  });
  if (count !== 1) return null;
  const certificate = await issueCertificate(tx, {
    userId,
    courseId,
    score,
    completedAt,
    courseVersion: completedVersion,
  });
  return { certificateId: certificate.id };
}

async function enrollmentState(tx: Tx, userId: string, courseId: string): Promise<EnrollmentState | null> {
  const row = await tx.enrollment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { id: true, completedLessons: true, completedAt: true },
  });
  return row && { id: row.id, completedLessons: row.completedLessons, completed: row.completedAt !== null };
}
