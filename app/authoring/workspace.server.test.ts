// The workspace against a real database and the real sandboxed compiler.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/auth.server";
import { loadCourse, readCourseDir } from "~/content/load.server";
import { shutdownUntrustedCompiler } from "~/content/untrusted-compile.server";
import { publishedCatalogue } from "~/content/versions.server";
import { db } from "~/db/db.server";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { completeLesson, enrol } from "~/learning/progress.server";
import { exportCourseZip, importCourseZip } from "./archive.server";
import { compileForAuthors } from "./compile.server";
import {
  diffFiles,
  importCourse,
  publishDraft,
  restoreVersion,
  versionFiles,
  versionHistory,
} from "./publishing.server";
import { addLesson, newLessonFile, removeLesson } from "./structure";
import {
  addCoauthor,
  authoredCourses,
  authorRole,
  changeDraft,
  createCourse,
  draftOf,
  fileMap,
  findAuthoredCourse,
  removeCoauthor,
  saveDraftFile,
} from "./workspace.server";

afterAll(() => shutdownUntrustedCompiler());

async function user(roles: { instructor?: boolean; admin?: boolean } = {}): Promise<AuthUser> {
  const id = randomUUID();
  const row = {
    id,
    email: `${id}@example.org`,
    name: `Person ${id.slice(0, 6)}`,
    isInstructor: Boolean(roles.instructor),
    isAdmin: Boolean(roles.admin),
    dataSaver: false,
    language: null,
  };
  await db.user.create({ data: { ...row, passwordHash: "x" } });
  return { ...row, inOrganisation: false };
}

async function newCourse(owner: AuthUser) {
  const slug = `c-${randomUUID().slice(0, 8)}`;
  const created = await createCourse(db, owner, { title: "Repair first", slug });
  expect(created).toEqual({ ok: true, slug });
  const found = await findAuthoredCourse(db, owner, slug);
  if (!found.ok) throw new Error(found.reason);
  return found.course;
}

const publish = (course: { id: string; slug: string }, userId: string, changeNote = "Edition") =>
  publishDraft(db, compileForAuthors, { courseId: course.id, slug: course.slug, userId, changeNote });

describe("who may author", () => {
  it("lets instructors create courses they own; others see them only when added; admins see all", async () => {
    const [owner, other, admin, learner] = await Promise.all([
      user({ instructor: true }),
      user({ instructor: true }),
      user({ admin: true }),
      user(),
    ]);
    expect(await createCourse(db, learner, { title: "Nope" })).toMatchObject({ ok: false });
    const course = await newCourse(owner);
    expect(await createCourse(db, other, { title: "Same", slug: course.slug })).toEqual({
      ok: false,
      field: "slug",
      problem: { key: "authoring:problems.workspace.slugTaken" },
    });
    expect(await authorRole(db, owner, course.id)).toBe("owner");
    expect(await authorRole(db, other, course.id)).toBeNull();
    expect(await authorRole(db, admin, course.id)).toBe("admin");
    expect(await findAuthoredCourse(db, other, course.slug)).toEqual({ ok: false, reason: "forbidden" });
    expect(await findAuthoredCourse(db, other, "no-such-course")).toEqual({ ok: false, reason: "not-found" });
    expect((await authoredCourses(db, other)).map((c) => c.slug)).not.toContain(course.slug);
    expect((await authoredCourses(db, admin)).map((c) => c.slug)).toContain(course.slug);

    expect(await addCoauthor(db, course.id, learner.email)).toEqual({
      ok: false,
      message: { key: "authoring:problems.workspace.notInstructor", values: { name: learner.name } },
    });
    expect(await addCoauthor(db, course.id, other.email.toUpperCase())).toMatchObject({ ok: true });
    expect(await authorRole(db, other, course.id)).toBe("coauthor");
    expect(await addCoauthor(db, course.id, other.email)).toMatchObject({ ok: false });
    const refused = await removeCoauthor(db, course.id, owner.id);
    expect(refused).toEqual({ ok: false, message: { key: "authoring:problems.workspace.notCoauthor" } });
    expect(say(translator("ar"), refused.message)).toBe(
      "هذا الشخص ليس مؤلفًا مشاركًا في هذه الدورة (لا يمكن إزالة المالكين).",
    );
    expect(await removeCoauthor(db, course.id, other.id)).toMatchObject({ ok: true });
    expect(await authorRole(db, other, course.id)).toBeNull();
  });
});

