// Who may use the authoring workspace, for routes: instructors and admins see it; a course's
// pages are for its owner, its co-authors and admins (404 for unknown courses, 403 for others).
import { requireRole, type Auth } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { httpError, notFound } from "~/http/errors.server";
import { findAuthoredCourse } from "./workspace.server";

type Ctx = { auth?: Auth };

/** The signed-in instructor or admin (else a redirect to log in, or 403). */
export const requireAuthor = (request: Request, context: Ctx) => requireRole(request, context, "instructor");

/** The course the signed-in user may author, with their role on it. */
export async function requireAuthoredCourse(request: Request, context: Ctx, slug: string | undefined) {
  const user = requireAuthor(request, context);
  const found = await findAuthoredCourse(db, user, slug ?? "");
  if (!found.ok) {
    if (found.reason === "not-found") notFound("There is no course at this address.");
    throw httpError(403, "You are not an author of this course. Its owner can add you as a co-author.");
  }
  return { user, course: found.course };
}

/** For what only the course's owner (or an admin) may do: managing co-authors. */
export async function requireCourseOwner(request: Request, context: Ctx, slug: string | undefined) {
  const found = await requireAuthoredCourse(request, context, slug);
  if (found.course.role === "coauthor") throw httpError(403, "Only the course's owner can do this.");
  return found;
}
