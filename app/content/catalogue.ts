// The compiled catalogue that `npm run build` writes to build/content/ and the server reads.
import type { CourseDef, LessonDef, ModuleDef } from "./load.server";

export type CatalogueLesson = Omit<LessonDef, "body" | "file">;
export type CatalogueModule = Omit<ModuleDef, "lessons"> & { lessons: CatalogueLesson[] };
export type CatalogueCourse = Omit<CourseDef, "modules"> & { modules: CatalogueModule[] };
export type Catalogue = { courses: CatalogueCourse[] };

export function toCatalogue(courses: CourseDef[]): Catalogue {
  return {
    courses: courses.map((c) => ({
      ...c,
      modules: c.modules.map((m) => ({ ...m, lessons: m.lessons.map(({ body: _b, file: _f, ...l }) => l) })),
    })),
  };
}