describe("editing a draft", () => {
  it("refuses a save based on an older revision and hands back the newer text", async () => {
    const [a, b] = await Promise.all([user({ instructor: true }), user({ instructor: true })]);
    const course = await newCourse(a);
    const path = "01-getting-started/01-first-lesson.mdx";
    const start = (await draftOf(db, course.id)).files.find((f) => f.path === path)!;
    expect(await saveDraftFile(db, a.id, course.id, { path, body: "A's text", baseRevision: start.revision })).toEqual({
      ok: true,
      revision: start.revision + 1,
    });
    const second = await saveDraftFile(db, b.id, course.id, { path, body: "B's text", baseRevision: start.revision });
    expect(second).toMatchObject({
      ok: false,
      conflict: { body: "A's text", revision: start.revision + 1, updatedBy: a.name },
    });
    // B has seen A's text: saving on top of its revision goes through.
    expect(await saveDraftFile(db, b.id, course.id, { path, body: "Both", baseRevision: start.revision + 1 })).toEqual({
      ok: true,
      revision: start.revision + 2,
    });
    const saved = await db.draftFile.findUnique({ where: { courseId_path: { courseId: course.id, path } } });
    expect(saved).toMatchObject({ body: "Both", updatedById: b.id });
  });
});

describe("publishing", () => {
  it("publishes versions that keep learners' progress by lesson key, and records what changed", async () => {
    const [owner, learner] = await Promise.all([user({ instructor: true }), user()]);
    const course = await newCourse(owner);
    expect(await publish(course, owner.id)).toEqual({ ok: true, version: 1 });
    expect(await db.draftFile.count({ where: { courseId: course.id } })).toBe(0);
    const v1 = (await publishedCatalogue(db)).courses.find((c) => c.slug === course.slug)!;
    expect(v1.version).toBe(1);
    expect(await publish(course, owner.id)).toMatchObject({
      ok: false,
      refusal: { key: "authoring:problems.publishing.nothingNew" },
    });

    // A learner completes the only lesson.
    await enrol(db, learner.id, course.id);
    const first = await db.lesson.findFirstOrThrow({ where: { courseId: course.id } });
    await completeLesson(db, learner.id, first.id);

    // Version 2 adds a lesson: the first stays done, the new one is not.
    await changeDraft(db, owner.id, course.id, (f) => addLesson(f, "01-getting-started", "Repair cafés"));
    expect(await publish(course, owner.id, "A lesson on repair cafés")).toEqual({ ok: true, version: 2 });
    const enrolment = () => db.enrollment.findFirstOrThrow({ where: { userId: learner.id, courseId: course.id } });
    expect(await enrolment()).toMatchObject({ completedLessons: 1, percent: 50 });

    // Version 3 removes the completed lesson: it stops counting, but the completion is kept.
    await changeDraft(db, owner.id, course.id, (f) => removeLesson(f, "01-getting-started/01-first-lesson.mdx"));
    expect(await publish(course, owner.id, "Shorter")).toEqual({ ok: true, version: 3 });
    expect(await enrolment()).toMatchObject({ completedLessons: 0, percent: 0 });
    expect(await db.lessonCompletion.count({ where: { userId: learner.id } })).toBe(1);

    const history = await versionHistory(db, course.id);
    expect(history.map((v) => [v.number, v.changeNote, v.publishedBy])).toEqual([
      [3, "Shorter", owner.name],
      [2, "A lesson on repair cafés", owner.name],
      [1, "Edition", owner.name],
    ]);
    const changes = diffFiles((await versionFiles(db, course.id, 1))!, (await versionFiles(db, course.id, 2))!);
    expect(changes.map((c) => [c.change, c.kind, c.path])).toEqual([
      ["added", "lesson", "01-getting-started/02-repair-cafes.mdx"],
    ]);
    expect(changes[0].hunks[0].lines).toContain("+title: Repair cafés");

    // Restoring version 1 makes its files the draft; publishing it creates version 4.
    expect(await restoreVersion(db, { courseId: course.id, userId: owner.id, number: 1 })).toEqual({ ok: true });
    expect(fileMap((await draftOf(db, course.id)).files)).toEqual(await versionFiles(db, course.id, 1));
    expect(await publish(course, owner.id, "Back to the first edition")).toEqual({ ok: true, version: 4 });
    expect(await enrolment()).toMatchObject({ completedLessons: 1, percent: 100 });
  });

  it("publishes nothing while any file has a problem, and names the file, line and column", async () => {
    const owner = await user({ instructor: true });
    const course = await newCourse(owner);
    const path = "01-getting-started/01-first-lesson.mdx";
    const broken = newLessonFile("First lesson").replace("Write the lesson here.", "<Calout>x</Calout>");
    await saveDraftFile(db, owner.id, course.id, { path, body: broken, baseRevision: 1 });
    const result = await publish(course, owner.id);
    expect(result).toEqual({
      ok: false,
      refusal: { key: "authoring:problems.publishing.fixProblems" },
      problems: [{ file: path, line: 10, column: 1, message: expect.stringMatching(/unknown component <Calout>/) }],
    });
    expect(await db.courseVersion.count({ where: { courseId: course.id } })).toBe(0);
  });
});

