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
import { Prisma } from "~/generated/prisma/client";
import { queueMessage } from "~/mail/outbox.server";
import { siteUrl } from "~/site";
import { courseCompleted, verbName, type Statement } from "./statements";

/** What every statement built now shares: the public origin, the learner, a new id and the time. */
export function statementBase(userId: string, timestamp = new Date()) {
  return { origin: siteUrl(), userId, id: randomUUID(), timestamp };
}

export const lrsConfigured = () => Boolean(process.env.XAPI_LRS_URL?.trim());

export async function recordStatements(tx: DbClient, courseId: string | null, ...statements: Statement[]) {
  if (statements.length === 0) return;
  // One raw insert for all of them, the same SQL on SQLite and PostgreSQL. It runs inside the
  // transaction of the event (on SQLite, while the write lock is held): Prisma's `create` costs
  // about 0.3 ms of CPU per row and its `createMany` about 1 ms, the SQL itself a fraction of that.
  const rows = statements.map(
    (statement) =>
      Prisma.sql`(${statement.id}, ${statement.actor.account.name}, ${courseId}, ${verbName(statement)}, ${JSON.stringify(statement)}, ${new Date(statement.timestamp)})`,
  );
  await tx.$executeRaw`
    INSERT INTO "XapiStatement" ("id", "userId", "courseId", "verb", "statement", "storedAt")
    VALUES ${Prisma.join(rows)}`;
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
