// The authoring workspace: who may edit which course, the courses an author sees, and each
// course's draft — its files as rows, edited without changing what learners see until published.
// Saves use optimistic concurrency: a save based on an older revision of a file is refused with
// the newer text, so two authors never overwrite each other unknowingly.
import { createHash } from "node:crypto";
import type { AuthUser } from "~/auth/auth.server";
import { hasRole } from "~/auth/auth.server";
import type { CourseFiles } from "~/content/load.server";
import type { Db, DbClient } from "~/db/db.server";
import { problem, type Problem } from "~/i18n/problem";
import { newCourseFiles, slugify, type StructureResult } from "./structure";

export type AuthorRole = "owner" | "coauthor" | "admin";

export type AuthoredCourse = {
  id: string;
  slug: string;
  title: string;
  origin: string;
  role: AuthorRole;
  currentVersion: number | null;
};

/** How the user may edit the course: as its owner, a co-author, an admin — or not at all (null). */
export async function authorRole(db: DbClient, user: AuthUser, courseId: string): Promise<AuthorRole | null> {
  const row = await db.courseAuthor.findUnique({
    where: { courseId_userId: { courseId, userId: user.id } },
    select: { role: true },
  });
  if (row?.role === "owner" || row?.role === "coauthor") return row.role;
  return hasRole(user, "admin") ? "admin" : null;
}

/** The course at `slug` as the user may author it, or why not. */
export async function findAuthoredCourse(
  db: Db,
  user: AuthUser,
  slug: string,
): Promise<{ ok: true; course: AuthoredCourse } | { ok: false; reason: "not-found" | "forbidden" }> {
  const course = await db.course.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, origin: true, currentVersion: { select: { number: true } } },
  });
  if (!course) return { ok: false, reason: "not-found" };
  const role = await authorRole(db, user, course.id);
  if (!role) return { ok: false, reason: "forbidden" };
  const { currentVersion, ...rest } = course;
  return { ok: true, course: { ...rest, role, currentVersion: currentVersion?.number ?? null } };
}

/** The courses the user owns or co-authors (an admin sees every course), newest first. */
export async function authoredCourses(db: Db, user: AuthUser) {
  const rows = await db.course.findMany({
    where: hasRole(user, "admin") ? {} : { authors: { some: { userId: user.id } } },
    orderBy: [{ origin: "desc" }, { position: "asc" }],
    select: {
      id: true,
      slug: true,
      title: true,
      origin: true,
      retired: true,
      currentVersion: { select: { number: true, publishedAt: true } },
      authors: { where: { userId: user.id }, select: { role: true } },
      _count: { select: { draftFiles: true, enrollments: true } },
    },
  });
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    origin: r.origin,
    retired: r.retired,
    role: (r.authors[0]?.role ?? "admin") as AuthorRole,
    version: r.currentVersion?.number ?? null,
    publishedAt: r.currentVersion?.publishedAt ?? null,
    hasDraft: r._count.draftFiles > 0,
    learners: r._count.enrollments,
  }));
}

export type CreateCourseResult = { ok: true; slug: string } | { ok: false; field: "title" | "slug"; problem: Problem };

/** A problem of the authoring workspace (`authoring:problems.workspace.*`). */
const said = (key: string, values?: Problem["values"]) => problem(`authoring:problems.workspace.${key}`, values);

/**
 * Creates a course with a valid starter draft (or the given files); the creator becomes its
 * owner. Nothing is published.
 */
