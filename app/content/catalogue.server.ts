// The published catalogue as learners see it: each course's current version, read from the
// database and kept in this process's memory. `ensureCatalogue()` runs before every request and
// asks the database at most once a second whether anything was published since, so every app
// server sees a publication within a second without sharing a disk.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { db } from "~/db/db.server";
import {
  flattenLessons,
  type Catalogue,
  type CatalogueCourse,
  type CatalogueLesson,
  type CatalogueModule,
} from "./catalogue";
import {
  catalogueRevision,
  lessonCodeOf,
  publishedCatalogue,
  publishedCourseRowIds,
  type CourseRowIds,
} from "./versions.server";

/** Where the build writes the compiled content/ courses, which start-up imports as versions. */
export const contentBuildDir = () => process.env.CONTENT_BUILD_DIR ?? join(process.cwd(), "build/content");
export const catalogueFile = () => join(contentBuildDir(), "catalogue.json");

/** The catalogue compiled from content/ by the build (read at start-up only). */
export function readBuiltCatalogue(): Catalogue {
  return JSON.parse(readFileSync(catalogueFile(), "utf8")) as Catalogue;
}

const CHECK_EVERY_MS = 1000;
let state: { catalogue: Catalogue; rowIds: CourseRowIds; revision: string; checkedAt: number } | null = null;
let refreshing: Promise<void> | null = null;
const lessonCode = new Map<string, string>();

/** Loads the published catalogue, or reloads it when something was published since the last look. */
export function ensureCatalogue(now = Date.now()): Promise<void> {
  if (state && now - state.checkedAt < CHECK_EVERY_MS) return Promise.resolve();
  refreshing ??= (async () => {
    try {
      const revision = await catalogueRevision(db);
      if (state?.revision === revision) state.checkedAt = now;
      else {
        const [catalogue, rowIds] = await Promise.all([publishedCatalogue(db), publishedCourseRowIds(db)]);
        state = { catalogue, rowIds, revision, checkedAt: now };
      }
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The revision of the catalogue this process has loaded (changes with every publication). */
export function loadedCatalogueRevision(): string {
  return state?.revision ?? "";
}

export function getCatalogue(): Catalogue {
  if (!state) throw new Error("The catalogue is not loaded yet: call ensureCatalogue() first.");
  return state.catalogue;
}

/**
 * The database ids of a published course and of its lessons, kept with the catalogue so that a
 * lesson page needs no query to find them.
 */
export function courseRowIds(slug: string) {
  if (!state) throw new Error("The catalogue is not loaded yet: call ensureCatalogue() first.");
  return state.rowIds.get(slug);
}

export function findCourse(slug: string): CatalogueCourse | undefined {
  return getCatalogue().courses.find((c) => c.slug === slug);
}

export type LessonLocation = {
  course: CatalogueCourse;
  module: CatalogueModule;
  lesson: CatalogueLesson;
  index: number;
  previous: { lesson: CatalogueLesson; module: CatalogueModule } | null;
  next: { lesson: CatalogueLesson; module: CatalogueModule } | null;
};

export function findLesson(courseSlug: string, moduleSlug: string, lessonSlug: string): LessonLocation | undefined {
  const course = findCourse(courseSlug);
  if (!course) return undefined;
  const all = flattenLessons(course);
  const index = all.findIndex((l) => l.module.slug === moduleSlug && l.lesson.slug === lessonSlug);
  if (index < 0) return undefined;
  return { course, ...all[index], index, previous: all[index - 1] ?? null, next: all[index + 1] ?? null };
}

/** A lesson's compiled code; compiled code never changes for a hash, so it is cached for good. */
export async function getLessonCode(hash: string): Promise<string> {
  let code = lessonCode.get(hash);
  if (code === undefined) {
    code = (await lessonCodeOf(db, hash)) ?? "";
    if (!code) throw new Error(`No compiled code for lesson ${hash}.`);
    lessonCode.set(hash, code);
  }
  return code;
}
