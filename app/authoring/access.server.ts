// Who may use the authoring workspace, for routes: instructors and admins see it; a course's
// pages are for its owner, its co-authors and admins (404 for unknown courses, 403 for others).
import { requireRole, type Auth } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { httpError, notFound } from "~/http/errors.server";
import { languageFor } from "~/i18n/i18n.server";
import { translator } from "~/i18n/translator.server";
import { findAuthoredCourse } from "./workspace.server";

type Ctx = { auth?: Auth };

/** Why the page is refused, in the reader's language (`authoring:problems.access.*`). */
const refusal = async (request: Request, user: { language: string | null }, key: string) =>
  translator(await languageFor(request, user), "authoring")(`problems.access.${key}`);

/** The signed-in instructor or admin (else a redirect to log in, or 403). */
export const requireAuthor = (request: Request, context: Ctx) => requireRole(request, context, "instructor");

/** The course the signed-in user may author, with their role on it. */
export async function requireAuthoredCourse(request: Request, context: Ctx, slug: string | undefined) {
  const user = await requireAuthor(request, context);
  const found = await findAuthoredCourse(db, user, slug ?? "");
  if (!found.ok) {
    if (found.reason === "not-found") notFound(await refusal(request, user, "noCourse"));
    throw httpError(403, await refusal(request, user, "notAuthor"));
  }
  return { user, course: found.course };
}

/** For what only the course's owner (or an admin) may do: managing co-authors. */
export async function requireCourseOwner(request: Request, context: Ctx, slug: string | undefined) {
  const found = await requireAuthoredCourse(request, context, slug);
  if (found.course.role === "coauthor") throw httpError(403, await refusal(request, found.user, "ownerOnly"));
  return found;
}