export async function createCourse(
  db: Db,
  user: AuthUser,
  input: { title: string; slug?: string; files?: CourseFiles },
): Promise<CreateCourseResult> {
  if (!hasRole(user, "instructor")) return { ok: false, field: "title", problem: said("instructorsOnly") };
  const slug = input.slug || slugify(input.title, "");
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 60)
    return { ok: false, field: "slug", problem: said("slugFormat") };
  const taken = await db.course.findUnique({ where: { slug }, select: { id: true } });
  if (taken) return { ok: false, field: "slug", problem: said("slugTaken") };
  const files = input.files ?? newCourseFiles(input.title);
  await db.$transaction(async (tx) => {
    const last = await tx.course.aggregate({ _max: { position: true } });
    const course = await tx.course.create({
      data: {
        slug,
        position: (last._max.position ?? 0) + 1,
        title: input.title,
        summary: "",
        outcomes: "[]",
        level: "introductory",
        language: "en",
        estimatedMinutes: 0,
        passMark: 70,
        contentHash: "",
        origin: "editor",
      },
    });
    await tx.courseAuthor.create({ data: { courseId: course.id, userId: user.id, role: "owner" } });
    await tx.draftFile.createMany({
      data: Object.entries(files).map(([path, body]) => ({ courseId: course.id, path, body, updatedById: user.id })),
    });
  });
  return { ok: true, slug };
}

export type DraftFileView = { path: string; body: string; revision: number; updatedAt: Date | null };

/**
 * The course's draft: its draft rows, or — when nobody has edited since the last publication —
 * the current version's files at revision 0 (the first save copies them into draft rows).
 */
export async function draftOf(db: DbClient, courseId: string): Promise<{ files: DraftFileView[]; edited: boolean }> {
  const rows = await db.draftFile.findMany({
    where: { courseId },
    orderBy: { path: "asc" },
    select: { path: true, body: true, revision: true, updatedAt: true },
  });
  if (rows.length) return { files: rows, edited: true };
  const version = await db.course.findUnique({
    where: { id: courseId },
    select: { currentVersion: { select: { files: true } } },
  });
  const files = version?.currentVersion ? (JSON.parse(version.currentVersion.files) as CourseFiles) : {};
  return {
    files: Object.entries(files)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, body]) => ({ path, body, revision: 0, updatedAt: null })),
    edited: false,
  };
}

export const fileMap = (files: DraftFileView[]): CourseFiles => Object.fromEntries(files.map((f) => [f.path, f.body]));

/** A stable fingerprint of a set of files, to tell whether a draft differs from a version. */
export function filesHash(files: CourseFiles): string {
  const h = createHash("sha256");
  for (const path of Object.keys(files).sort()) h.update(path).update("\0").update(files[path]).update("\0");
  return h.digest("hex");
}

/** Copies the current version's files into draft rows when the draft has none yet. */
async function materialise(tx: DbClient, courseId: string, userId: string) {
  const count = await tx.draftFile.count({ where: { courseId } });
  if (count) return;
  const { files } = await draftOf(tx, courseId);
  await tx.draftFile.createMany({
    data: files.map((f) => ({ courseId, path: f.path, body: f.body, updatedById: userId })),
  });
}

export type SaveResult =
  | { ok: true; revision: number }
  | { ok: false; conflict: { body: string; revision: number; updatedBy: string | null; updatedAt: Date } }
  | { ok: false; conflict: null; problem: Problem };

export const MAX_FILE_BYTES = 200_000;

/**
 * Saves one file of the draft if nobody saved it since `baseRevision` (the revision the author
 * started from); otherwise answers with the newer text so nothing is lost.
 */
