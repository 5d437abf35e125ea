// Course listings for the home page, the catalogue and "My learning", read from the synced course
// tables and the enrolments' stored progress; covers come from the compiled catalogue.
import { flattenLessons, type CatalogueCourse } from "~/content/catalogue";
import { courseRowIds, findCourse, getCatalogue } from "~/content/catalogue.server";
import type { Db } from "~/db/db.server";
import { resumePath } from "./flow";

export type CatalogueFilters = { topic?: string; level?: string; language?: string };

/** A course and its translations share a family: the original's slug. */
const familyOf = (course: CatalogueCourse) => course.translationOf ?? course.slug;

/**
 * The published courses, filtered, from the catalogue kept in memory (no query), with the
 * learner's progress in each (one query when signed in).
 *
 * A course and its translations are one entry, shown in the first of: the language the learner is
 * enrolled in, the interface language `language`, the original's; the entry names the other
 * languages it exists in. Entries that exist in the interface language come first. Filtering by a
 * language lists every course written in it instead.
 */
export async function listCourses(db: Db, filters: CatalogueFilters, userId: string | null, language = "en") {
  const all = getCatalogue().courses;
  const matching = all.filter(
    (c) =>
      (!filters.level || c.level === filters.level) &&
      (!filters.language || c.language === filters.language) &&
      (!filters.topic || c.topics.includes(filters.topic)),
  );
  const progress = new Map(
    userId && matching.length > 0
      ? (await db.enrollment.findMany({ where: { userId }, select: { courseId: true, percent: true } })).map((e) => [
          e.courseId,
          e.percent,
        ])
      : [],
  );
  const idOf = (c: CatalogueCourse) => courseRowIds(c.slug)?.id ?? c.slug;
  const families = new Map<string, CatalogueCourse[]>();
  for (const c of matching) families.set(familyOf(c), [...(families.get(familyOf(c)) ?? []), c]);
  const shown = filters.language
    ? matching
    : [...families.values()]
        .map(
          (members) =>
            members.find((c) => progress.has(idOf(c))) ??
            members.find((c) => c.language === language) ??
            members.find((c) => !c.translationOf) ??
            members[0]!,
        )
        .map((c, position) => ({ c, position }))
        .sort(
          (a, b) => Number(b.c.language === language) - Number(a.c.language === language) || a.position - b.position,
        )
        .map(({ c }) => c);
  return shown.map((c) => {
    const id = idOf(c);
    return {
      id,
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      level: c.level,
      language: c.language,
      estimatedMinutes: c.estimatedMinutes,
      moduleCount: c.modules.length,
      lessonCount: flattenLessons(c).length,
      reviewed: Boolean(c.reviewed),
      cover: coverOf(c.slug),
      topics: c.topics,
      progress: progress.get(id) ?? null,
      /** The same course in other languages: each language's title, written in it. */
      otherLanguages: courseTranslations(c.slug),
    };
  });
}

/** The same course in other languages (its original and translations), each with its title. */
export function courseTranslations(slug: string) {
  const all = getCatalogue().courses;
  const course = all.find((c) => c.slug === slug);
  if (!course) return [];
  return all
    .filter((o) => o !== course && familyOf(o) === familyOf(course))
    .map((o) => ({ slug: o.slug, language: o.language, title: o.title }));
}

/** The values the catalogue can be filtered by, from the published courses. */
export function catalogueFacets() {
  const courses = getCatalogue().courses;
  const order = ["introductory", "intermediate", "advanced"];
  return {
    topics: [...new Set(courses.flatMap((c) => c.topics))].sort(),
    levels: [...new Set(courses.map((c) => c.level))].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    languages: [...new Set(courses.map((c) => c.language))].sort(),
  };
}

/** The learner's enrolments with their stored progress, most recently active first. */
export async function myEnrollments(db: Db, userId: string) {
  return db.enrollment.findMany({
    where: { userId, course: { retired: false } },
    orderBy: { lastActivityAt: "desc" },
    select: {
      percent: true,
      completedLessons: true,
      currentLessonKey: true,
      lastActivityAt: true,
      completedAt: true,
      courseId: true,
      course: { select: { slug: true, title: true, summary: true, lessonCount: true, estimatedMinutes: true } },
    },
  });
}

/** The cover illustration a course's course.md names, if any. */
function coverOf(slug: string): string | null {
  return findCourse(slug)?.cover ?? null;
}

/** The course to start with: the shortest introductory course (the first listed on a tie). */
export function starterCourse<C extends { level: string; estimatedMinutes: number; reviewed?: boolean }>(
  courses: C[],
): C | null {
  // The academy's reviewed courses come first: a course just published from the workspace is
  // recommended only when no reviewed introductory course exists.
  const pick = (list: C[]) =>
    list
      .filter((c) => c.level === "introductory")
      .reduce<C | null>((best, c) => (best && best.estimatedMinutes <= c.estimatedMinutes ? best : c), null);
  return pick(courses.filter((c) => c.reviewed !== false)) ?? pick(courses);
}

/** The learner's unfinished courses, most recently active first, each with where "Continue" leads. */
export async function continueLearning(db: Db, userId: string, limit = 2) {
  const enrollments = (await myEnrollments(db, userId)).filter((e) => !e.completedAt);
  const courses = enrollments.flatMap((e) => {
    const course = findCourse(e.course.slug);
    if (!course) return [];
    const lessons = flattenLessons(course);
    const next = (lessons.find((l) => l.lesson.key === e.currentLessonKey) ?? lessons[0])?.lesson;
    return [
      {
        slug: course.slug,
        title: course.title,
        cover: course.cover ?? null,
        percent: e.percent,
        nextLesson: next?.title ?? null,
        continuePath: resumePath(course, e.currentLessonKey),
      },
    ];
  });
  return courses.slice(0, limit);
}
