// Records xAPI statements in the transaction of the event they describe: a statement exists exactly
// when its event does. When an external learning record store is configured (XAPI_LRS_URL), each
// statement is also queued in the outbox, whose background sender delivers it with retries; a
// learner never waits for, or is blocked by, the LRS.
//
// Which events are recorded:
// - registered: enrolling in a course (app/learning/progress.server.ts);
// - experienced + completed: a lesson, when the learner marks it complete. Opening a lesson is a
//   GET, which never writes, so "experienced" is recorded on the POST the lesson page already
//   makes ("experienced" each time it is submitted, "completed" only the first time);
// - attempted + passed/failed: a submitted quiz attempt (app/assessments/assessment.server.ts);
// - completed (the course): when the event that completed it is recorded.
import { randomUUID } from "node:crypto";
import type { DbClient, Tx } from "~/db/db.server";
import { queueMessage } from "~/mail/outbox.server";
import { siteUrl } from "~/site";
import { courseCompleted, verbName, type Statement } from "./statements";

/** What every statement built now shares: the public origin, the learner, a new id and the time. */
export function statementBase(userId: string, timestamp = new Date()) {
  return { origin: siteUrl(), userId, id: randomUUID(), timestamp };
}

export const lrsConfigured = () => Boolean(process.env.XAPI_LRS_URL?.trim());

export async function recordStatements(tx: DbClient, courseId: string | null, ...statements: Statement[]) {
  // One insert per statement (one or two): Prisma prepares a `create` once and reuses it, while it
  // plans a `createMany` again on every call (≈ 1 ms of CPU, inside the transaction).
  for (const statement of statements)
    await tx.xapiStatement.create({
      data: {
        id: statement.id,
        userId: statement.actor.account.name,
        courseId,
        verb: verbName(statement),
        statement: JSON.stringify(statement),
        storedAt: new Date(statement.timestamp),
      },
      select: { id: true },
    });
  if (lrsConfigured())
    for (const statement of statements)
      await queueMessage(tx, "xapi", statement, { userId: statement.actor.account.name });
}

/** "completed" for a course the learner just completed, with the score on their certificate. */
export async function courseCompletedStatement(tx: Tx, userId: string, courseId: string) {
  const [course, enrollment] = await Promise.all([
    tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { slug: true, title: true, language: true } }),
    tx.enrollment.findUniqueOrThrow({
      where: { userId_courseId: { userId, courseId } },
      select: { completedAt: true, finalScore: true },
    }),
  ]);
  return courseCompleted(statementBase(userId, enrollment.completedAt ?? new Date()), course, enrollment.finalScore);
}
