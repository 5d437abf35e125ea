// Course insights as the instructor sees them: server-rendered SVG charts that need no JavaScript,
// each with a text alternative and the same figures in a table for screen readers, and the item
// statistics of a quiz as a table whose flags are words, not colours. The words come from the
// "insights" message files; the charts are drawn left to right in every language (dir="ltr" on their wrapper).
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "~/i18n/config";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import type { CourseInsights, FunnelStep, QuizInsights, WeekCount } from "./insights.server";
import type { ItemFlag } from "./item-stats";

await needMessages("insights");

const DAY_MS = 24 * 60 * 60 * 1000;

// Intl formatters cost far more to make than to use: each is made once per language and kept.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function kept<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/**
 * A duration as instructors read it: "45 min", "5 h", "3.5 days" in English; CLDR's units in the
 * other languages ("3,5 jours", "5 ساعات"), written out in Arabic.
 */
export function formatDuration(ms: number, language = "en"): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.round((ms / DAY_MS) * 10) / 10;
  if (language === "en") {
    if (minutes < 60) return `${minutes} min`;
    if (ms < 2 * DAY_MS) return `${Math.round(ms / 3_600_000)} h`;
    return `${days.toLocaleString("en")} days`;
  }
  const unit = (u: "minute" | "hour" | "day", n: number) => {
    const display = u === "day" || language.split("-")[0] === "ar" ? "long" : "short";
    return kept(
      `unit:${language}:${u}:${display}`,
      () =>
        new Intl.NumberFormat(formattingLocale(language), {
          style: "unit",
          unit: u,
          unitDisplay: display,
          maximumFractionDigits: 1,
        }),
    ).format(n);
  };
  if (minutes < 60) return unit("minute", minutes);
  if (ms < 2 * DAY_MS) return unit("hour", Math.round(ms / 3_600_000));
  return unit("day", days);
}

/**
 * "2 Mar", or "2 Mar 2026" when asked for the year, in the page's language. Weeks are in UTC, as
 * insights.server.ts makes them.
 */
function formatWeek(weekStart: string, language: string, withYear = false): string {
  return kept(
    `week:${language}:${withYear}`,
    () =>
      new Intl.DateTimeFormat(language === "en" ? "en-GB" : formattingLocale(language), {
        day: "numeric",
        month: "short",
        ...(withYear ? { year: "numeric" } : {}),
        timeZone: "UTC",
      }),
  ).format(new Date(`${weekStart}T00:00:00Z`));
}

