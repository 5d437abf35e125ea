// POST /api/offline-completions: lessons completed without a connection, sent later. Each lesson
// counts once (sent twice, or completed online meanwhile); another learner's enrolment is never
// used; bad input is refused with a 4xx and a reason.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse } from "#tests/fixtures/course-fixture";
import { publishCourse } from "#tests/fixtures/publish-course";
import type { AuthUser } from "~/auth/auth.server";
import { ensureCatalogue } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { completeLesson, enrol } from "~/learning/progress.server";
import { action, loader } from "./api.offline-completions";

const course = quizCourse();
let courseId = "";

beforeAll(async () => {
  ({ courseId } = await publishCourse(db, course, "# A lesson\n\nSome text."));
  await ensureCatalogue();
});

async function learner(name: string): Promise<AuthUser> {
  const id = randomUUID();
  const row = { id, email: `${id}@example.org`, name, isInstructor: false, isAdmin: false, dataSaver: false };
  await db.user.create({ data: { ...row, passwordHash: "x" } });
  return { ...row, language: null, inOrganisation: false };
}

/** The endpoint's answer: status and JSON body. */
async function post(user: AuthUser | null, body: unknown, contentType = "application/json") {
  const request = new Request("http://localhost/api/offline-completions", {
    method: "POST",
    headers: { "Content-Type": contentType, Origin: "http://localhost" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await action({ request, params: {}, context: { auth: { user, session: null } } } as never);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const completion = (lesson = "m1/l1") => ({ course: course.slug, lesson, completedAt: new Date().toISOString() });

const rows = async (userId: string) =>
  db.lessonCompletion.count({ where: { userId, lesson: { courseId, key: "m1/l1" } } });
const enrolment = (userId: string) =>
  db.enrollment.findUniqueOrThrow({ where: { userId_courseId: { userId, courseId } } });

describe("POST /api/offline-completions", () => {
  it("records a completion once, however often it is sent", async () => {
    const user = await learner("Twice");
    await enrol(db, user.id, courseId);
    expect(await post(user, completion())).toEqual({ status: 200, body: { status: "recorded", percent: 50 } });
    expect(await post(user, completion())).toEqual({
      status: 200,
      body: { status: "already-recorded", percent: 50 },
    });
    expect(await rows(user.id)).toBe(1);
    expect(await enrolment(user.id)).toMatchObject({ completedLessons: 1, percent: 50 });
  });

  it("does not count again a lesson completed online meanwhile (or on another device)", async () => {
    const user = await learner("Online first");
    await enrol(db, user.id, courseId);
    const lesson = await db.lesson.findFirstOrThrow({ where: { courseId, key: "m1/l1" } });
    await completeLesson(db, user.id, lesson.id);
    expect(await post(user, completion())).toMatchObject({ status: 200, body: { status: "already-recorded" } });
    expect(await rows(user.id)).toBe(1);
    expect(await enrolment(user.id)).toMatchObject({ completedLessons: 1 });
  });

  it("never uses another learner's enrolment: 404, and nothing is written", async () => {
    const enrolled = await learner("Enrolled");
    await enrol(db, enrolled.id, courseId);
    const other = await learner("Other");
    const answer = await post(other, completion());
    expect(answer).toEqual({ status: 404, body: { error: "You are not enrolled in this course." } });
    expect(await rows(other.id)).toBe(0);
    expect(await db.enrollment.count({ where: { userId: other.id } })).toBe(0);
    expect(await enrolment(enrolled.id)).toMatchObject({ completedLessons: 0 });
  });

  it("refuses a learner who is not enrolled, without enrolling them", async () => {
    const user = await learner("Not enrolled");
    const answer = await post(user, completion());
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.body.error).toMatch(/not enrolled/);
    expect(await db.enrollment.count({ where: { userId: user.id } })).toBe(0);
    expect(await rows(user.id)).toBe(0);
  });

  it("refuses bad input with 400, 404 or 415 and a reason", async () => {
    const user = await learner("Bad input");
    await enrol(db, user.id, courseId);
    const cases: [unknown, number, RegExp, string?][] = [
      ["{not json", 400, /not valid JSON/],
      ["", 400, /not valid JSON/],
      [[completion()], 400, /one completion/],
      [{ ...completion(), course: 3 }, 400, /"course"/],
      [{ ...completion(), lesson: "" }, 400, /"lesson"/],
      [{ ...completion(), completedAt: "yesterday" }, 400, /"completedAt"/],
      [{ ...completion(), completedAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }, 400, /"completedAt"/],
      [{ ...completion(), lesson: "m9/nope" }, 404, /no such lesson/],
      [{ ...completion(), course: "no-such-course" }, 404, /no such lesson/],
      [completion(), 415, /application\/json/, "text/plain"],
    ];
    for (const [body, status, reason, type] of cases) {
      const answer = await post(user, body, type);
      expect({ sent: body, ...answer }).toMatchObject({ status, body: { error: expect.stringMatching(reason) } });
    }
    expect(await rows(user.id)).toBe(0);
  });

  it("answers only a signed-in person, and only POST", async () => {
    expect(await post(null, completion())).toMatchObject({
      status: 401,
      body: { error: expect.stringMatching(/Log in/) },
    });
    const get = loader();
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST");
  });
});
