// Who may open what in a course, in one place: the course lookup (404 for unknown or retired
// courses), the open first lesson, and "enrol first". Loaders and actions call these guards and
// receive the course, its row, the learner's enrolment and plain flags for the page.
import { redirect } from "@remix-run/node";
import { findQuiz } from "~/assessments/assessment.server";
import { requireUser, getUser, type Auth } from "~/auth/auth.server";
import { courseRowIds, findCourse, findLesson } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { paths } from "~/paths";
import { isPreviewLesson } from "./flow";
import { enrolmentProgress } from "./progress.server";

type Ctx = { auth?: Auth };

/** The published course with this slug, its row id and the visitor's enrolment (if signed in). */
export async function requireCourse(context: Ctx, slug: string | undefined) {
  const course = slug ? findCourse(slug) : undefined;
  const ids = course && courseRowIds(course.slug);
  if (!course || !ids) notFound("There is no course at this address.");
  const user = getUser(context);
  const enrollment = user
    ? await db.enrollment.findUnique({ where: { userId_courseId: { userId: user.id, courseId: ids.id } } })
    : null;
  return { course, row: { id: ids.id }, user, enrollment };
}

/**
 * A lesson the visitor may read: the course's first lesson is open to everyone; any other needs
 * a signed-in, enrolled learner (else a redirect to log in, or to the course page to enrol).
 * The course and lesson ids come with the catalogue; the enrolment and the lessons done are read
 * in one statement (the lesson page is the busiest page of all).
 */
export async function requireLessonAccess(
  request: Request,
  context: Ctx,
  params: { course?: string; module?: string; lesson?: string },
) {
  const loc =
    findLesson(params.course ?? "", params.module ?? "", params.lesson ?? "") ??
    notFound("There is no lesson at this address.");
  const ids = courseRowIds(loc.course.slug);
  const lessonId = ids?.lessonIds.get(loc.lesson.key) ?? notFound("There is no lesson at this address.");
  const user = getUser(context);
  const { enrollment, done } = user
    ? await enrolmentProgress(db, user.id, ids!.id)
    : { enrollment: null, done: new Set<string>() };
  const isPreview = isPreviewLesson(loc.index);
  if (!isPreview) {
    requireUser(request, context);
    if (!enrollment) throw redirect(paths.course(loc.course, { enrol: "required" }));
  }
  return {
    loc,
    course: loc.course,
    lessonId,
    user,
    enrollment,
    done,
    isPreview,
    canComplete: Boolean(user) || isPreview,
  };
}

/** A quiz of a course the signed-in learner is enrolled in. */
export async function requireEnrolledQuiz(request: Request, context: Ctx, params: { course?: string; quiz?: string }) {
  const user = requireUser(request, context);
  const { course, row, enrollment } = await requireCourse(context, params.course);
  const ref = findQuiz(course, row.id, params.quiz ?? "") ?? notFound("This course has no quiz at this address.");
  if (!enrollment) throw redirect(paths.course(course, { enrol: "required" }));
  return { user, course, row, enrollment, ref };
}
