// A cohort's xAPI statements as one JSON array, streamed: the cohort's learners a page at a time,
// and for each page their statements about the cohort's courses, so that no more than a page of
// learners' statements is in memory at once.
import type { DbClient } from "~/db/db.server";

export function cohortStatementsStream(db: DbClient, cohortId: string, pageSize = 500): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* chunks() {
    const courseIds = (await db.cohortCourse.findMany({ where: { cohortId }, select: { courseId: true } })).map(
      (c) => c.courseId,
    );
    yield "[";
    let first = true;
    let after: string | undefined;
    for (;;) {
      const members = await db.cohortMember.findMany({
        where: { cohortId, role: "learner", ...(after ? { userId: { gt: after } } : {}) },
        orderBy: { userId: "asc" },
        take: pageSize,
        select: { userId: true },
      });
      if (members.length === 0 || courseIds.length === 0) break;
      const statements = await db.xapiStatement.findMany({
        where: { userId: { in: members.map((m) => m.userId) }, courseId: { in: courseIds } },
        orderBy: [{ userId: "asc" }, { storedAt: "asc" }, { id: "asc" }],
        select: { statement: true },
      });
      let out = "";
      for (const s of statements) {
        out += `${first ? "" : ","}\n${s.statement}`;
        first = false;
      }
      if (out) yield out;
      if (members.length < pageSize) break;
      after = members[members.length - 1]!.userId;
    }
    yield "\n]\n";
  }
  const iterator = chunks();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (e) {
        controller.error(e);
      }
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}
