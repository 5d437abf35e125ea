import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { quizCourse, RIGHT, HALF } from "#tests/fixtures/course-fixture";
import { findQuiz, startAttempt, submitAttempt } from "~/assessments/assessment.server";
import { syncCatalogue } from "~/content/sync.server";
import { db, dialect } from "~/db/db.server";
import { completeLesson, enrol } from "~/learning/progress.server";
import { statementSchema } from "./statement-schema";
import type { Statement } from "./statements";

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(statementSchema);

const course = quizCourse();
let courseId = "";
const ORIGIN = "https://academy.example";

beforeAll(async () => {
  process.env.PUBLIC_URL = ORIGIN;
  await syncCatalogue(db, { courses: [course] });
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: course.slug } })).id;
});
afterEach(() => {
  delete process.env.XAPI_LRS_URL;
});

async function learner(id: string) {
  await db.user.create({ data: { id, email: `${id}@example.org`, name: id, passwordHash: "x" } });
  return id;
}
async function statements(userId: string) {
  const rows = await db.xapiStatement.findMany({ where: { userId }, orderBy: [{ storedAt: "asc" }] });
  return rows.map((r) => ({ row: r, s: JSON.parse(r.statement) as Statement }));
}
async function take(userId: string, key: string, answers: Record<string, string[]>) {
  const ref = findQuiz(course, courseId, key)!;
  const attempt = (await startAttempt(db, userId, ref))!;
  return submitAttempt(db, userId, ref, attempt.id, answers);
}

describe("xAPI statements", () => {
  it("are recorded for enrolment, lessons, quizzes and the course's completion, each a valid 1.0.3 statement", async () => {
    const u = await learner("xapi-learner");
    await enrol(db, u, courseId);
    await enrol(db, u, courseId); // once only
    for (const key of ["m1/l1", "m2/l1"]) {
      const lesson = await db.lesson.findFirstOrThrow({ where: { courseId, key } });
      await completeLesson(db, u, lesson.id);
    }
    await take(u, "m1", HALF);
    await take(u, "m1", RIGHT);
    await take(u, "m2", RIGHT);
    await take(u, "final", RIGHT); // completes the course

    const all = await statements(u);
    expect(all.map(({ s }) => `${s.verb.display["en-US"]} ${s.object.id.replace(ORIGIN, "")}`)).toEqual([
      "registered /courses/quiz-course",
      "experienced /courses/quiz-course/m1/l1",
      "completed /courses/quiz-course/m1/l1",
      "experienced /courses/quiz-course/m2/l1",
      "completed /courses/quiz-course/m2/l1",
      "attempted /courses/quiz-course/quiz/m1",
      "failed /courses/quiz-course/quiz/m1",
      "attempted /courses/quiz-course/quiz/m1",
      "passed /courses/quiz-course/quiz/m1",
      "attempted /courses/quiz-course/quiz/m2",
      "passed /courses/quiz-course/quiz/m2",
      "attempted /courses/quiz-course/quiz/final",
      "passed /courses/quiz-course/quiz/final",
      "completed /courses/quiz-course",
    ]);
    for (const { row, s } of all) {
      expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
      expect(row.id).toBe(s.id);
      expect(row.courseId).toBe(courseId);
      expect(row.verb).toBe(s.verb.display["en-US"]);
      // The learner as an account on this site, never an e-mail address.
      expect(s.actor).toEqual({ objectType: "Agent", account: { homePage: ORIGIN, name: u } });
      expect(JSON.stringify(s)).not.toContain("@example.org");
    }
    expect(new Set(all.map(({ s }) => s.id)).size).toBe(all.length);

    const failed = all.find(({ s }) => s.verb.id.endsWith("/failed"))!.s;
    expect(failed.result).toEqual({
      score: { scaled: 0.5, raw: 50, min: 0, max: 100 },
      success: false,
      completion: true,
    });
    const courseActivity = {
      objectType: "Activity",
      id: `${ORIGIN}/courses/quiz-course`,
      definition: { type: "http://adlnet.gov/expapi/activities/course", name: { en: course.title } },
    };
    expect(failed.context?.contextActivities).toEqual({ parent: [courseActivity], grouping: [courseActivity] });
    const done = all.at(-1)!.s;
    expect(done.object).toEqual(courseActivity);
    expect(done.result).toMatchObject({ completion: true, success: true, score: { raw: 100, scaled: 1 } });
    // Nothing is queued for an LRS unless one is configured.
    expect(await db.outboxMessage.count({ where: { userId: u } })).toBe(0);
  });

  it("are also queued in the outbox for the LRS when one is configured", async () => {
    process.env.XAPI_LRS_URL = "http://lrs.example/xapi";
    const u = await learner("xapi-forwarded");
    await enrol(db, u, courseId);
    const queued = await db.outboxMessage.findMany({ where: { userId: u } });
    expect(queued).toHaveLength(1);
    expect(queued[0]!.channel).toBe("xapi");
    const [stored] = await statements(u);
    expect(JSON.parse(queued[0]!.payload)).toEqual(stored!.s);
  });

  it("a statement that cannot be stored undoes its event (same transaction)", async () => {
    const u = await learner("xapi-atomic");
    await enrol(db, u, courseId);
    const lesson = await db.lesson.findFirstOrThrow({ where: { courseId, key: "m1/l1" } });
    // The database refuses the lesson's statements.
    if (dialect === "postgresql") {
      await db.$executeRawUnsafe(
        `CREATE FUNCTION refuse_statement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`,
      );
      await db.$executeRawUnsafe(
        `CREATE TRIGGER refuse_lesson_statements BEFORE INSERT ON "XapiStatement" FOR EACH ROW WHEN (NEW."verb" = 'experienced') EXECUTE FUNCTION refuse_statement()`,
      );
    } else {
      await db.$executeRawUnsafe(
        `CREATE TRIGGER refuse_lesson_statements BEFORE INSERT ON "XapiStatement" WHEN NEW."verb" = 'experienced' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
      );
    }
    try {
      await expect(completeLesson(db, u, lesson.id)).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe(
        dialect === "postgresql"
          ? `DROP TRIGGER refuse_lesson_statements ON "XapiStatement"`
          : `DROP TRIGGER refuse_lesson_statements`,
      );
    }
    expect(await db.lessonCompletion.count({ where: { userId: u } })).toBe(0);
    expect(await db.moduleProgress.count({ where: { enrollment: { userId: u } } })).toBe(0);
  });
});
