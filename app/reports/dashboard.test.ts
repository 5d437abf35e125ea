import { describe, expect, it } from "vitest";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import {
  expectedPercent,
  learnerStatus,
  moduleCell,
  paceStart,
  parseDashboardQuery,
  queryString,
  riskReasons,
  weeklyCounts,
  weekOf,
} from "./dashboard";

const d = (s: string) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s);

describe("the learner table's query string", () => {
  it("has defaults, and each sort its natural direction", () => {
    expect(parseDashboardQuery(new URLSearchParams())).toEqual({
      ok: true,
      query: { course: null, status: "all", q: "", sort: "name", dir: "asc", page: 1 },
    });
    const r = parseDashboardQuery(new URLSearchParams("sort=activity&status=at-risk&q=%20ada%20&page=3&course=c-1"));
    expect(r).toEqual({
      ok: true,
      query: { course: "c-1", status: "at-risk", q: "ada", sort: "activity", dir: "desc", page: 3 },
    });
    if (r.ok) expect(queryString(r.query, { page: 1 })).toEqual({
      course: "c-1",
      status: "at-risk",
      q: "ada",
      sort: "activity",
      dir: null,
      page: null,
    });
  });
  it("refuses bad values with the field and a reason", () => {
    for (const [qs, field] of [
      ["page=0", "page"],
      ["page=x", "page"],
      ["page=1.5", "page"],
      ["sort=email", "sort"],
      ["dir=up", "dir"],
      ["status=gone", "status"],
      [`q=${"a".repeat(101)}`, "q"],
      ["course=../x", "course"],
    ])
      expect(parseDashboardQuery(new URLSearchParams(qs))).toMatchObject({ ok: false, field });
    expect(parseDashboardQuery(new URLSearchParams("page=0"))).toEqual({
      ok: false,
      field: "page",
      problem: { key: "cohort:problems.query.pageMin" },
    });
    expect(parseDashboardQuery(new URLSearchParams("sort=email"))).toEqual({
      ok: false,
      field: "sort",
      problem: { key: "cohort:problems.query.sort", values: { choices: "name, progress, activity" } },
    });
  });

  it("words its refusals in the reader's language", () => {
    const refused = parseDashboardQuery(new URLSearchParams(`q=${"a".repeat(101)}`));
    if (refused.ok) throw new Error("a search of 101 characters is refused");
    expect(say(translator("ar"), refused.problem)).toBe("ابحث عن 100 حرف على الأكثر.");
    expect(say(translator("en"), refused.problem)).toBe("Search for at most 100 characters.");
    const page = parseDashboardQuery(new URLSearchParams("page=0"));
    if (page.ok) throw new Error("page 0 is refused");
    expect(say(translator("ar"), page.problem)).toBe("تبدأ الصفحات من 1.");
  });
});

describe("status, pace and risk", () => {
  it("status from stored progress", () => {
    const base = { enrolled: true, completedLessons: 0, quizzesPassed: 0, completedAt: null };
    expect(learnerStatus({ ...base, enrolled: false })).toBe("not-started");
    expect(learnerStatus(base)).toBe("not-started");
    expect(learnerStatus({ ...base, quizzesPassed: 1 })).toBe("in-progress");
    expect(learnerStatus({ ...base, completedLessons: 3 })).toBe("in-progress");
    expect(learnerStatus({ ...base, completedAt: d("2027-01-01") })).toBe("completed");
  });
  it("expected percent from the later of cohort start and joining to the due date", () => {
    expect(paceStart(d("2027-01-01"), d("2026-12-01"))).toEqual(d("2027-01-01"));
    expect(paceStart(d("2027-01-01"), d("2027-01-05"))).toEqual(d("2027-01-05"));
    expect(paceStart(null, d("2027-01-05"))).toEqual(d("2027-01-05"));
    expect(expectedPercent(d("2027-01-01"), d("2027-01-11"), d("2027-01-04"))).toBe(30);
    expect(expectedPercent(d("2027-01-01"), d("2027-01-11"), d("2026-12-25"))).toBe(0);
    expect(expectedPercent(d("2027-01-01"), d("2027-01-11"), d("2027-01-11"))).toBe(100);
  });
  it("reasons as facts; never for a completed course; pace only within the tolerance", () => {
    const input = {
      percent: 20,
      completedAt: null,
      lastActivityAt: d("2027-01-02"),
      joinedAt: d("2027-01-01"),
      cohortStartsAt: null,
      dueAt: d("2027-01-11"),
      inactivityDays: 2,
    };
    // 4 Jan: 30% expected; 20% is within 10 points; 3 days idle.
    expect(riskReasons(input, d("2027-01-05"))).toEqual([
      { kind: "idle", days: 3, limit: 2 },
      { kind: "behind", percent: 20, expected: 40, dueAt: d("2027-01-11") },
    ]);
    expect(riskReasons({ ...input, inactivityDays: 14 }, d("2027-01-04"))).toEqual([]);
    expect(riskReasons({ ...input, lastActivityAt: null, inactivityDays: 1 }, d("2027-01-03"))).toEqual([
      { kind: "notStarted", days: 2, limit: 1 },
    ]);
    expect(riskReasons({ ...input, inactivityDays: 30 }, d("2027-01-12"))).toEqual([
      { kind: "pastDue", dueAt: d("2027-01-11"), percent: 20 },
    ]);
    expect(riskReasons({ ...input, completedAt: d("2027-01-03") }, d("2027-02-01"))).toEqual([]);
  });
});

describe("chart data", () => {
  it("groups days into Monday weeks, with empty weeks between", () => {
    expect(weekOf("2027-01-10")).toBe("2027-01-04"); // a Sunday
    expect(weekOf("2027-01-11")).toBe("2027-01-11"); // a Monday
    expect(
      weeklyCounts([
        { day: "2027-01-05", count: 2 },
        { day: "2027-01-07", count: 1 },
        { day: "2027-01-20", count: 4 },
      ]),
    ).toEqual([
      { weekStart: "2027-01-04", count: 3 },
      { weekStart: "2027-01-11", count: 0 },
      { weekStart: "2027-01-18", count: 4 },
    ]);
    expect(weeklyCounts([])).toEqual([]);
  });
  it("a module's cell: done, in progress or not started, with the quiz score", () => {
    expect(moduleCell(undefined, 3, true)).toEqual({ state: "not-started", lessonsDone: 0, lessonsTotal: 3, quizBest: null });
    expect(moduleCell({ lessonsDone: 3, lessonsTotal: 3, quizBest: null }, 3, true).state).toBe("in-progress");
    expect(moduleCell({ lessonsDone: 3, lessonsTotal: 3, quizBest: 70 }, 3, true).state).toBe("done");
    expect(moduleCell({ lessonsDone: 3, lessonsTotal: 3, quizBest: null }, 3, false).state).toBe("done");
    expect(moduleCell({ lessonsDone: 0, lessonsTotal: 3, quizBest: 40 }, 3, true).state).toBe("in-progress");
  });
});
