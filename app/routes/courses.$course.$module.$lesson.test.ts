// The lesson page is the busiest page: count the SQL statements behind one signed-in view.
import { beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.DB_LOG_QUERIES = "1";
});

const { quizCourse } = await import("#tests/fixtures/course-fixture");
const { authenticate, signUp } = await import("~/auth/auth.server");
const { ensureCatalogue } = await import("~/content/catalogue.server");
const { publishCourse } = await import("#tests/fixtures/publish-course");
const { db } = await import("~/db/db.server");
const { completeLesson, enrol } = await import("~/learning/progress.server");
const { loader: rootLoader } = await import("~/root");
const { loader: lessonLoader } = await import("./courses.$course.$module.$lesson");

const statements: string[] = [];
(db as unknown as { $on(event: "query", cb: (e: { query: string }) => void): void }).$on("query", (e) =>
  statements.push(e.query),
);

const course = quizCourse();
let cookie = "";

beforeAll(async () => {
  const { courseId } = await publishCourse(db, course, "# A lesson\n\nSome **text** about data centres.");
  const created = await signUp({ name: "Busy Learner", email: "busy@example.org", password: "a long test password" });
  if (!("userId" in created)) throw new Error("sign-up failed");
  cookie = created.setCookie.split(";")[0];
  await enrol(db, created.userId, courseId);
  const first = await db.lesson.findFirstOrThrow({ where: { courseId, key: "m1/l1" } });
  await completeLesson(db, created.userId, first.id);
});

/** One signed-in view of a lesson page as the server runs it: who is asking, the root loader, the page's loader. */
async function view(path: string, { documentRequest }: { documentRequest: boolean }) {
  await ensureCatalogue();
  statements.length = 0;
  const auth = await authenticate(cookie);
  const context = {
    auth,
    cspNonce: "n",
    clientIp: "127.0.0.1",
    documentRequest,
    serverHtml: new Map<string, string>(),
  };
  const request = new Request(`http://localhost${path}`);
  const root = await rootLoader({ request, params: {}, context } as never);
  const [, , module, lesson] = path.split("/").filter(Boolean);
  const answer = await lessonLoader({ request, params: { course: course.slug, module, lesson }, context } as never);
  // Signed in, the loader answers its data as it is (never marked as the same for everyone).
  if ("type" in answer) throw new Error("a signed-in lesson page was marked public");
  const page = answer;
  return { root, page, serverHtml: context.serverHtml, statements: [...statements] };
}

describe("the signed-in lesson page", () => {
  it("reads the session with its user, then the enrolment with the lessons done: two statements, no write", async () => {
    // The first view of a lesson in a process also reads its compiled code, kept from then on.
    const first = await view(`/courses/${course.slug}/m2/l1`, { documentRequest: true });
    expect(first.statements.filter((s) => s.includes("LessonCode"))).toHaveLength(1);
    const { root, page, statements } = await view(`/courses/${course.slug}/m2/l1`, { documentRequest: true });
    expect(statements).toHaveLength(2);
    expect(statements.filter((s) => /^\s*(INSERT|UPDATE|DELETE|BEGIN)/i.test(s))).toEqual([]);
    expect(root.user).toMatchObject({ name: "Busy Learner", inOrganisation: false });
    expect(page.lesson).toMatchObject({ title: "L1", done: false });
    expect(page.syllabus.map((m) => m.lessons.map((l) => l.done))).toEqual([[true], [false]]);
    expect(page.percent).toBe(50);
  });

  it("puts the lesson HTML in the page only once: not in the hydration data of a document request", async () => {
    const document = await view(`/courses/${course.slug}/m2/l1`, { documentRequest: true });
    expect(document.page.html).toBeNull();
    expect(document.serverHtml.get("lesson")).toContain("data centres");
    const data = await view(`/courses/${course.slug}/m2/l1`, { documentRequest: false });
    expect(data.page.html).toContain("data centres");
  });

  it("marks a lesson complete with one read before the transaction and six statements in it", async () => {
    const learner = await db.user.create({
      data: { id: "writer", email: "writer@example.org", name: "Writer", passwordHash: "x" },
    });
    const lesson = await db.lesson.findFirstOrThrow({ where: { course: { slug: course.slug }, key: "m2/l1" } });
    await enrol(db, learner.id, lesson.courseId);
    statements.length = 0;
    const result = await completeLesson(db, learner.id, lesson.id);
    expect(result).toMatchObject({ newlyCompleted: true, enrollment: { completedLessons: 1, percent: 50 } });
    // The lesson with its course and module, then (BEGIN is not reported) the enrolment locked and
    // read, the lessons not done, the completion, the enrolment's figures, the module's figures, the
    // two xAPI statements (one insert), COMMIT. Half the course done: no check for the course's
    // completion.
    expect(statements.map((s) => /^\s*(\w+)/.exec(s)![1]!.toUpperCase())).toEqual([
      "SELECT",
      "UPDATE",
      "SELECT",
      "INSERT",
      "UPDATE",
      "INSERT",
      "INSERT",
      "COMMIT",
    ]);
  });
});
