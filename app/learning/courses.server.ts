// Course listings for the home page, the catalogue and "My learning", read from the synced course
// tables and the enrolments' stored progress; covers come from the compiled catalogue.
import { flattenLessons } from "~/content/catalogue";
import { findCourse } from "~/content/catalogue.server";
import type { Db } from "~/db/db.server";
import { resumePath } from "./flow";

export type CatalogueFilters = { topic?: string; level?: string; language?: string };

/** Courses learners can find: published, and not retired. */
const LIVE = { retired: false, currentVersionId: { not: null } };

export async function listCourses(db: Db, filters: CatalogueFilters, userId: string | null) {
  const courses = await db.course.findMany({
    where: {
      ...LIVE,
      level: filters.level || undefined,
      language: filters.language || undefined,
      topics: filters.topic ? { some: { topic: filters.topic } } : undefined,
    },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      title: true,
      summary: true,
      level: true,
      language: true,
      estimatedMinutes: true,
      origin: true,
      moduleCount: true,
      lessonCount: true,
      topics: { select: { topic: true } },
      enrollments: userId ? { where: { userId }, select: { percent: true } } : false,
    },
  });
  return courses.map(({ enrollments, topics, origin, ...c }) => ({
    ...c,
    reviewed: origin === "content",
    cover: coverOf(c.slug),
    topics: topics.map((t) => t.topic),
    progress: enrollments && enrollments[0] ? enrollments[0].percent : null,
  }));
}

/** The values the catalogue can be filtered by. */
export async function catalogueFacets(db: Db) {
  const [topics, courses] = await Promise.all([
    db.courseTopic.findMany({
      where: { course: LIVE },
      distinct: ["topic"],
      orderBy: { topic: "asc" },
      select: { topic: true },
    }),
    db.course.findMany({ where: LIVE, select: { level: true, language: true } }),
  ]);
  const order = ["introductory", "intermediate", "advanced"];
  return {
    topics: topics.map((t) => t.topic),
    levels: [...new Set(courses.map((c) => c.level))].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    languages: [...new Set(courses.map((c) => c.language))].sort(),
  };
}

/** A course's row with the learner's enrolment (an empty list when there is none or no learner). */
export function findCourseRow(db: Db, slug: string, userId: string | null) {
  return db.course.findUnique({
    where: { slug },
    select: { id: true, retired: true, lessonCount: true, enrollments: { where: { userId: userId ?? "" }, take: 1 } },
  });
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
