// Course insights as the instructor sees them: server-rendered SVG charts that need no JavaScript,
// each with a text alternative and the same figures in a table for screen readers, and the item
// statistics of a quiz as a table whose flags are words, not colours.
import { useId, type ReactNode } from "react";
import { formatPercent } from "~/lib/format";
import type { CourseInsights, FunnelStep, QuizInsights, WeekCount } from "./insights.server";
import type { ItemFlag } from "./item-stats";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A duration as instructors read it: "45 min", "5 h", "3.5 days". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  if (ms < 2 * DAY_MS) return `${Math.round(ms / 3_600_000)} h`;
  return `${(Math.round((ms / DAY_MS) * 10) / 10).toLocaleString("en")} days`;
}

/** "2 Mar", or "2 Mar 2026" when asked for the year. Weeks are in UTC, as insights.server.ts makes them. */
function formatWeek(weekStart: string, withYear = false): string {
  return new Date(`${weekStart}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(withYear ? { year: "numeric" } : {}),
    timeZone: "UTC",
  });
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

const number = (n: number) => n.toLocaleString("en");
/** A share in percent; one decimal near 0 and 100, so that 99.7% never shows as 100%. */
const share = (part: number, whole: number) => {
  if (whole <= 0) return "–";
  const value = (part * 100) / whole;
  return formatPercent(value, value > 0 && value < 100 && (value < 1 || value > 99) ? 1 : 0);
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

/** Enrolments per week as a bar chart, with the figures as a table for screen readers. */
export function EnrolmentsChart({
  weeks,
  title = "Enrolments per week",
  noun = ["enrolment", "enrolments"],
}: {
  weeks: WeekCount[];
  title?: string;
  /** What is counted, singular and plural (other charts count completions, …). */
  noun?: [string, string];
}) {
  const id = useId();
  const Plural = noun[1].charAt(0).toUpperCase() + noun[1].slice(1);
  if (weeks.length === 0)
    return (
      <ChartCard id={id} title={title} summary={`No ${noun[1]} yet.`}>
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
  const summary = `${number(total)} ${total === 1 ? noun[0] : noun[1]} over ${weeks.length} ${weeks.length === 1 ? "week" : "weeks"}, from the week of ${formatWeek(weeks[0].weekStart, true)} to the week of ${formatWeek(weeks[weeks.length - 1].weekStart, true)}. The busiest week began ${formatWeek(busiest.weekStart, true)}, with ${number(busiest.count)}.`;

  return (
    <ChartCard id={id} title={title} summary={summary}>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        width="100%"
        height={height}
        className="mt-3 block overflow-visible"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{`${summary} The table that follows lists every week.`}</desc>
        {Array.from({ length: Math.round(axis.top / axis.step) + 1 }, (_, i) => i * axis.step).map((v) => (
          <g key={v}>
            <line
              x1={pc(left)}
              x2={pc(100 - right)}
              y1={y(v)}
              y2={y(v)}
              strokeWidth={1}
              className={v === 0 ? "stroke-slate-500 dark:stroke-slate-400" : "stroke-slate-200 dark:stroke-slate-700"}
            />
            <text x={pc(left - 1)} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={12} className={TEXT}>
              {number(v)}
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
              <title>{`Week of ${formatWeek(w.weekStart, true)}: ${number(w.count)}`}</title>
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
              {formatWeek(w.weekStart)}
            </text>
          ) : null,
        )}
      </svg>
      <HiddenTable
        caption={title}
        head={["Week beginning", Plural]}
        rows={weeks.map((w) => [formatWeek(w.weekStart, true), number(w.count)])}
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
  title = "Learners who completed each lesson",
  summary: givenSummary,
  head = ["Lesson", "Learners who completed it", "Share of learners enrolled"],
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
  if (steps.length === 0)
    return (
      <ChartCard id={id} title={title} summary="This course has no lessons.">
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
    enrolled > 0 ? `${number(s.completed)} (${share(s.completed, enrolled)})` : number(s.completed);
  const summary =
    givenSummary ??
    (enrolled > 0
      ? `Of ${number(enrolled)} learners enrolled, ${figure(first)} completed the first lesson and ${figure(last)} the last of ${steps.length}.`
      : `No learners are enrolled in these ${steps.length} lessons.`);
  const label = (s: FunnelStep, i: number) => (numbered ? `${i + 1}. ${s.title}` : s.title);

  return (
    <ChartCard id={id} title={title} summary={summary}>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        width="100%"
        height={steps.length * row}
        className="mt-3 block"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc
          id={`${id}-desc`}
        >{`${summary} The table that follows lists every ${numbered ? "lesson" : "figure"}.`}</desc>
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
      <HiddenTable
        caption={title}
        head={head}
        rows={steps.map((s, i) => [label(s, i), number(s.completed), share(s.completed, enrolled)])}
      />
    </ChartCard>
  );
}

/** Enrolled, completed and the median time to complete, as a description list. */
export function InsightsTotals({ insights }: { insights: Pick<CourseInsights, "totals" | "medianCompletionMs"> }) {
  const { enrolled, completed } = insights.totals;
  const facts: [string, string][] = [
    ["Learners enrolled", number(enrolled)],
    ["Completed the course", enrolled > 0 ? `${number(completed)} (${share(completed, enrolled)})` : number(completed)],
    [
      "Median time to complete",
      insights.medianCompletionMs === null ? "No completions yet" : formatDuration(insights.medianCompletionMs),
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

export const FLAG_LABELS: Record<ItemFlag, string> = {
  "too-easy": "Too easy",
  "too-hard": "Too hard",
  "not-discriminating": "Not discriminating",
};
const FLAG_STYLES: Record<ItemFlag, string> = {
  "too-easy": "border-sky-700 bg-sky-50 text-sky-900 dark:border-sky-300 dark:bg-sky-950 dark:text-sky-100",
  "too-hard": "border-red-700 bg-red-50 text-red-900 dark:border-red-300 dark:bg-red-950 dark:text-red-100",
  "not-discriminating":
    "border-amber-700 bg-amber-50 text-amber-900 dark:border-amber-300 dark:bg-amber-950 dark:text-amber-100",
};

/** A correlation with two decimals and a true minus sign: "0.32", "−0.05". */
export function formatCorrelation(r: number): string {
  const text = r.toFixed(2);
  return text === "-0.00" ? "0.00" : text.replace("-", "−");
}

/** A dash that screen readers announce as "not defined". */
function Undefined() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="sr-only">not defined</span>
    </>
  );
}

/** The item statistics of one quiz: a row per question, flags as words. */
export function ItemStatsTable({ quiz }: { quiz: QuizInsights }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h3 id={`${id}-heading`} className="font-semibold">
        {quiz.title}
      </h3>
      <p className="mt-1 text-sm muted">
        {quiz.learners === 0
          ? "No learner has submitted this quiz yet."
          : `From the first submitted attempt of ${number(quiz.learners)} ${quiz.learners === 1 ? "learner" : "learners"}.`}
      </p>
      {/* Scrolls sideways on narrow screens. */}
      <div
        className="mt-3 overflow-x-auto"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        tabIndex={0}
        role="region"
        aria-label={`${quiz.title}: question statistics`}
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{`Question statistics: ${quiz.title}`}</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-2 pr-3 font-semibold">
                Question
              </th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                Answered
              </th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                Right
              </th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                Discrimination
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                Most chosen wrong answer
              </th>
              <th scope="col" className="py-2 pl-3 font-semibold">
                Flags
              </th>
            </tr>
          </thead>
          <tbody>
            {quiz.items.map((item, i) => (
              <tr key={item.questionId} className="border-b border-slate-200 align-top dark:border-slate-700">
                <th scope="row" className="py-2 pr-3 font-normal">
                  <span className="muted">{i + 1}.</span> {item.prompt}
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{number(item.n)}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {item.difficulty === null ? <Undefined /> : formatPercent(item.difficulty * 100)}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {item.discrimination === null ? <Undefined /> : formatCorrelation(item.discrimination)}
                </td>
                <td className="px-3 py-2">
                  {item.topWrongOption ? (
                    <>
                      {item.topWrongOption.text}{" "}
                      <span className="whitespace-nowrap muted">
                        ({number(item.topWrongOption.count)} {item.topWrongOption.count === 1 ? "learner" : "learners"})
                      </span>
                    </>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td className="py-2 pl-3">
                  {item.flags.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <ul className="flex flex-wrap gap-1.5">
                      {item.flags.map((flag) => (
                        <li
                          key={flag}
                          className={`whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-semibold ${FLAG_STYLES[flag]}`}
                        >
                          {FLAG_LABELS[flag]}
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
      <p className="mt-3 text-xs muted">
        Right: the share of learners who answered the question correctly (too easy above 95%, too hard below 20%).
        Discrimination: how well the question separates learners who did well on the rest of the quiz from those who did
        not, from −1 to 1 (not discriminating below 0.1).
      </p>
    </section>
  );
}
