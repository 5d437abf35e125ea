// The cohort dashboard's rules, as pure functions: learners' status, who is at risk and why, the
// query string of the learner table, and the shaping of chart data. The SQL in
// dashboard.server.ts applies the same rules to stored aggregates; the tests hold both to the same
// hand-computed figures.
import { z } from "zod";
import { problem, type Problem } from "~/i18n/problem";
import type { WeekCount } from "~/insights/insights.server";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const PAGE_SIZE = 50;
/** Percentage points a learner may be behind the expected pace before they count as at risk. */
export const PACE_TOLERANCE = 10;

export const STATUSES = ["not-started", "in-progress", "completed"] as const;
export type LearnerStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<LearnerStatus, string> = {
  "not-started": "Not started",
  "in-progress": "In progress",
  completed: "Completed",
};

export const FILTERS = ["all", ...STATUSES, "at-risk"] as const;
export type StatusFilter = (typeof FILTERS)[number];
export const SORTS = ["name", "progress", "activity"] as const;
export type Sort = (typeof SORTS)[number];

export type DashboardQuery = {
  course: string | null;
  status: StatusFilter;
  q: string;
  sort: Sort;
  dir: "asc" | "desc";
  page: number;
};

// Each message is the key of a problem (`cohort:problems.query.*`); VALUES holds what it needs.
const Query = z.object({
  course: z
    .string()
    .max(200, "cohort:problems.query.course")
    .regex(/^[a-z0-9-]+$/, "cohort:problems.query.course")
    .nullable(),
  status: z.enum(FILTERS, { message: "cohort:problems.query.status" }),
  q: z.string().trim().max(100, "cohort:problems.query.search"),
  sort: z.enum(SORTS, { message: "cohort:problems.query.sort" }),
  dir: z.enum(["asc", "desc"], { message: "cohort:problems.query.dir" }),
  page: z.coerce
    .number({ message: "cohort:problems.query.pageNumber" })
    .int("cohort:problems.query.pageWhole")
    .min(1, "cohort:problems.query.pageMin")
    .max(100_000, "cohort:problems.query.pageMax"),
});
const VALUES: Record<string, Problem["values"]> = {
  "cohort:problems.query.status": { choices: FILTERS.join(", ") },
  "cohort:problems.query.search": { count: 100 },
  "cohort:problems.query.sort": { choices: SORTS.join(", ") },
};

/** The learner table's state from the query string; default sort: name, ascending. */
export function parseDashboardQuery(
  params: URLSearchParams,
): { ok: true; query: DashboardQuery } | { ok: false; field: string; problem: Problem } {
  const sort = params.get("sort") || "name";
  const result = Query.safeParse({
    course: params.get("course") || null,
    status: params.get("status") || "all",
    q: params.get("q") ?? "",
    sort,
    // Names read best A→Z; progress and activity are most useful highest or latest first.
    dir: params.get("dir") || (sort === "name" ? "asc" : "desc"),
    page: params.get("page") || "1",
  });
  if (result.success) return { ok: true, query: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, field: String(issue.path[0] ?? ""), problem: problem(issue.message, VALUES[issue.message]) };
}

/** The query string of a table state, leaving out what is the default. */
export function queryString(query: DashboardQuery, changes: Partial<DashboardQuery> = {}) {
  const q = { ...query, ...changes };
  const defaultDir = q.sort === "name" ? "asc" : "desc";
  return {
    course: q.course,
    status: q.status === "all" ? null : q.status,
    q: q.q || null,
    sort: q.sort === "name" ? null : q.sort,
    dir: q.dir === defaultDir ? null : q.dir,
    page: q.page > 1 ? String(q.page) : null,
  };
}

export type Standing = {
  enrolled: boolean;
  completedLessons: number;
  quizzesPassed: number;
  completedAt: Date | null;
};

/** Not started: not enrolled, or no lesson done and no quiz passed. Completed: the course is. */
export function learnerStatus(s: Standing): LearnerStatus {
  if (s.completedAt) return "completed";
  if (!s.enrolled || (s.completedLessons === 0 && s.quizzesPassed === 0)) return "not-started";
  return "in-progress";
}

/** The later of the cohort's start and the learner's joining: when their pace is counted from. */
export function paceStart(cohortStartsAt: Date | null, joinedAt: Date): Date {
  return cohortStartsAt && cohortStartsAt > joinedAt ? cohortStartsAt : joinedAt;
}

/** How far (percent) a learner should be by `now` to finish by `due` at an even pace from `start`. */
export function expectedPercent(start: Date, due: Date, now: Date): number {
  if (now >= due) return 100;
  if (now <= start) return 0;
  return Math.floor(((now.getTime() - start.getTime()) * 100) / (due.getTime() - start.getTime()));
}

