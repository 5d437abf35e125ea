// What the quiz pages need: the course, its quiz, and the learner's enrolment, checked together.
import { redirect } from "@remix-run/node";
import { findCourse } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { findCourseRow } from "~/learning/courses.server";
import { getEnrollment } from "~/learning/progress.server";
import { findQuiz } from "./assessment.server";

export async function loadQuizForLearner(userId: string, courseSlug = "", quizKey = "") {
  const course = findCourse(courseSlug);
  const row = course ? await findCourseRow(db, course.slug) : null;
  const ref = course && row && !row.retired ? findQuiz(course, row.id, quizKey) : null;
  if (!course || !row || !ref) throw new Response("Not found", { status: 404 });
  if (!(await getEnrollment(db, userId, row.id))) throw redirect(`/courses/${course.slug}?enrol=required`);
  return { course, ref };
}

/** Where a learner goes after a quiz: the next module's first lesson, the final assessment, or the course page. */
export function afterQuizPath(course: NonNullable<ReturnType<typeof findCourse>>, quizKey: string): { path: string; label: string } {
  const index = course.modules.findIndex((m) => m.slug === quizKey);
  const next = index >= 0 ? course.modules[index + 1] : undefined;
  if (next) return { path: `/courses/${course.slug}/${next.slug}/${next.lessons[0].slug}`, label: `Continue with module ${index + 2}: ${next.title}` };
  if (index >= 0 && course.finalAssessment) return { path: `/courses/${course.slug}/quiz/final`, label: "Go to the final assessment" };
  return { path: `/courses/${course.slug}`, label: "Back to the course" };
}
