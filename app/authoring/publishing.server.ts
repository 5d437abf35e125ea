// From draft to published version: validation with every problem's place, publication (compiling
// changed lessons, then one new immutable version), version history with a readable diff, and
// restoring an old version as a new draft.
import { structuredPatch } from "diff";
import type { AuthUser } from "~/auth/auth.server";
import { toCatalogue, type CatalogueCourse } from "~/content/catalogue";
import { loadCourse, type CourseFiles, type Problem } from "~/content/load.server";
import { mdxToPlainText } from "~/content/plain-text.server";
import { publishVersion } from "~/content/versions.server";
import type { Db } from "~/db/db.server";
import { importCourseZip } from "./archive.server";
import { frontmatter } from "./structure";
import { authorRole, createCourse, draftOf, fileMap, filesHash, writeDraft } from "./workspace.server";

/** Compiles one lesson's MDX body; the workspace passes the sandboxed compiler. */
export type CompileLesson = (
  body: string,
) => Promise<{ ok: true; code: string } | { ok: false; problems: Omit<Problem, "file">[] }>;

export function validateFiles(files: CourseFiles, slug: string) {
  return loadCourse(files, { slug, position: 0 });
}

export type PublishResult = { ok: true; version: number } | { ok: false; problems: Problem[]; message: string };

/**
 * Publishes the draft: validates every file, compiles the lessons not compiled before, and stores
 * a new version learners see from their next page view. Nothing is written when anything fails.
 */
export async function publishDraft(
  db: Db,
  compile: CompileLesson,
  input: { courseId: string; slug: string; userId: string; changeNote: string },
): Promise<PublishResult> {
  const { files, edited } = await draftOf(db, input.courseId);
  if (!edited) return { ok: false, problems: [], message: "There is nothing new to publish: edit the draft first." };
  const map = fileMap(files);
  const course = await db.course.findUniqueOrThrow({
    where: { id: input.courseId },
    select: { position: true, currentVersion: { select: { files: true } } },
  });
  if (course.currentVersion && filesHash(JSON.parse(course.currentVersion.files) as CourseFiles) === filesHash(map))
    return { ok: false, problems: [], message: "The draft is the same as the published version." };
  const { course: def, problems } = loadCourse(map, { slug: input.slug, position: course.position });
  if (!def || problems.length) return { ok: false, problems, message: "Fix the problems listed before publishing." };

  const lessons = def.modules.flatMap((m) => m.lessons);
  const known = new Set(
    (await db.lessonCode.findMany({ where: { hash: { in: lessons.map((l) => l.hash) } }, select: { hash: true } })).map(
      (r) => r.hash,
    ),
  );
  const code = new Map<string, string>();
  const compileProblems: Problem[] = [];
  for (const lesson of lessons) {
    if (known.has(lesson.hash) || code.has(lesson.hash)) continue;
    const result = await compile(lesson.body);
    if (result.ok) code.set(lesson.hash, result.code);
    else compileProblems.push(...result.problems.map((p) => ({ file: lesson.file, ...p })));
  }
  if (compileProblems.length) return { ok: false, problems: compileProblems, message: "Some lessons did not compile." };

  const [entry] = toCatalogue([def], mdxToPlainText).courses as CatalogueCourse[];
  const version = await publishVersion(db, {
    course: entry,
    files: map,
    code,
    changeNote: input.changeNote,
    origin: "editor",
    publishedById: input.userId,
  });
  // The published files are the draft: drop the rows, the workspace now shows the version.
  await db.draftFile.deleteMany({ where: { courseId: input.courseId } });
  return { ok: true, version: version.number };
}