export type RiskInput = {
  percent: number;
  completedAt: Date | null;
  /** The last lesson or quiz, or when they joined if they have done nothing yet. */
  lastActivityAt: Date | null;
  joinedAt: Date;
  cohortStartsAt: Date | null;
  dueAt: Date | null;
  inactivityDays: number;
};

/** Why a learner is at risk, as facts; the dashboard words them in the reader's language. */
export type Risk =
  | { kind: "idle"; days: number; limit: number }
  | { kind: "notStarted"; days: number; limit: number }
  | { kind: "pastDue"; dueAt: Date; percent: number }
  | { kind: "behind"; dueAt: Date; percent: number; expected: number };

/** Why a learner is at risk; empty when they are not (a completed course never is). */
export function riskReasons(input: RiskInput, now: Date): Risk[] {
  if (input.completedAt) return [];
  const reasons: Risk[] = [];
  const last = input.lastActivityAt ?? input.joinedAt;
  const days = Math.floor((now.getTime() - last.getTime()) / DAY_MS);
  if (now.getTime() - last.getTime() > input.inactivityDays * DAY_MS)
    reasons.push({ kind: input.lastActivityAt ? "idle" : "notStarted", days, limit: input.inactivityDays });
  if (input.dueAt) {
    if (now >= input.dueAt) reasons.push({ kind: "pastDue", dueAt: input.dueAt, percent: input.percent });
    else {
      const expected = expectedPercent(paceStart(input.cohortStartsAt, input.joinedAt), input.dueAt, now);
      if (input.percent + PACE_TOLERANCE < expected)
        reasons.push({ kind: "behind", dueAt: input.dueAt, percent: input.percent, expected });
    }
  }
  return reasons;
}

/** Completed learners as a share of all learners, in whole percent; null without learners. */
export const completionRate = (completed: number, learners: number) =>
  learners > 0 ? Math.round((completed * 100) / learners) : null;

/** The Monday (UTC) of a day's week, as YYYY-MM-DD. */
export function weekOf(isoDay: string): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY_MS);
  return monday.toISOString().slice(0, 10);
}

/** Counts by day (YYYY-MM-DD) as counts by week, every week from the first to the last included. */
export function weeklyCounts(daily: { day: string; count: number }[]): WeekCount[] {
  if (daily.length === 0) return [];
  const byWeek = new Map<string, number>();
  for (const { day: d, count } of daily) byWeek.set(weekOf(d), (byWeek.get(weekOf(d)) ?? 0) + count);
  const weeks = [...byWeek.keys()].sort();
  const out: WeekCount[] = [];
  for (let t = Date.parse(`${weeks[0]}T00:00:00Z`); t <= Date.parse(`${weeks.at(-1)}T00:00:00Z`); t += 7 * DAY_MS) {
    const weekStart = new Date(t).toISOString().slice(0, 10);
    out.push({ weekStart, count: byWeek.get(weekStart) ?? 0 });
  }
  return out;
}

/** Progress bands for the distribution chart: [label, lowest percent, highest percent]. */
export const PROGRESS_BANDS: [string, number, number][] = [
  ["Not started (0%)", 0, 0],
  ["1–24%", 1, 24],
  ["25–49%", 25, 49],
  ["50–74%", 50, 74],
  ["75–99%", 75, 99],
  ["All lessons done (100%)", 100, 100],
];
/** Score bands for the distribution of best quiz scores. */
export const SCORE_BANDS: [string, number, number][] = [
  ["Below 50%", 0, 49],
  ["50–59%", 50, 59],
  ["60–69%", 60, 69],
  ["70–79%", 70, 79],
  ["80–89%", 80, 89],
  ["90–100%", 90, 100],
];

/** The band a value falls in (its index), for counting in SQL and in tests alike. */
export const bandOf = (bands: [string, number, number][], value: number) =>
  bands.findIndex(([, low, high]) => value >= low && value <= high);

export type ModuleCell = {
  state: "done" | "in-progress" | "not-started";
  lessonsDone: number;
  lessonsTotal: number;
  quizBest: number | null;
};

/** A learner's cell for one module, from its stored progress (absent: nothing done yet). */
export function moduleCell(
  row: { lessonsDone: number; lessonsTotal: number; quizBest: number | null } | undefined,
  lessonsTotal: number,
  hasQuiz: boolean,
): ModuleCell {
  const done = row?.lessonsDone ?? 0;
  const total = row?.lessonsTotal ?? lessonsTotal;
  const quizBest = row?.quizBest ?? null;
  const complete = done >= total && (!hasQuiz || quizBest !== null);
  const state = complete && (done > 0 || quizBest !== null) ? "done" : done > 0 || quizBest !== null ? "in-progress" : "not-started";
  return { state, lessonsDone: done, lessonsTotal: total, quizBest };
}
