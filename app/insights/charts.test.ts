// The charts render on the server, need no JavaScript, and say the same as their pictures in words.
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup as renderMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { createI18n } from "~/i18n/instance";
import { RESOURCES } from "~/i18n/resources.server";
import {
  countAxis,
  EnrolmentsChart,
  formatCorrelation,
  formatDuration,
  FunnelChart,
  InsightsTotals,
  ItemStatsTable,
} from "./charts";
import type { QuizInsights } from "./insights.server";

/** Renders as a page in `language` does (English unless told). */
const renderIn = (language: string, element: ReactElement) =>
  renderMarkup(createElement(I18nextProvider, { i18n: createI18n(language, RESOURCES[language]!) }, element));
const renderToStaticMarkup = (element: ReactElement) => renderIn("en", element);

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("enrolments chart", () => {
  const weeks = [
    { weekStart: "2026-03-02", count: 2 },
    { weekStart: "2026-03-09", count: 12 },
    { weekStart: "2026-03-16", count: 0 },
  ];
  const html = renderToStaticMarkup(createElement(EnrolmentsChart, { weeks }));

  it("is an image with a name and a description", () => {
    const svg = html.match(/<svg[^>]*>/)![0];
    expect(svg).toContain('role="img"');
    const [, titleId] = svg.match(/aria-labelledby="([^"]+)"/)!;
    const [, descId] = svg.match(/aria-describedby="([^"]+)"/)!;
    expect(html).toContain(`<title id="${titleId}">Enrolments per week</title>`);
    expect(html).toMatch(
      new RegExp(
        `<desc id="${descId}">14 enrolments over 3 weeks, from the week of 2 Mar 2026 to the week of 16 Mar 2026. The busiest week began 9 Mar 2026, with 12.`,
      ),
    );
  });

  it("draws a bar for each week with enrolments, on a round axis", () => {
    expect(html.match(/<rect/g)).toHaveLength(2);
    expect(text(html)).toContain("0 5 10 15");
  });

  it("has the same figures in a table for screen readers", () => {
    const table = html.match(/<div class="sr-only"><table>.*<\/table>/)![0];
    expect(text(table)).toBe(
      " Enrolments per week Week beginning Enrolments 2 Mar 2026 2 9 Mar 2026 12 16 Mar 2026 0 ",
    );
  });

  it("says so when nobody has enrolled", () => {
    const empty = renderToStaticMarkup(createElement(EnrolmentsChart, { weeks: [] }));
    expect(empty).not.toContain("<svg");
    expect(text(empty)).toContain("No enrolments yet.");
  });
});

describe("funnel chart", () => {
  const steps = [
    { lessonKey: "m1/a", title: "Sixty-two million tonnes", completed: 80 },
    { lessonKey: "m1/b", title: "Why recycling lags", completed: 50 },
  ];
  const html = renderToStaticMarkup(createElement(FunnelChart, { steps, enrolled: 100 }));

  it("is an image with a name and a description", () => {
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("<title");
    expect(text(html)).toContain(
      "Of 100 learners enrolled, 80 (80%) completed the first lesson and 50 (50%) the last of 2.",
    );
  });

  it("draws bars in proportion to the learners enrolled", () => {
    // Bars take up to 66% of the width: 80% of the learners is 52.8%, 50% is 33%.
    expect(html).toContain('width="52.8%"');
    expect(html).toContain('width="33%"');
  });

  it("has the same figures in a table for screen readers", () => {
    const table = html.match(/<div class="sr-only"><table>.*<\/table>/)![0];
    expect(text(table)).toContain("1. Sixty-two million tonnes 80 80% 2. Why recycling lags 50 50%");
  });
});

describe("item statistics table", () => {
  const quiz: QuizInsights = {
    quizKey: "m1",
    title: "Module 1 check",
    learners: 40,
    items: [
      {
        questionId: "q1",
        prompt: "Which share of e-waste is collected?",
        n: 40,
        right: 39,
        difficulty: 39 / 40,
        discrimination: -0.054,
        topWrongOption: { id: "b", text: "About half", count: 1 },
        flags: ["too-easy", "not-discriminating"],
      },
      {
        questionId: "q2",
        prompt: "Repair comes before recycling.",
        n: 40,
        right: 40,
        difficulty: 1,
        discrimination: null,
        topWrongOption: null,
        flags: ["too-easy"],
      },
    ],
  };
  const html = renderToStaticMarkup(createElement(ItemStatsTable, { quiz }));

  it("shows each question's figures, flags as words", () => {
    const rows = html.match(/<tr class="border-b border-slate-200[^"]*">.*?<\/tr>/g)!.map(text);
    expect(rows[0]).toBe(
      " 1. Which share of e-waste is collected? 40 98% −0.05 About half (1 learner) Too easy Not discriminating ",
    );
    expect(rows[1]).toBe(" 2. Repair comes before recycling. 40 100% — not defined None Too easy ");
  });

  it("names its source", () => {
    expect(text(html)).toContain("From the first submitted attempt of 40 learners.");
  });
});

describe("formatting", () => {
  it("rounds axes to 1, 2 or 5 times a power of ten", () => {
    expect(countAxis(0)).toEqual({ top: 1, step: 1 });
    expect(countAxis(3)).toEqual({ top: 3, step: 1 });
    expect(countAxis(12)).toEqual({ top: 15, step: 5 });
    expect(countAxis(870)).toEqual({ top: 1000, step: 500 });
  });

  it("writes durations and correlations as people read them", () => {
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(5 * 3_600_000)).toBe("5 h");
    expect(formatDuration(3.5 * 86_400_000)).toBe("3.5 days");
    expect(formatCorrelation(0.316)).toBe("0.32");
    expect(formatCorrelation(-0.343)).toBe("−0.34");
    expect(formatCorrelation(-0.001)).toBe("0.00");
  });

  it("sums up the totals", () => {
    const html = renderToStaticMarkup(
      createElement(InsightsTotals, {
        insights: { totals: { enrolled: 200, completed: 50 }, medianCompletionMs: 3 * 86_400_000 },
      }),
    );
    expect(text(html)).toBe(" Learners enrolled 200 Completed the course 50 (25%) Median time to complete 3 days ");
  });
});

describe("other languages", () => {
  it("write durations, correlations and dates as each language does", () => {
    expect(formatDuration(3.5 * 86_400_000, "fr")).toBe("3,5\u00a0jours");
    expect(formatDuration(5 * 3_600_000, "ar")).toBe("5 ساعات");
    expect(formatCorrelation(-0.343, "fr")).toBe("−0,34");
    expect(formatCorrelation(-0.343, "ar")).toBe("−0.34");
    const html = renderIn("fr", createElement(EnrolmentsChart, { weeks: [{ weekStart: "2026-03-02", count: 1200 }] }));
    expect(text(html)).toContain("1 200 inscriptions sur 1 semaine, de la semaine du 2 mars 2026");
  });

  it("chooses each Arabic plural form, with Western digits", () => {
    const quiz = (learners: number): QuizInsights => ({ quizKey: "m1", title: "Quiz", learners, items: [] });
    const source = (learners: number) => text(renderIn("ar", createElement(ItemStatsTable, { quiz: quiz(learners) })));
    expect(source(1)).toContain("لمتعلّم واحد.");
    expect(source(2)).toContain("لمتعلّمَين.");
    expect(source(7)).toContain("لـ7 متعلّمين.");
    expect(source(40)).toContain("لـ40 متعلّمًا.");
  });
});