/** A round axis maximum and step for counts up to `max`: 0–1, 0–5, 0–20, 0–250, … */
export function countAxis(max: number, ticks = 4): { top: number; step: number } {
  if (max <= 0) return { top: 1, step: 1 };
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const step = Math.max(1, (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude);
  return { top: Math.ceil(max / step) * step, step };
}

type Format = ReturnType<typeof useFormat>;
/**
 * The options of a plural message: `n` chooses the form ("_one", "_few", …) and {{count}} shows
 * it formatted in the page's language ("1,234"); `values` are the message's other placeholders.
 */
const counted = (format: Format, n: number, values: Record<string, string> = {}) => ({
  count: n,
  replace: { count: format.number(n), ...values },
});
/** A share in percent; one decimal near 0 and 100, so that 99.7% never shows as 100%. */
const share = (format: Format, part: number, whole: number) => {
  if (whole <= 0) return "–";
  const value = (part * 100) / whole;
  return format.percent(value, value > 0 && value < 100 && (value < 1 || value > 99) ? 1 : 0);
};

/** Shortens a label to `max` characters, ending with an ellipsis; the table keeps it whole. */
const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** A percentage of the chart's width, for SVG attributes: "12.5%". */
const pc = (value: number) => `${Math.round(value * 1000) / 1000}%`;

/** The card a chart sits in, with its heading and its summary in words. */
function ChartCard({
  id,
  title,
  summary,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h3 id={`${id}-heading`} className="font-semibold">
        {title}
      </h3>
      <p className="mt-1 text-sm muted">{summary}</p>
      {children}
    </section>
  );
}

/**
 * The visually hidden table that gives screen readers every figure of a chart. The wrapper hides
 * it: a table box ignores the width and overflow that would.
 */
function HiddenTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([first, ...rest]) => (
            <tr key={first}>
              <th scope="row">{first}</th>
              {rest.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The charts are laid out in percentages of their width and pixels of their height, so that they
// fill any column and their text keeps its size (a scaled viewBox shrinks it to nothing on phones).
const TEXT = "fill-slate-700 dark:fill-slate-200";
const BAR = "fill-brand-600 dark:fill-emerald-400";

/** What a weekly chart counts; each has its own words in the message files (weekly.<counting>.…). */
export type WeeklyCounting = "enrolments" | "completions";

/** Enrolments (or completions) per week as a bar chart, with the figures as a table for screen readers. */
export function EnrolmentsChart({
  weeks,
  title: givenTitle,
  counting: givenCounting,
  noun,
}: {
  weeks: WeekCount[];
  title?: string;
  /** What is counted: enrolments (the default) or course completions. */
  counting?: WeeklyCounting;
  /**
   * @deprecated Pass `counting`: the chart's sentences are whole messages, not built from nouns.
   * A noun other than "enrolments" counts completions.
   */
  noun?: [string, string];
}) {
  const id = useId();
  const { t } = useTranslation("insights");
  const format = useFormat();
  const counting = givenCounting ?? (noun && noun[1] !== "enrolments" ? "completions" : "enrolments");
  const title = givenTitle ?? t(`weekly.${counting}.title`);
  const week = (w: WeekCount, withYear = false) => formatWeek(w.weekStart, format.language, withYear);
  if (weeks.length === 0)
    return (
      <ChartCard id={id} title={title} summary={t(`weekly.${counting}.empty`)}>
        {null}
      </ChartCard>
    );

  const height = 220;
  const top = 10;
  const plotH = height - top - 30;
  const left = 9; // % of the width, for the count labels
  const right = 2;
  const band = (100 - left - right) / weeks.length;
  const total = weeks.reduce((sum, w) => sum + w.count, 0);
  const busiest = weeks.reduce((best, w) => (w.count > best.count ? w : best), weeks[0]);
  const axis = countAxis(busiest.count);
  const y = (v: number) => top + plotH - (v / axis.top) * plotH;
  // At most four date labels, which fit side by side on a phone; the summary above gives the years.
  const every = Math.ceil(weeks.length / 4);
  const summary = t("weekly.summary", {
    counted: t(`weekly.${counting}.count`, counted(format, total)),
    weeks: t("weekly.weeks", counted(format, weeks.length)),
    first: week(weeks[0], true),
    last: week(weeks[weeks.length - 1], true),
    busiest: week(busiest, true),
    busiestCount: format.number(busiest.count),
  });

  return (
    <ChartCard id={id} title={title} summary={summary}>
      {/* Drawn left to right in every language; the table below reads in the page's direction. */}
      <div dir="ltr">
        <svg
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          width="100%"
          height={height}
          className="mt-3 block overflow-visible"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{t("weekly.description", { summary })}</desc>
          {Array.from({ length: Math.round(axis.top / axis.step) + 1 }, (_, i) => i * axis.step).map((v) => (
            <g key={v}>
              <line
                x1={pc(left)}
                x2={pc(100 - right)}
                y1={y(v)}
                y2={y(v)}
                strokeWidth={1}
                className={
                  v === 0 ? "stroke-slate-500 dark:stroke-slate-400" : "stroke-slate-200 dark:stroke-slate-700"
                }
              />
              <text x={pc(left - 1)} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={12} className={TEXT}>
                {format.number(v)}
              </text>
            </g>
          ))}
          {weeks.map((w, i) =>
            w.count > 0 ? (
              <rect
                key={w.weekStart}
                x={pc(left + i * band + band * 0.1)}
                y={y(w.count)}
                width={pc(band * 0.8)}
                height={y(0) - y(w.count)}
                className={BAR}
              >
                <title>{t("weekly.bar", { week: week(w, true), number: format.number(w.count) })}</title>
              </rect>
            ) : null,
          )}
          {weeks.map((w, i) =>
            i % every === 0 ? (
              <text
                key={w.weekStart}
                x={pc(left + i * band + (i === 0 ? 0 : band / 2))}
                y={height - 10}
                textAnchor={i === 0 ? "start" : "middle"}
                fontSize={12}
                className={TEXT}
              >
                {week(w)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <HiddenTable
        caption={title}
        head={[t("weekly.weekBeginning"), t(`weekly.${counting}.column`)]}
        rows={weeks.map((w) => [week(w, true), format.number(w.count)])}
      />
    </ChartCard>
  );
}

/**
 * How many learners completed each lesson, in course order, as horizontal bars measured against
 * the learners enrolled; the figures again as a table for screen readers.
 */
export function FunnelChart({
  steps,
  enrolled,
  title: givenTitle,
  summary: givenSummary,
  head: givenHead,
  numbered = true,
}: {
  steps: FunnelStep[];
  enrolled: number;
  title?: string;
  /** The chart in words, when its bars are not lessons (e.g. learners by progress). */
  summary?: string;
  /** The text table's column headings. */
  head?: [string, string, string];
  /** Whether bars are labelled "1. …", "2. …" (lessons in course order). */
  numbered?: boolean;
}) {
  const id = useId();
  const { t } = useTranslation("insights");
  const format = useFormat();
  const title = givenTitle ?? t("funnel.title");
  const head = givenHead ?? [t("funnel.head.lesson"), t("funnel.head.completed"), t("funnel.head.share")];
  if (steps.length === 0)
    return (
      <ChartCard id={id} title={title} summary={t("funnel.noLessons")}>
        {null}
      </ChartCard>
    );

  const row = 46;
  const barTop = 20;
  const barH = 16;
  const barMax = 66; // % of the width; the figure follows the bar
  const scale = Math.max(enrolled, ...steps.map((s) => s.completed), 1);
  const first = steps[0];
  const last = steps[steps.length - 1];
  const figure = (s: FunnelStep) =>
    enrolled > 0
      ? t("figureWithShare", { number: format.number(s.completed), share: share(format, s.completed, enrolled) })
      : format.number(s.completed);
  const summary =
    givenSummary ??
    (enrolled > 0
      ? t(
          "funnel.summary",
          counted(format, enrolled, { first: figure(first), last: figure(last), lessons: format.number(steps.length) }),
        )
      : t("funnel.nobodyEnrolled", counted(format, steps.length)));
  const label = (s: FunnelStep, i: number) =>
    numbered ? t("funnel.numbered", { number: format.number(i + 1), title: s.title }) : s.title;

  return (
    <ChartCard id={id} title={title} summary={summary}>
      {/* Drawn left to right in every language; the table below reads in the page's direction. */}
      <div dir="ltr">
        <svg
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          width="100%"
          height={steps.length * row}
          className="mt-3 block"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>
            {t(numbered ? "funnel.descriptionLessons" : "funnel.descriptionFigures", { summary })}
          </desc>
          {steps.map((s, i) => {
            const y = i * row;
            const w = (s.completed / scale) * barMax;
            return (
              <g key={s.lessonKey}>
                {/* Long titles are cut at the chart's edge; the table has them whole. */}
                <text x={0} y={y + 14} fontSize={13} className={TEXT}>
                  {truncate(label(s, i), 80)}
                </text>
                <rect
                  x={0}
                  y={y + barTop}
                  width={pc(barMax)}
                  height={barH}
                  rx={3}
                  className="fill-slate-100 dark:fill-slate-800"
                />
                {s.completed > 0 && (
                  <rect x={0} y={y + barTop} width={pc(Math.max(0.5, w))} height={barH} rx={3} className={BAR} />
                )}
                <text
                  x={pc(barMax + 2)}
                  y={y + barTop + barH / 2}
                  dominantBaseline="middle"
                  fontSize={12}
                  className={TEXT}
                >
                  {figure(s)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <HiddenTable
        caption={title}
        head={head}
        rows={steps.map((s, i) => [label(s, i), format.number(s.completed), share(format, s.completed, enrolled)])}
      />
    </ChartCard>
  );
}

/** Enrolled, completed and the median time to complete, as a description list. */
export function InsightsTotals({ insights }: { insights: Pick<CourseInsights, "totals" | "medianCompletionMs"> }) {
  const { t } = useTranslation("insights");
  const format = useFormat();
  const { enrolled, completed } = insights.totals;
  const facts: [string, string][] = [
    [t("totals.enrolled"), format.number(enrolled)],
    [
      t("totals.completed"),
      enrolled > 0
        ? t("figureWithShare", { number: format.number(completed), share: share(format, completed, enrolled) })
        : format.number(completed),
    ],
    [
      t("totals.median"),
      insights.medianCompletionMs === null
        ? t("totals.noCompletions")
        : formatDuration(insights.medianCompletionMs, format.language),
    ],
  ];
  return (
    <dl className="grid gap-4 sm:grid-cols-3">
      {facts.map(([term, value]) => (
        <div key={term} className="card">
          <dt className="text-sm muted">{term}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The message of each flag's label (in the "insights" namespace). */
export const FLAG_LABELS: Record<ItemFlag, string> = {
  "too-easy": "items.flags.tooEasy",
  "too-hard": "items.flags.tooHard",
  "not-discriminating": "items.flags.notDiscriminating",
};
const FLAG_STYLES: Record<ItemFlag, string> = {
  "too-easy": "border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-300 dark:bg-sky-950 dark:text-sky-100",
  "too-hard": "border-red-700 bg-red-50 text-red-900 dark:border-red-300 dark:bg-red-950 dark:text-red-100",
  "not-discriminating":
    "border-amber-700 bg-amber-50 text-amber-900 dark:border-amber-300 dark:bg-amber-950 dark:text-amber-100",
};

/** A correlation with two decimals and a true minus sign: "0.32", "−0.05" ("0,32" in French). */
export function formatCorrelation(r: number, language = "en"): string {
  const text = kept(
    `correlation:${language}`,
    () =>
      new Intl.NumberFormat(formattingLocale(language), {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
        signDisplay: "negative",
      }),
  ).format(r);
  // Arabic puts a left-to-right mark before the sign; the true minus sign needs none.
  return text.replace(/\u200e?-/, "−");
}

/** A dash that screen readers announce as "not defined". */
function Undefined() {
  const { t } = useTranslation("insights");
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("items.notDefined")}</span>
    </>
  );
}

/** The item statistics of one quiz: a row per question, flags as words. */
export function ItemStatsTable({ quiz }: { quiz: QuizInsights }) {
  const id = useId();
  const { t } = useTranslation("insights");
  const format = useFormat();
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h3 id={`${id}-heading`} className="font-semibold">
        {quiz.title}
      </h3>
      <p className="mt-1 text-sm muted">
        {quiz.learners === 0 ? t("items.noSubmissions") : t("items.source", counted(format, quiz.learners))}
      </p>
      {/* Scrolls sideways on narrow screens. */}
      <div
        className="mt-3 overflow-x-auto"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        tabIndex={0}
        role="region"
        aria-label={t("items.region", { quiz: quiz.title })}
      >
        <table className="w-full text-start text-sm">
          <caption className="sr-only">{t("items.caption", { quiz: quiz.title })}</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-2 pe-3 font-semibold">
                {t("items.head.question")}
              </th>
              <th scope="col" className="px-3 py-2 text-end font-semibold">
                {t("items.head.answered")}
              </th>
              <th scope="col" className="px-3 py-2 text-end font-semibold">
                {t("items.head.right")}
              </th>
              <th scope="col" className="px-3 py-2 text-end font-semibold">
                {t("items.head.discrimination")}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("items.head.topWrong")}
              </th>
              <th scope="col" className="py-2 ps-3 font-semibold">
                {t("items.head.flags")}
              </th>
            </tr>
          </thead>
          <tbody>
            {quiz.items.map((item, i) => (
              <tr key={item.questionId} className="border-b border-slate-200 align-top dark:border-slate-700">
                <th scope="row" className="py-2 pe-3 font-normal">
                  <span className="muted">{format.number(i + 1)}.</span> {item.prompt}
                </th>
                <td className="px-3 py-2 text-end tabular-nums">{format.number(item.n)}</td>
                <td className="px-3 py-2 text-end tabular-nums">
                  {item.difficulty === null ? <Undefined /> : format.percent(item.difficulty * 100)}
                </td>
                <td className="px-3 py-2 text-end tabular-nums">
                  {item.discrimination === null ? (
                    <Undefined />
                  ) : (
                    formatCorrelation(item.discrimination, format.language)
                  )}
                </td>
                <td className="px-3 py-2">
                  {item.topWrongOption ? (
                    <>
                      {item.topWrongOption.text}{" "}
                      <span className="whitespace-nowrap muted">
                        {t("items.wrongCount", counted(format, item.topWrongOption.count))}
                      </span>
                    </>
                  ) : (
                    <span className="muted">{t("items.noWrongAnswer")}</span>
                  )}
                </td>
                <td className="py-2 ps-3">
                  {item.flags.length === 0 ? (
                    <span className="muted">{t("items.noFlags")}</span>
                  ) : (
                    <ul className="flex flex-wrap gap-1.5">
                      {item.flags.map((flag) => (
                        <li
                          key={flag}
                          className={`whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${FLAG_STYLES[flag]}`}
                        >
                          {t(FLAG_LABELS[flag])}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs muted">{t("items.legend")}</p>
    </section>
  );
}
