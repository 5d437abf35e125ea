// The compiled catalogue, read once per process from build/content (written by `npm run build`).
// Requests only ever read compiled lessons; nothing here compiles MDX.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  flattenLessons,
  type Catalogue,
  type CatalogueCourse,
  type CatalogueLesson,
  type CatalogueModule,
} from "./catalogue";

/** Where the build writes the compiled catalogue and lessons, and the server reads them. */
export const contentBuildDir = () => process.env.CONTENT_BUILD_DIR ?? join(process.cwd(), "build/content");
export const catalogueFile = () => join(contentBuildDir(), "catalogue.json");

let catalogue: Catalogue | null = null;
const lessonCode = new Map<string, string>();

export function getCatalogue(): Catalogue {
  catalogue ??= JSON.parse(readFileSync(catalogueFile(), "utf8")) as Catalogue;
  return catalogue;
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

export function getLessonCode(hash: string): string {
  let code = lessonCode.get(hash);
  if (!code) {
    code = readFileSync(join(contentBuildDir(), "lessons", `${hash}.js`), "utf8");
    lessonCode.set(hash, code);
  }
  return code;
}
