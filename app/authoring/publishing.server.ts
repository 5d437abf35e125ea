// From draft to published version: validation with every problem's place, publication (compiling
// changed lessons, then one new immutable version), version history with a readable diff, and
// restoring an old version as a new draft.
import { structuredPatch } from "diff";
import type { AuthUser } from "~/auth/auth.server";
import { toCatalogue, type CatalogueCourse } from "~/content/catalogue";
import { loadCourse, type CourseDef, type CourseFiles, type Problem } from "~/content/load.server";
import { publishVersion } from "~/content/versions.server";
import type { Db } from "~/db/db.server";
import { problem, type Problem as Said } from "~/i18n/problem";
import { importCourseZip } from "./archive.server";
import { frontmatter } from "./structure";
import { authorRole, createCourse, draftOf, fileMap, filesHash, writeDraft } from "./workspace.server";

/**
 * Checks and compiles one lesson file (MDX; its frontmatter is left aside with its lines kept), giving
 * the compiled code and the plain text for search; the workspace passes the sandboxed compiler.
 */
export type CompileLesson = (
  source: string,
) => Promise<{ ok: true; code: string; text: string } | { ok: false; problems: Omit<Problem, "file">[] }>;

export type CheckedDraft = {
  /** The course, when it has no problem at all. */
  course: CourseDef | null;
  problems: Problem[];
  /** Each lesson file that compiled, by path. */
  lessons: Map<string, { code: string; text: string }>;
};

const byPlace = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;

/**
 * Every problem of a course's files: structure, frontmatter, quizzes and glossary here, each lesson's
 * MDX in `compile` — off the request thread, since the text is untrusted.
 */
export async function checkDraft(
  files: CourseFiles,
  slug: string,
  compile: CompileLesson,
  position = 0,
): Promise<CheckedDraft> {
  const { course, problems } = loadCourse(files, { slug, position, lessonMdx: "elsewhere" });
  const lessons: CheckedDraft["lessons"] = new Map();
  // One lesson at a time: the compiler's queue is short, and other authors' previews share it.
  for (const path of Object.keys(files)
    .filter((p) => p.endsWith(".mdx"))
    .sort()) {
    const result = await compile(files[path]);
    if (result.ok) lessons.set(path, { code: result.code, text: result.text });
    else problems.push(...result.problems.map((p) => ({ file: path, ...p })));
  }
  return { course: problems.length ? null : course, problems: problems.sort(byPlace), lessons };
}

export type PublishResult = { ok: true; version: number } | { ok: false; problems: Problem[]; refusal: Said };

/** A problem of publishing (`authoring:problems.publishing.*`), worded by the page. */
const said = (key: string, values?: Said["values"]) => problem(`authoring:problems.publishing.${key}`, values);

/**
 * Publishes the draft: validates every file, compiles the lessons not compiled before, and stores
 * a new version learners see from their next page view. Nothing is written when anything fails.
 */
export async function publishDraft(
  db: Db,
  compile: CompileLesson,
  input: { courseId: string; slug: string; userId: string; changeNote: string; ip?: string | null },
): Promise<PublishResult> {
  const { files, edited } = await draftOf(db, input.courseId);
  if (!edited) return { ok: false, problems: [], refusal: said("nothingNew") };
  const map = fileMap(files);
  const course = await db.course.findUniqueOrThrow({
    where: { id: input.courseId },
    select: { position: true, currentVersion: { select: { files: true } } },
  });
  if (course.currentVersion && filesHash(JSON.parse(course.currentVersion.files) as CourseFiles) === filesHash(map))
    return { ok: false, problems: [], refusal: said("sameAsPublished") };
  const { course: def, problems, lessons: compiled } = await checkDraft(map, input.slug, compile, course.position);
  if (!def) return { ok: false, problems, refusal: said("fixProblems") };

  const lessons = def.modules.flatMap((m) => m.lessons);
  const known = new Set(
    (await db.lessonCode.findMany({ where: { hash: { in: lessons.map((l) => l.hash) } }, select: { hash: true } })).map(
      (r) => r.hash,
    ),
  );
  const code = new Map<string, string>();
  const texts = new Map<string, string>();
  for (const lesson of lessons) {
    const result = compiled.get(lesson.file)!;
    texts.set(lesson.body, result.text);
    if (!known.has(lesson.hash)) code.set(lesson.hash, result.code);
  }
  const [entry] = toCatalogue([def], (body) => texts.get(body) ?? "").courses as CatalogueCourse[];
  const version = await publishVersion(db, {
    course: entry,
    files: map,
    code,
    changeNote: input.changeNote,
    origin: "editor",
    publishedById: input.userId,
    audit: { id: input.userId, label: "author", ip: input.ip ?? null },
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
): Promise<{ ok: true } | { ok: false; problem: Said }> {
  const files = await versionFiles(db, input.courseId, input.number);
  if (!files) return { ok: false, problem: said("noVersion") };
  await db.$transaction(async (tx) => {
    const { files: draft, edited } = await draftOf(tx, input.courseId);
    const before = edited ? fileMap(draft) : {};
    await writeDraft(tx, input.courseId, input.userId, before, files);
  });
  return { ok: true };
}

/** An import's outcome; a refused archive says why in `errors` (archive.server.ts), anything else in `problem`. */
export type ImportOutcome =
  | { ok: true; slug: string; created: boolean; problems: Problem[] }
  | { ok: false; errors: Said[] }
  | { ok: false; problem: Said };

/**
 * Imports a course archive (see archive.server.ts) as a draft: into the course with the same
 * address when the user authors it, else as a new course they own. Nothing is published.
 */
export async function importCourse(
  db: Db,
  compile: CompileLesson,
  user: AuthUser,
  zip: { bytes: Uint8Array; filename: string },
): Promise<ImportOutcome> {
  const archive = importCourseZip(zip.bytes, undefined, { fileName: zip.filename });
  if (!archive.ok) return archive;
  const { problems } = await checkDraft(archive.files, archive.slug, compile);
  const existing = await db.course.findUnique({ where: { slug: archive.slug }, select: { id: true } });
  if (existing) {
    if (!(await authorRole(db, user, existing.id)))
      return { ok: false, problem: said("notYourCourse", { slug: archive.slug }) };
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
  if (!created.ok) return { ok: false, problem: created.problem };
  return { ok: true, slug: created.slug, created: true, problems };
}
