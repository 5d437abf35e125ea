// POST /api/offline-completions: a lesson completed without a connection, sent by the service worker
// (public/sw.js) once the connection returns. JSON in and out; signed in only; same-origin only
// (scripts/server.ts refuses cross-origin writes, and JSON cannot be posted across sites without a
// preflight). Idempotent: completeLesson counts a lesson once, so a lesson completed online
// meanwhile, on another device, or sent twice is not counted again.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { NotEnrolledError, completeLesson } from "~/learning/progress.server";
import { lessonIdOf, readOfflineCompletion } from "~/offline/completions.server";

const refuse = (status: number, reason: string, headers: Record<string, string> = {}) =>
  Response.json({ error: reason }, { status, headers: { "Cache-Control": "no-store", ...headers } });

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return refuse(405, "Send completions with POST.", { Allow: "POST" });
  const user = getUser(context);
  if (!user) return refuse(401, "Log in to record lesson completions.");
  const completion = await readOfflineCompletion(request);
  if ("reason" in completion) return refuse(completion.status, completion.reason);
  const lessonId = lessonIdOf(completion.course, completion.lesson);
  if (!lessonId) return refuse(404, "There is no such lesson in a published course.");
  try {
    const { newlyCompleted, enrollment } = await completeLesson(db, user.id, lessonId);
    return Response.json(
      { status: newlyCompleted ? "recorded" : "already-recorded", percent: enrollment.percent },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    // The same answer whether or not anyone else is enrolled: nothing about others is told.
    if (e instanceof NotEnrolledError) return refuse(404, "You are not enrolled in this course.");
    throw e;
  }
}

export function loader() {
  return refuse(405, "Send completions with POST.", { Allow: "POST" });
}