export async function versionHistory(db: Db, courseId: string) {
  const rows = await db.courseVersion.findMany({
    where: { courseId },
    orderBy: { number: "desc" },
    select: { number: true, changeNote: true, origin: true, publishedAt: true, publishedById: true },
  });
  const names = new Map(
    (
      await db.user.findMany({
        where: { id: { in: rows.map((r) => r.publishedById).filter((x): x is string => Boolean(x)) } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  return rows.map(({ publishedById, ...r }) => ({
    ...r,
    publishedBy: publishedById ? (names.get(publishedById) ?? null) : null,
  }));
}

export async function versionFiles(db: Db, courseId: string, number: number): Promise<CourseFiles | null> {
  const row = await db.courseVersion.findUnique({
    where: { courseId_number: { courseId, number } },
    select: { files: true },
  });
  return row ? (JSON.parse(row.files) as CourseFiles) : null;
}

export type FileChange = {
  path: string;
  change: "added" | "removed" | "edited";
  /** What kind of file: a lesson, a quiz, the course or a module description, the glossary. */
  kind: "lesson" | "quiz" | "course" | "module" | "glossary" | "file";
  /** Unified-diff hunks, line by line, each line starting with " ", "+" or "-". */
  hunks: { header: string; lines: string[] }[];
};

const kindOf = (path: string): FileChange["kind"] =>
  path.endsWith(".mdx")
    ? "lesson"
    : path.endsWith("quiz.yml") || path === "final-assessment.yml"
      ? "quiz"
      : path === "course.md"
        ? "course"
        : path.endsWith("module.md")
          ? "module"
          : path === "glossary.yml"
            ? "glossary"
            : "file";

/** What changed from one set of files to another, file by file, with a text diff of each. */
export function diffFiles(before: CourseFiles, after: CourseFiles): FileChange[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const a = before[path];
    const b = after[path];
    if (a === b) continue;
    const change = a === undefined ? "added" : b === undefined ? "removed" : "edited";
    const patch = structuredPatch(path, path, a ?? "", b ?? "", "", "", { context: 2 });
    changes.push({
      path,
      change,
      kind: kindOf(path),
      hunks: patch.hunks.map((h) => ({
        header: `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
        lines: h.lines,
      })),
    });
  }
  return changes;
}

/** Makes an old version's files the draft again; publishing it then creates a new version. */
export async function restoreVersion(
  db: Db,
  input: { courseId: string; userId: string; number: number },
): Promise<{ ok: true } | { ok: false; message: string }> {
  const files = await versionFiles(db, input.courseId, input.number);
  if (!files) return { ok: false, message: "There is no such version." };
  await db.$transaction(async (tx) => {
    const { files: draft, edited } = await draftOf(tx, input.courseId);
    const before = edited ? fileMap(draft) : {};
    await writeDraft(tx, input.courseId, input.userId, before, files);
  });
  return { ok: true };
}

export type ImportOutcome =
  { ok: true; slug: string; created: boolean; problems: Problem[] } | { ok: false; errors: string[] };

/**
 * Imports a course archive (see archive.server.ts) as a draft: into the course with the same
 * address when the user authors it, else as a new course they own. Nothing is published.
 */
export async function importCourse(
  db: Db,
  user: AuthUser,
  zip: { bytes: Uint8Array; filename: string },
): Promise<ImportOutcome> {
  const archive = importCourseZip(zip.bytes, undefined, { fileName: zip.filename });
  if (!archive.ok) return archive;
  const { problems } = validateFiles(archive.files, archive.slug);
  const existing = await db.course.findUnique({ where: { slug: archive.slug }, select: { id: true } });
  if (existing) {
    if (!(await authorRole(db, user, existing.id)))
      return {
        ok: false,
        errors: [
          `A course at /courses/${archive.slug} exists and you are not its author: rename the folder in the zip.`,
        ],
      };
    await db.$transaction(async (tx) => {
      const { files, edited } = await draftOf(tx, existing.id);
      await writeDraft(tx, existing.id, user.id, edited ? fileMap(files) : {}, archive.files);
    });
    return { ok: true, slug: archive.slug, created: false, problems };
  }
  const title = frontmatter(archive.files["course.md"])?.title;
  const created = await createCourse(db, user, {
    title: typeof title === "string" && title.trim() ? title.trim() : archive.slug,
    slug: archive.slug,
    files: archive.files,
  });
  if (!created.ok) return { ok: false, errors: [created.message] };
  return { ok: true, slug: created.slug, created: true, problems };
}
