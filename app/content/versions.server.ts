// Published course versions. Every publication — of a course in content/ at start, from the
// authoring workspace, from an imported archive — creates an immutable version holding the
// course's files and its compiled catalogue entry; compiled lessons are stored once per hash.
// Learners see each course's current version; several app servers read the same database.
import { record, type AuditActor } from "~/audit/audit.server";
import type { Db, DbClient } from "~/db/db.server";
import { unindexCourse } from "~/search/search.server";
import type { Catalogue, CatalogueCourse } from "./catalogue";
import type { CourseFiles } from "./load.server";
import { syncCourse, syncedHash } from "./sync.server";

export type VersionOrigin = "content" | "editor" | "import" | "restore";

export type PublishInput = {
  course: CatalogueCourse;
  files: CourseFiles;
  /** Compiled code of the course's lessons, by lesson hash (lessons already stored may be left out). */
  code: Map<string, string>;
  changeNote: string;
  origin: VersionOrigin;
  publishedById?: string | null;
  /** Who published, for the audit log (a publication by a person; content/ imports at start have none). */
  audit?: AuditActor;
};

/** Stores a new version and makes it the one learners see, with the course tables, in one transaction. */
export async function publishVersion(db: Db, input: PublishInput) {
  const hashes = [...new Set(input.course.modules.flatMap((m) => m.lessons.map((l) => l.hash)))];
  return db.$transaction(async (tx) => {
    const stored = new Set(
      (await tx.lessonCode.findMany({ where: { hash: { in: hashes } }, select: { hash: true } })).map((r) => r.hash),
    );
    const missing = hashes.filter((h) => !stored.has(h));
    for (const hash of missing) {
      const code = input.code.get(hash);
      if (code === undefined) throw new Error(`The compiled code of lesson ${hash} is missing.`);
      await tx.lessonCode.create({ data: { hash, code } });
    }
    const existing = await tx.course.findUnique({ where: { slug: input.course.slug }, select: { id: true } });
    const courseId = existing?.id ?? (await syncCourse(tx, input.course));
    const last = await tx.courseVersion.findFirst({
      where: { courseId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const version = await tx.courseVersion.create({
      data: {
        courseId,
        number: (last?.number ?? 0) + 1,
        contentHash: input.course.hash,
        files: JSON.stringify(input.files),
        catalogue: JSON.stringify(input.course),
        changeNote: input.changeNote,
        origin: input.origin,
        publishedById: input.publishedById ?? null,
      },
      select: { id: true, number: true },
    });
    await syncCourse(tx, input.course, { currentVersionId: version.id });
    if (input.audit)
      await record(tx, {
        actor: input.audit,
        action: "course.published",
        subject: { type: "course", id: courseId },
        details: { slug: input.course.slug, version: version.number, origin: input.origin },
      });
    return { courseId, ...version };
  });
}

/**
 * Imports the courses of content/ (as compiled by the build) as new versions where their content
 * changed since they were last imported; retires content courses that left the folder. A course
 * published from the workspace stays current until its file in content/ changes again.
 */
export async function importContentCourses(
  db: Db,
  catalogue: Catalogue,
  source: { files(slug: string): CourseFiles; code(hash: string): string },
) {
  const imported: string[] = [];
  for (const course of catalogue.courses) {
    const row = await db.course.findUnique({
      where: { slug: course.slug },
      select: {
        id: true,
        retired: true,
        contentHash: true,
        currentVersion: { select: { id: true, catalogue: true, contentHash: true } },
        versions: {
          where: { origin: "content" },
          orderBy: { number: "desc" },
          take: 1,
          select: { contentHash: true },
        },
      },
    });
    if (!row || row.versions[0]?.contentHash !== course.hash) {
      const code = new Map(
        course.modules.flatMap((m) => m.lessons.map((l) => [l.hash, source.code(l.hash)] as [string, string])),
      );
      await publishVersion(db, {
        course,
        files: source.files(course.slug),
        code,
        changeNote: "Imported from the content folder.",
        origin: "content",
      });
      imported.push(course.slug);
    } else if (
      row.currentVersion &&
      (row.retired || row.contentHash !== syncedHash({ hash: row.currentVersion.contentHash }))
    ) {
      // Same content, but the tables were retired or written by an older sync: write them again.
      const current = JSON.parse(row.currentVersion.catalogue) as CatalogueCourse;
      await db.$transaction((tx) => syncCourse(tx, { ...current, position: course.position }));
      imported.push(course.slug);
    }
  }
  const slugs = catalogue.courses.map((c) => c.slug);
  const gone = await db.course.findMany({
    where: { origin: "content", retired: false, slug: { notIn: slugs } },
    select: { id: true },
  });
  for (const { id } of gone)
    await db.$transaction(async (tx) => {
      await tx.course.update({ where: { id }, data: { retired: true } });
      await unindexCourse(tx, id);
    });
  return { imported, retired: gone.length };
}

/** What tells the app servers the published catalogue changed: cheap enough to ask every second. */
export async function catalogueRevision(db: DbClient): Promise<string> {
  const r = await db.course.aggregate({ _max: { updatedAt: true }, _count: { _all: true } });
  return `${r._count._all}:${r._max.updatedAt?.getTime() ?? 0}`;
}

/** The catalogue learners see: each live course's current version, in order. */
export async function publishedCatalogue(db: DbClient): Promise<Catalogue> {
  const rows = await db.course.findMany({
    where: { retired: false, currentVersionId: { not: null } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: { origin: true, currentVersion: { select: { catalogue: true, number: true } } },
  });
  return {
    courses: rows.map((r) => ({
      ...(JSON.parse(r.currentVersion!.catalogue) as CatalogueCourse),
      version: r.currentVersion!.number,
      reviewed: r.origin === "content",
    })),
  };
}

/** The database ids of the published courses and of their lessons (by key), by course slug. */
export type CourseRowIds = Map<string, { id: string; lessonIds: Map<string, string> }>;

export async function publishedCourseRowIds(db: DbClient): Promise<CourseRowIds> {
  const rows = await db.course.findMany({
    where: { retired: false, currentVersionId: { not: null } },
    select: { id: true, slug: true, lessons: { where: { retired: false }, select: { id: true, key: true } } },
  });
  return new Map(rows.map((r) => [r.slug, { id: r.id, lessonIds: new Map(r.lessons.map((l) => [l.key, l.id])) }]));
}

export async function lessonCodeOf(db: DbClient, hash: string): Promise<string | null> {
  return (await db.lessonCode.findUnique({ where: { hash } }))?.code ?? null;
}
