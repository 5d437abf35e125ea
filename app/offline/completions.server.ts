// A lesson completion made without a connection and sent later (POST /api/offline-completions):
// reading and checking the request. The completion itself is the learning domain's completeLesson,
// which counts a lesson once however often it arrives.
import { flattenLessons } from "~/content/catalogue";
import { courseRowIds, findCourse } from "~/content/catalogue.server";

export type OfflineCompletion = { course: string; lesson: string; completedAt: Date | null };

/** A refusal with its HTTP status and a reason a person can read. */
export type Refusal = { status: number; reason: string };

const MAX_BODY_CHARS = 4096;
const MAX_FIELD_CHARS = 300;
/** Clocks differ: a completion "from the future" is accepted up to a day ahead. */
const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** Reads `{ "course": "<slug>", "lesson": "<lesson key>", "completedAt": "<ISO 8601>" }`. */
export async function readOfflineCompletion(request: Request, now = new Date()): Promise<OfflineCompletion | Refusal> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") return { status: 415, reason: "Send the completion as application/json." };
  const text = await request.text();
  if (text.length > MAX_BODY_CHARS) return { status: 413, reason: "This completion is too large." };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: 400, reason: "The body is not valid JSON." };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { status: 400, reason: "Send one completion as a JSON object." };
  const { course, lesson, completedAt } = body as Record<string, unknown>;
  for (const [name, value] of [
    ["course", course],
    ["lesson", lesson],
  ] as const)
    if (typeof value !== "string" || value.length === 0 || value.length > MAX_FIELD_CHARS)
      return { status: 400, reason: `"${name}" must be a non-empty string.` };
  let at: Date | null = null;
  if (completedAt !== undefined && completedAt !== null) {
    at = typeof completedAt === "string" ? new Date(completedAt) : new Date(NaN);
    if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + CLOCK_SKEW_MS)
      return { status: 400, reason: '"completedAt" must be a date and time (ISO 8601) that has passed.' };
  }
  return { course: course as string, lesson: lesson as string, completedAt: at };
}

/** The database id of a current lesson of a published course, by course slug and lesson key. */
export function lessonIdOf(courseSlug: string, lessonKey: string): string | null {
  const course = findCourse(courseSlug);
  if (!course || !flattenLessons(course).some(({ lesson }) => lesson.key === lessonKey)) return null;
  return courseRowIds(course.slug)?.lessonIds.get(lessonKey) ?? null;
}