export async function saveDraftFile(
  db: Db,
  userId: string,
  courseId: string,
  input: { path: string; body: string; baseRevision: number },
): Promise<SaveResult> {
  if (Buffer.byteLength(input.body) > MAX_FILE_BYTES)
    return { ok: false, conflict: null, problem: said("fileTooLarge", { size: MAX_FILE_BYTES / 1000 }) };
  return db.$transaction(async (tx) => {
    await materialise(tx, courseId, userId);
    const current = await tx.draftFile.findUnique({
      where: { courseId_path: { courseId, path: input.path } },
      select: { body: true, revision: true, updatedAt: true, updatedById: true },
    });
    if (!current) return { ok: false as const, conflict: null, problem: said("fileGone") };
    // A draft just copied from the version is at revision 1 and matches an edit started at 0.
    const base = Math.max(input.baseRevision, 1);
    if (current.revision !== base) {
      const who = current.updatedById
        ? await tx.user.findUnique({ where: { id: current.updatedById }, select: { name: true } })
        : null;
      return {
        ok: false as const,
        conflict: {
          body: current.body,
          revision: current.revision,
          updatedBy: who?.name ?? null,
          updatedAt: current.updatedAt,
        },
      };
    }
    const { count } = await tx.draftFile.updateMany({
      where: { courseId, path: input.path, revision: current.revision },
      data: { body: input.body, revision: { increment: 1 }, updatedById: userId },
    });
    if (count !== 1) return { ok: false as const, conflict: null, problem: said("fileChanged") };
    return { ok: true as const, revision: current.revision + 1 };
  });
}

/**
 * Applies a change to the draft's shape (see structure.ts) in one transaction: files that
 * disappeared are deleted, new or changed ones written, with their revisions bumped.
 */
export async function changeDraft(
  db: Db,
  userId: string,
  courseId: string,
  change: (files: CourseFiles) => StructureResult,
): Promise<{ ok: true } | { ok: false; problem: Problem }> {
  return db.$transaction(async (tx) => {
    await materialise(tx, courseId, userId);
    const { files } = await draftOf(tx, courseId);
    const before = fileMap(files);
    const result = change(before);
    if (!result.ok) return result;
    await writeDraft(tx, courseId, userId, before, result.files);
    return { ok: true as const };
  });
}

/** Replaces the draft's files with `next`, writing only what differs from `before`. */
export async function writeDraft(
  tx: DbClient,
  courseId: string,
  userId: string,
  before: CourseFiles,
  next: CourseFiles,
) {
  const gone = Object.keys(before).filter((p) => !(p in next));
  if (gone.length) await tx.draftFile.deleteMany({ where: { courseId, path: { in: gone } } });
  for (const [path, body] of Object.entries(next)) {
    if (before[path] === body) continue;
    await tx.draftFile.upsert({
      where: { courseId_path: { courseId, path } },
      create: { courseId, path, body, updatedById: userId },
      update: { body, revision: { increment: 1 }, updatedById: userId },
    });
  }
}

/** Throws the draft away: the workspace shows the published version again. */
export async function discardDraft(db: Db, courseId: string) {
  await db.draftFile.deleteMany({ where: { courseId } });
}

export async function courseAuthors(db: Db, courseId: string) {
  return db.courseAuthor.findMany({
    where: { courseId },
    orderBy: [{ role: "desc" }, { addedAt: "asc" }],
    select: { role: true, addedAt: true, user: { select: { id: true, name: true, email: true } } },
  });
}

/** What became of a change to a course's authors, to say either way. */
export type AuthorChange = { ok: boolean; message: Problem };

/** Owners (and admins) add co-authors by e-mail; the person must be an instructor. */
export async function addCoauthor(db: Db, courseId: string, email: string): Promise<AuthorChange> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, isInstructor: true, isAdmin: true },
  });
  if (!user) return { ok: false, message: said("noAccount") };
  if (!user.isInstructor && !user.isAdmin) return { ok: false, message: said("notInstructor", { name: user.name }) };
  const existing = await db.courseAuthor.findUnique({ where: { courseId_userId: { courseId, userId: user.id } } });
  if (existing) return { ok: false, message: said("alreadyAuthor", { name: user.name }) };
  await db.courseAuthor.create({ data: { courseId, userId: user.id, role: "coauthor" } });
  return { ok: true, message: said("coauthorAdded", { name: user.name }) };
}

export async function removeCoauthor(db: Db, courseId: string, userId: string): Promise<AuthorChange> {
  const { count } = await db.courseAuthor.deleteMany({ where: { courseId, userId, role: "coauthor" } });
  return count ? { ok: true, message: said("coauthorRemoved") } : { ok: false, message: said("notCoauthor") };
}
