// The compiled catalogue that `npm run build` writes to build/content/ and the server reads.
import type { CourseDef, LessonDef, ModuleDef } from "./load.server";

export type CatalogueLesson = Omit<LessonDef, "body" | "file"> & {
  /** The lesson as plain text, for search (absent from catalogues built before it was added). */
  text?: string;
};
export type CatalogueModule = Omit<ModuleDef, "lessons"> & { lessons: CatalogueLesson[] };
export type CatalogueCourse = Omit<CourseDef, "modules"> & {
  modules: CatalogueModule[];
  /** The published version's number, set when the catalogue is read from the database. */
  version?: number;
  /** Whether the course comes from the reviewed content/ folder (not only from the workspace). */
  reviewed?: boolean;
};
export type Catalogue = { courses: CatalogueCourse[] };

/** The catalogue of these courses; `plainText` turns a lesson's MDX body into the text search indexes. */
export function toCatalogue(courses: CourseDef[], plainText?: (body: string) => string): Catalogue {
  return {
    courses: courses.map((c) => ({
      ...c,
      modules: c.modules.map((m) => ({
        ...m,
        lessons: m.lessons.map(({ body, file: _f, ...l }) => (plainText ? { ...l, text: plainText(body) } : l)),
      })),
    })),
  };
}

/** The key of a course's final assessment; module quizzes are keyed by their module's slug. */
export const FINAL_QUIZ = "final";

/** The module quizzes of a course, in order: what must be passed before the final assessment. */
export function moduleQuizzes(course: CatalogueCourse): string[] {
  return course.modules.filter((m) => m.quiz).map((m) => m.slug);
}

/** The quizzes a learner must pass to complete the course: every module quiz, then the final assessment. */
export function requiredQuizzes(course: CatalogueCourse): string[] {
  return [...moduleQuizzes(course), ...(course.finalAssessment ? [FINAL_QUIZ] : [])];
}

/** Every lesson of a course in order, each with its module. */
export function flattenLessons(course: CatalogueCourse) {
  return course.modules.flatMap((module) => module.lessons.map((lesson) => ({ lesson, module })));
}