describe("export and import", () => {
  const shipped = readdirSync("content/courses").filter((d) => /^\d+-/.test(d));

  it.each(shipped)("gives the same course back after a round trip through a zip: %s", (dir) => {
    const files = readCourseDir(join("content/courses", dir));
    const slug = dir.replace(/^\d+-/, "");
    const back = importCourseZip(exportCourseZip(slug, files));
    if (!back.ok) throw new Error(back.errors.join("; "));
    const before = loadCourse(files, { slug, position: 0 });
    const after = loadCourse(back.files, { slug: back.slug, position: 0 });
    expect(before.problems).toEqual([]);
    expect(after).toEqual(before);
  });

  it("imports a zip as a new course the importer owns, or as the draft of a course they author", async () => {
    const [owner, stranger] = await Promise.all([user({ instructor: true }), user({ instructor: true })]);
    const files = readCourseDir("content/courses/05-green-digital-action-essentials");
    const slug = `essentials-${randomUUID().slice(0, 6)}`;
    const zip = { bytes: exportCourseZip(slug, files), filename: `${slug}.zip` };
    expect(await importCourse(db, compileForAuthors, owner, zip)).toEqual({
      ok: true,
      slug,
      created: true,
      problems: [],
    });
    const course = await db.course.findUniqueOrThrow({ where: { slug } });
    expect(course.title).toBe("Green digital action essentials");
    expect(fileMap((await draftOf(db, course.id)).files)).toEqual(files);
    expect(await importCourse(db, compileForAuthors, stranger, zip)).toEqual({
      ok: false,
      problem: { key: "authoring:problems.publishing.notYourCourse", values: { slug } },
    });
    expect(await importCourse(db, compileForAuthors, owner, zip)).toMatchObject({ ok: true, created: false });
    expect(
      await importCourse(db, compileForAuthors, owner, { bytes: new Uint8Array([1, 2, 3]), filename: "x.zip" }),
    ).toMatchObject({
      ok: false,
    });
  });
});
