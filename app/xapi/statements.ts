// xAPI 1.0.3 statements for the academy's learning events, as plain data. Pure: the caller gives
// the public origin, the clock and the ids, so statements are the same wherever they are built.
// The actor is the learner's account on this site (never an e-mail address); activities are
// identified by their public URLs.
import { paths } from "~/paths";

export const XAPI_VERSION = "1.0.3";

const ADL = "http://adlnet.gov/expapi/verbs/";
export const VERBS = {
  registered: `${ADL}registered`,
  experienced: `${ADL}experienced`,
  completed: `${ADL}completed`,
  attempted: `${ADL}attempted`,
  passed: `${ADL}passed`,
  failed: `${ADL}failed`,
} as const;
export type VerbName = keyof typeof VERBS;

export const ACTIVITY_TYPES = {
  course: "http://adlnet.gov/expapi/activities/course",
  lesson: "http://adlnet.gov/expapi/activities/lesson",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
} as const;

export type Activity = {
  objectType: "Activity";
  id: string;
  definition: { type: string; name: Record<string, string> };
};

export type Statement = {
  id: string;
  version: typeof XAPI_VERSION;
  timestamp: string;
  actor: { objectType: "Agent"; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: Activity;
  result?: {
    score?: { scaled: number; raw: number; min: number; max: number };
    success?: boolean;
    completion?: boolean;
  };
  context?: {
    platform: string;
    language?: string;
    contextActivities: { parent: Activity[]; grouping: Activity[] };
  };
};

type CourseRef = { slug: string; title: string; language?: string };
type Base = { origin: string; userId: string; id: string; timestamp: Date };

const name = (text: string, language = "en") => ({ [language]: text });

export function courseActivity(origin: string, course: CourseRef): Activity {
  return {
    objectType: "Activity",
    id: `${origin}${paths.course(course)}`,
    definition: { type: ACTIVITY_TYPES.course, name: name(course.title, course.language) },
  };
}

export function lessonActivity(
  origin: string,
  course: CourseRef,
  lesson: { moduleSlug: string; slug: string; title: string },
): Activity {
  return {
    objectType: "Activity",
    id: `${origin}${paths.lesson(course, { slug: lesson.moduleSlug }, lesson)}`,
    definition: { type: ACTIVITY_TYPES.lesson, name: name(lesson.title, course.language) },
  };
}

export function quizActivity(origin: string, course: CourseRef, quiz: { key: string; title: string }): Activity {
  return {
    objectType: "Activity",
    id: `${origin}${paths.quiz(course, quiz.key)}`,
    definition: { type: ACTIVITY_TYPES.assessment, name: name(quiz.title, course.language) },
  };
}

function statement(
  base: Base,
  verb: VerbName,
  object: Activity,
  extra: Pick<Statement, "result" | "context"> = {},
): Statement {
  return {
    id: base.id,
    version: XAPI_VERSION,
    timestamp: base.timestamp.toISOString(),
    actor: { objectType: "Agent", account: { homePage: base.origin, name: base.userId } },
    verb: { id: VERBS[verb], display: { "en-US": verb } },
    object,
    ...extra,
  };
}

/** The course as parent and grouping of a lesson or quiz statement. */
function inCourse(origin: string, course: CourseRef): NonNullable<Statement["context"]> {
  const activity = courseActivity(origin, course);
  return {
    platform: "Green Digital Academy",
    ...(course.language ? { language: course.language } : {}),
    contextActivities: { parent: [activity], grouping: [activity] },
  };
}

/** The learner enrolled in a course. */
export const registered = (base: Base, course: CourseRef) =>
  statement(base, "registered", courseActivity(base.origin, course));

/** The learner completed the whole course. */
export const courseCompleted = (base: Base, course: CourseRef, score?: number | null) =>
  statement(base, "completed", courseActivity(base.origin, course), {
    result: {
      completion: true,
      success: true,
      ...(typeof score === "number" ? { score: scoreOf(score) } : {}),
    },
  });

/** The learner went through a lesson (recorded when they mark it complete: see app/xapi/record.server.ts). */
export const lessonExperienced = (base: Base, course: CourseRef, lesson: Parameters<typeof lessonActivity>[2]) =>
  statement(base, "experienced", lessonActivity(base.origin, course, lesson), {
    context: inCourse(base.origin, course),
  });

/** The learner completed a lesson. */
export const lessonCompleted = (base: Base, course: CourseRef, lesson: Parameters<typeof lessonActivity>[2]) =>
  statement(base, "completed", lessonActivity(base.origin, course, lesson), {
    result: { completion: true },
    context: inCourse(base.origin, course),
  });

/** A percent score (0–100) as xAPI's score. */
export const scoreOf = (percent: number) => ({
  scaled: Math.round(percent) / 100,
  raw: Math.round(percent),
  min: 0,
  max: 100,
});

/** A submitted quiz attempt: "attempted", then "passed" or "failed", both with the score. */
export function quizSubmitted(
  base: Omit<Base, "id"> & { ids: [string, string] },
  course: CourseRef,
  quiz: { key: string; title: string },
  score: number,
  passed: boolean,
): [Statement, Statement] {
  const object = quizActivity(base.origin, course, quiz);
  const context = inCourse(base.origin, course);
  const result = { score: scoreOf(score), success: passed, completion: true };
  return [
    statement({ ...base, id: base.ids[0] }, "attempted", object, { result, context }),
    statement({ ...base, id: base.ids[1] }, passed ? "passed" : "failed", object, { result, context }),
  ];
}

/** The short name of a statement's verb ("passed"), as stored beside it. */
export const verbName = (s: Statement) => s.verb.id.slice(ADL.length);
