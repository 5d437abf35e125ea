// The lesson components, rendered on the server into the lesson's HTML. Each works without
// JavaScript. Their props are checked against the registry before a lesson is compiled.
import { createContext, useContext, useId, type ComponentProps, type ReactNode } from "react";
import { formatPercent } from "~/lib/format";
import { imageSrcSet } from "~/media/media";
import { deviceFootprint, pue, readNumber } from "./calculators";
import {
  CIRCULARITY_CRITERIA,
  CIRCULARITY_GROUPS,
  EW4ALL_PILLARS,
  gradeScope3,
  gradeWarningChain,
  hostingTradeoff,
  MARGIN,
  RELEVANCE,
  sci,
  scoreCircularity,
  SCOPE3_CATEGORIES,
  WARNING_DISPLAY_ORDER,
  WARNING_STEPS,
  type Scope3Verdict,
} from "./exercises";

/** The query string of the lesson request: calculators read their submitted inputs from it. */
export const LessonQueryContext = createContext<URLSearchParams>(new URLSearchParams());

const fmt = (n: number, digits = 1) =>
  n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function Callout({
  type,
  title,
  children,
}: {
  type: "note" | "tip" | "warning";
  title?: string;
  children: ReactNode;
}) {
  const label = { note: "Note", tip: "Tip", warning: "Warning" }[type];
  const tone = {
    note: "border-sky-600 bg-sky-50 dark:bg-sky-950",
    tip: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
    warning: "border-amber-600 bg-amber-50 dark:bg-amber-950",
  }[type];
  return (
    <aside
      className={`not-prose my-6 rounded-r-md border-l-4 p-4 ${tone}`}
      aria-label={title ? `${label}: ${title}` : label}
    >
      <p className="font-semibold">{title ? `${label}: ${title}` : label}</p>
      <div className="prose prose-slate mt-1 max-w-none dark:prose-invert">{children}</div>
    </aside>
  );
}

export function KeyFigure({
  value,
  label,
  source,
  year,
}: {
  value: string;
  label: string;
  source: string;
  year: string;
}) {
  return (
    <figure className="not-prose my-6 rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <p className="text-3xl font-bold text-brand-700 dark:text-emerald-300">{value}</p>
      <p className="mt-1 font-medium">{label}</p>
      <figcaption className="mt-2 text-sm muted">
        Source: {source}, {year}
      </figcaption>
    </figure>
  );
}

export function Term({ definition, children }: { definition: string; children: ReactNode }) {
  const id = useId();
  return (
    <span className="term group relative">
      {/* Focusable so that keyboard users can open the definition, as pointer users do by hovering
          (the WAI-ARIA tooltip pattern; WCAG 1.4.13); the definition is its aria-describedby. */}
      <dfn
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a tooltip's trigger must take focus
        tabIndex={0}
        aria-describedby={id}
        className="cursor-help not-italic underline decoration-dotted underline-offset-4"
      >
        {children}
      </dfn>
      <span id={id} role="tooltip" className="term-tip">
        {definition}
      </span>
    </span>
  );
}

/** The width a lesson figure takes: the lesson column beside the contents (lg), else the screen. */
const FIGURE_SIZES = "(min-width: 1024px) 50rem, calc(100vw - 2rem)";

/**
 * A figure from a file under /content/ (`src`) or an uploaded image (`media`, its hash), offered at
 * the standard widths without asking the database. `width` and `height`, when given, reserve its space.
 */
export function Figure({
  src,
  media,
  alt,
  caption,
  width,
  height,
}: {
  src?: string;
  media?: string;
  alt: string;
  caption: string;
  width?: string;
  height?: string;
}) {
  const image = media ? { ...imageSrcSet(media), sizes: FIGURE_SIZES } : { src };
  return (
    <figure className="my-6">
      <img
        {...image}
        alt={alt}
        width={width}
        height={height}
        loading="lazy"
        decoding="async"
        className="mx-auto h-auto max-w-full"
      />
      <figcaption className="text-center text-sm muted">{caption}</figcaption>
    </figure>
  );
}

export function Steps({ children }: { children: ReactNode }) {
  return <ol className="not-prose my-6 space-y-4">{children}</ol>;
}

export function Step({ title, children }: { title: string; children: ReactNode }) {
  return (
    <li className="step relative pl-10">
      <p className="font-semibold">{title}</p>
      <div className="prose prose-slate max-w-none dark:prose-invert">{children}</div>
    </li>
  );
}

/** Without JavaScript every tab shows under its label; the lesson page turns them into tabs. */
export function Tabs({ children }: { children: ReactNode }) {
  return (
    <div className="not-prose my-6 rounded-md border border-slate-200 dark:border-slate-700" data-tabs="">
      {children}
    </div>
  );
}

export function Tab({ label, children }: { label: string; children: ReactNode }) {
  return (
    <section className="border-b border-slate-200 p-4 last:border-b-0 dark:border-slate-700" data-tab-label={label}>
      <h3 className="tab-heading font-semibold">{label}</h3>
      <div className="prose prose-slate mt-2 max-w-none dark:prose-invert">{children}</div>
    </section>
  );
}

/** A practice question: each option opens to show whether it is right and why. Not graded. */
export function KnowledgeCheck({
  question,
  multiple,
  children,
}: {
  question: string;
  multiple?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
      aria-labelledby={id}
    >
      <p className="text-sm font-semibold uppercase tracking-wide muted">Check your understanding</p>
      <p id={id} className="mt-1 text-lg font-semibold">
        {question}
      </p>
      <p className="text-sm muted">
        {multiple ? "More than one answer is right. " : ""}Open an answer to see if it is right.
      </p>
      <ul className="mt-3 space-y-2">{children}</ul>
    </section>
  );
}

export function Option({ correct, feedback, children }: { correct?: boolean; feedback: string; children: ReactNode }) {
  return (
    <li>
      <details className="rounded-md border border-slate-200 dark:border-slate-700">
        <summary className="cursor-pointer p-3">{children}</summary>
        <p
          className={`border-t border-slate-200 p-3 dark:border-slate-700 ${correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
        >
          <strong>{correct ? "Right." : "Not quite."}</strong> {feedback}
        </p>
      </details>
    </li>
  );
}

function CalculatorForm({
  id,
  title,
  children,
  result,
}: {
  id: string;
  title: string;
  children: ReactNode;
  result: ReactNode;
}) {
  return (
    <section
      id={id}
      className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h3>
      <form method="get" action={`#${id}`} className="mt-3 grid gap-3 sm:grid-cols-2">
        {children}
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary">
            Calculate
          </button>
        </div>
      </form>
      <div className="mt-4 rounded-md bg-slate-100 p-3 dark:bg-slate-800" role="status">
        {result}
      </div>
    </section>
  );
}

function NumberInput({ name, label, value, unit }: { name: string; label: string; value: number; unit: string }) {
  return (
    <label className="block">
      <span className="field-label">
        {label} <span className="font-normal muted">({unit})</span>
      </span>
      <input
        type="number"
        name={name}
        defaultValue={value}
        min="0"
        step="any"
        inputMode="decimal"
        className="field-input"
      />
    </label>
  );
}

export function PueCalculator({
  facilityKwh = "1500000",
  itKwh = "1000000",
}: {
  facilityKwh?: string;
  itKwh?: string;
}) {
  const q = useContext(LessonQueryContext);
  const facility = readNumber(q.get("pue_facility"), Number(facilityKwh));
  const it = readNumber(q.get("pue_it"), Number(itKwh));
  const r = pue(facility, it);
  return (
    <CalculatorForm
      id="pue-calculator"
      title="PUE calculator"
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <p>
            PUE = {fmt(facility, 0)} ÷ {fmt(it, 0)} = <strong>{fmt(r.pue, 2)}</strong>. Overhead (cooling, power
            conversion, lighting) is {fmt(r.overheadKwh, 0)} kWh, {pct(r.overheadShare)} of the facility&apos;s energy.
          </p>
        )
      }
    >
      <NumberInput name="pue_facility" label="Total facility energy" value={facility} unit="kWh" />
      <NumberInput name="pue_it" label="IT equipment energy" value={it} unit="kWh" />
    </CalculatorForm>
  );
}

export function DeviceCarbonCalculator(props: {
  embodiedKg?: string;
  annualKwh?: string;
  gridIntensity?: string;
  years?: string;
}) {
  const q = useContext(LessonQueryContext);
  const embodied = readNumber(q.get("dev_embodied"), Number(props.embodiedKg ?? 80));
  const kwh = readNumber(q.get("dev_kwh"), Number(props.annualKwh ?? 5));
  const grid = readNumber(q.get("dev_grid"), Number(props.gridIntensity ?? 400));
  const years = readNumber(q.get("dev_years"), Number(props.years ?? 3));
  const r = deviceFootprint(embodied, kwh, grid, years);
  return (
    <CalculatorForm
      id="device-calculator"
      title="Device lifetime carbon calculator"
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <p>
            Averaged over {fmt(years)} {years === 1 ? "year" : "years"} of use:{" "}
            <strong>{fmt(r.perYear)} kg CO2e per year</strong>. Of that, {fmt(r.embodiedPerYear)} kg a year is the
            device&apos;s share of the emissions from making it ({fmt(embodied)} kg spread over {fmt(years)}{" "}
            {years === 1 ? "year" : "years"}) and {fmt(r.usePerYear)} kg a year comes from the electricity it uses.
            Making the device is {pct(r.embodiedShare)} of its yearly footprint. Keeping it one more year would bring
            the yearly average down to {fmt(embodied / (years + 1) + r.usePerYear)} kg CO2e.
          </p>
        )
      }
    >
      <NumberInput name="dev_embodied" label="Embodied emissions (making the device)" value={embodied} unit="kg CO2e" />
      <NumberInput name="dev_kwh" label="Electricity use per year" value={kwh} unit="kWh" />
      <NumberInput name="dev_grid" label="Grid carbon intensity" value={grid} unit="g CO2e per kWh" />
      <NumberInput name="dev_years" label="Years in use" value={years} unit="years" />
    </CalculatorForm>
  );
}

/* ------------------------------------------------------------------------------------------------
 * Exercises: GET forms whose inputs come back in the lesson URL's query; the server grades them
 * and explains the result. The arithmetic and the feedback live in ./exercises.
 * --------------------------------------------------------------------------------------------- */

function ExerciseForm({
  id,
  title,
  intro,
  button,
  marker,
  children,
  result,
}: {
  id: string;
  title: string;
  intro: ReactNode;
  button: string;
  /** A hidden field that tells the server the form was submitted (unticked boxes send nothing). */
  marker?: string;
  children: ReactNode;
  result: ReactNode;
}) {
  return (
    <section
      id={id}
      className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
      aria-labelledby={`${id}-title`}
    >
      <p className="text-sm font-semibold uppercase tracking-wide muted">Exercise</p>
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h3>
      <div className="mt-1 text-sm muted">{intro}</div>
      <form method="get" action={`#${id}`} className="mt-3 space-y-4">
        {marker ? <input type="hidden" name={marker} value="1" /> : null}
        {children}
        <div>
          <button type="submit" className="btn-primary">
            {button}
          </button>
        </div>
      </form>
      <div
        className="mt-4 rounded-md bg-slate-100 p-3 dark:bg-slate-800"
        role="status"
        aria-labelledby={`${id}-result`}
      >
        <h4 id={`${id}-result`} className="font-semibold">
          Result
        </h4>
        <div className="mt-1 space-y-2">{result}</div>
      </div>
    </section>
  );
}

function Fieldset({
  legend,
  children,
  className = "",
}: {
  legend: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={`rounded-md border border-slate-200 p-3 dark:border-slate-700 ${className}`}>
      <legend className="px-1 font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}

function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: [string, string][];
}) {
  return (
    <label className="block">
      <span className="field-label">{label}</span>
      <select name={name} defaultValue={value} className="field-input">
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const pct = (share: number) => formatPercent(share * 100);
/** Grams shown at a readable scale: mg below 1 g, kg above 10,000 g. */
const grams = (g: number) =>
  g < 1 ? `${fmt(g * 1000, 2)} mg` : g >= 10_000 ? `${fmt(g / 1000, 1)} kg` : `${fmt(g, 1)} g`;
const readInt = (v: string | null) => {
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) ? n : null;
};

const VERDICT: Record<Scope3Verdict, { label: string; tone: string }> = {
  hit: { label: "Right: a major category", tone: "text-emerald-800 dark:text-emerald-300" },
  "left-out": { label: "Right to leave out of the priorities", tone: "text-emerald-800 dark:text-emerald-300" },
  either: { label: "Depends on the operator: either answer is fair", tone: "text-sky-800 dark:text-sky-300" },
  missed: { label: "Missed: a major category", tone: "text-red-800 dark:text-red-300" },
  extra: {
    label: "Usually small: keep it in the inventory, not in the priorities",
    tone: "text-amber-800 dark:text-amber-300",
  },
};

export function Scope3Screening({
  company = "a national telecom operator with fixed and mobile networks",
}: {
  company?: string;
}) {
  const q = useContext(LessonQueryContext);
  const submitted = q.has("s3_check");
  const selected = q.getAll("s3_cat").map(Number);
  const r = gradeScope3(selected);
  const box = (c: (typeof SCOPE3_CATEGORIES)[number]) => (
    <label key={c.n} className="flex items-start gap-2">
      <input
        type="checkbox"
        name="s3_cat"
        value={c.n}
        defaultChecked={selected.includes(c.n)}
        className="mt-1 h-4 w-4"
      />
      <span>
        {c.n}. {c.name}
      </span>
    </label>
  );
  return (
    <ExerciseForm
      id="scope3-screening"
      title="Screen an operator's Scope 3"
      intro={
        <p>
          You are screening the Scope 3 inventory of {company}. Tick the categories you expect to matter most, then
          check your screening.
        </p>
      }
      button="Check my screening"
      marker="s3_check"
      result={
        !submitted ? (
          <p>
            Tick the categories you would prioritise and press “Check my screening”. Feedback on all 15 categories
            appears here.
          </p>
        ) : (
          <>
            <p>
              <strong>
                {r.right} of {r.total} categories judged as published operator footprints suggest.
              </strong>{" "}
              {r.summary}
            </p>
            <ul className="space-y-2">
              {r.rows.map((row) => (
                <li key={row.n}>
                  <p>
                    <span className="font-semibold">
                      {row.n}. {row.name}
                    </span>{" "}
                    ({row.picked ? "you ticked it" : "you left it"}) —{" "}
                    <span className={`font-semibold ${VERDICT[row.verdict].tone}`}>{VERDICT[row.verdict].label}.</span>
                  </p>
                  <p className="text-sm">{row.why}</p>
                </li>
              ))}
            </ul>
            <p>
              <strong>Quote every share with its year and boundary.</strong> BT&apos;s figures (supply chain more than
              70%, customers&apos; use about 23%) are shares of its whole 2022/23 footprint; Vodafone&apos;s 23% is a
              share of its FY25 Scope 3 only; Safaricom&apos;s 8.9% in FY19 reflects a boundary that covered mainly
              travel, taxis and freight. The same words, “share of emissions”, can mean three different things.
            </p>
            <p>
              <strong>What to do next:</strong> ask the biggest suppliers for product- or supplier-specific emissions
              data for categories 1 and 2; estimate category 11 from the energy use of the devices you sell; check which
              equity stakes fall into category 15; and write down every category you leave out, with the reason, so that
              the boundary can be read next to the total.
            </p>
          </>
        )
      }
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Fieldset legend="Upstream (categories 1–8)">
          <div className="space-y-1">{SCOPE3_CATEGORIES.filter((c) => c.stream === "upstream").map(box)}</div>
        </Fieldset>
        <Fieldset legend="Downstream (categories 9–15)">
          <div className="space-y-1">{SCOPE3_CATEGORIES.filter((c) => c.stream === "downstream").map(box)}</div>
        </Fieldset>
      </div>
    </ExerciseForm>
  );
}

export function CircularityScore({ device = "home broadband router" }: { device?: string }) {
  const q = useContext(LessonQueryContext);
  const submitted = q.has("circ_check");
  const ratings = Object.fromEntries(
    CIRCULARITY_CRITERIA.map((c) => [c.id, { relevance: q.get(`circ_${c.id}_r`), margin: q.get(`circ_${c.id}_m`) }]),
  );
  const r = scoreCircularity(ratings);
  const choose: [string, string] = ["", "Choose…"];
  return (
    <ExerciseForm
      id="circularity-score"
      title={`Score the circularity of a ${device}`}
      intro={
        <p>
          For each criterion, rate its relevance (R) to a {device} and the product&apos;s margin of improvement (MI).
          The server reads a score for each pair from a value matrix and averages each group, in the three steps of
          ITU-T L.1023.
        </p>
      }
      button="Score the device"
      marker="circ_check"
      result={
        !submitted ? (
          <p>
            Rate every criterion and press “Score the device”. The three group scores and the criteria that cost the
            most appear here.
          </p>
        ) : "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <>
            <ul className="space-y-2">
              {r.groups.map((g) => (
                <li key={g.group}>
                  <p>
                    {g.group}:{" "}
                    <strong>{g.score === null ? "not scored (no relevant criteria)" : pct(g.score / 100)}</strong>
                    {g.score === null ? null : ` (average of ${g.counted} criteria)`}
                  </p>
                  {g.score === null ? null : (
                    <div className="mt-1 h-2 w-full rounded bg-slate-300 dark:bg-slate-600" aria-hidden="true">
                      <div className="h-2 rounded bg-brand-700 dark:bg-emerald-400" style={{ width: `${g.score}%` }} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
            {r.weakest.length ? (
              <>
                <p>
                  <strong>Where the score is lost.</strong> Every relevant criterion counts equally in its group&apos;s
                  average, so a criterion pulls its group down by its shortfall from 100% divided by the number of
                  criteria counted. Relevance decides how much a margin costs: a large margin scores 0% on a highly
                  relevant criterion but 60% on one of low relevance.
                </p>
                <ol className="list-decimal space-y-1 pl-6">
                  {r.weakest.map((c) => (
                    <li key={c.id}>
                      {c.name} ({RELEVANCE[c.relevance].toLowerCase()} relevance, {MARGIN[c.margin!].toLowerCase()}{" "}
                      margin): scores {pct(c.score! / 100)} and takes {fmt(c.pointsOffGroup, 0)} points off “{c.group}”.
                      Next design step: {c.fix}.
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p>
                No relevant criterion has any margin of improvement left: this design is already at best practice on
                every criterion you rated.
              </p>
            )}
            {r.notRelevant.length ? (
              <p>Left out as not relevant to this product: {r.notRelevant.map((c) => c.name).join("; ")}.</p>
            ) : null}
            <p>
              <strong>Three scores, not one.</strong> L.1023 keeps durability, recyclability and repair, reuse and
              upgrade apart. Adding them up would need weighting factors that the Recommendation does not fix; a 2022
              paper by its editor proposes weights, but any single total is a choice you must state.
            </p>
            <p>
              <strong>What to do next:</strong> take the criteria at the top of the list to the design team as the next
              iteration&apos;s priorities, and when you buy, ask suppliers for the ratings behind a score, not only the
              percentages.
            </p>
          </>
        )
      }
    >
      <p className="text-sm muted">
        Simplified for learning: the criteria below are examples written for this exercise and the value matrix is
        illustrative. L.1023 defines its own criteria and its own predefined matrix.
      </p>
      {CIRCULARITY_GROUPS.map((group) => (
        <Fieldset key={group} legend={group}>
          <div className="space-y-3">
            {CIRCULARITY_CRITERIA.filter((c) => c.group === group).map((c) => (
              <fieldset key={c.id} className="grid gap-2 sm:grid-cols-2">
                <legend className="mb-1 text-sm font-medium">{c.name}</legend>
                <Select
                  name={`circ_${c.id}_r`}
                  label="Relevance (R)"
                  value={ratings[c.id]!.relevance ?? ""}
                  options={[choose, ...Object.entries(RELEVANCE)]}
                />
                <Select
                  name={`circ_${c.id}_m`}
                  label="Margin of improvement (MI)"
                  value={ratings[c.id]!.margin ?? ""}
                  options={[choose, ...Object.entries(MARGIN)]}
                />
              </fieldset>
            ))}
          </div>
        </Fieldset>
      ))}
    </ExerciseForm>
  );
}

export function SciCalculator(props: {
  energyKwh?: string;
  gridIntensity?: string;
  embodiedKg?: string;
  lifespanYears?: string;
  hoursReserved?: string;
  resourceShare?: string;
  units?: string;
  unitName?: string;
}) {
  const q = useContext(LessonQueryContext);
  const unit = props.unitName ?? "API call";
  const input = {
    energyKwh: readNumber(q.get("sci_e"), Number(props.energyKwh ?? 0.5)),
    gridIntensity: readNumber(q.get("sci_i"), Number(props.gridIntensity ?? 494)),
    embodiedKg: readNumber(q.get("sci_te"), Number(props.embodiedKg ?? 1000)),
    lifespanYears: readNumber(q.get("sci_life"), Number(props.lifespanYears ?? 4)),
    hoursReserved: readNumber(q.get("sci_hours"), Number(props.hoursReserved ?? 1)),
    resourceSharePercent: readNumber(q.get("sci_share"), Number(props.resourceShare ?? 100)),
    units: readNumber(q.get("sci_r"), Number(props.units ?? 100000)),
  };
  const r = sci(input);
  return (
    <ExerciseForm
      id="sci-calculator"
      title="Software Carbon Intensity (SCI) calculator"
      intro={
        <p>
          SCI = ((E × I) + M) per R. Enter what one time window of your software uses (for example one hour), and how
          many functional units (R) it served in that window.
        </p>
      }
      button="Calculate SCI"
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <>
            <p>
              <strong>
                SCI = {grams(r.perUnitG)} CO2e per {unit}
              </strong>{" "}
              (({grams(r.operationalG)} + {grams(r.embodiedG)}) ÷ {fmt(input.units, 0)}).
            </p>
            <ul className="list-disc space-y-1 pl-6">
              <li>
                <strong>E × I, operational:</strong> {fmt(input.energyKwh, 4)} kWh × {fmt(input.gridIntensity, 0)} g/kWh
                = {grams(r.operationalG)}, or {fmt(r.energyPerUnitKwh * 1000, 4)} Wh of energy per {unit}. I must be a
                location-based grid intensity (average or marginal), never a market-based one.
              </li>
              <li>
                <strong>M, embodied:</strong> {fmt(input.embodiedKg)} kg × ({fmt(input.hoursReserved, 2)} h ÷{" "}
                {fmt(input.lifespanYears)} years of life) × {formatPercent(input.resourceSharePercent, 1)} of the
                hardware = {grams(r.embodiedG)}: the share of making the hardware that this window uses up.
              </li>
              <li>
                <strong>R, the functional unit:</strong> dividing by {fmt(input.units, 0)} makes the score a rate per{" "}
                {unit}, so it can be compared from one release to the next however much the service grows.
              </li>
            </ul>
            <p>
              Operational carbon is {pct(r.operationalShare)} of the total and embodied carbon{" "}
              {pct(1 - r.operationalShare)}. {r.levers}
            </p>
            <p>
              <strong>What it cannot do:</strong> offsets, renewable energy certificates and power purchase agreements
              do not lower SCI; only real changes to E, I, M or the work done per unit do. Because it is a rate, it
              never reaches zero.
            </p>
            <p>
              <strong>What to do next:</strong> report the score with its boundary, its R and its time window, then
              re-measure after each change to see which lever moved it.
            </p>
          </>
        )
      }
    >
      <Fieldset legend="Operational carbon: E × I">
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput name="sci_e" label="E: energy used in the window" value={input.energyKwh} unit="kWh" />
          <NumberInput
            name="sci_i"
            label="I: grid carbon intensity (location-based)"
            value={input.gridIntensity}
            unit="g CO2e per kWh"
          />
        </div>
      </Fieldset>
      <Fieldset legend="Embodied carbon: M">
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput
            name="sci_te"
            label="Total embodied emissions of the hardware"
            value={input.embodiedKg}
            unit="kg CO2e"
          />
          <NumberInput name="sci_life" label="Expected hardware lifespan" value={input.lifespanYears} unit="years" />
          <NumberInput name="sci_hours" label="Time reserved in the window" value={input.hoursReserved} unit="hours" />
          <NumberInput
            name="sci_share"
            label="Share of the hardware reserved"
            value={input.resourceSharePercent}
            unit="%"
          />
        </div>
      </Fieldset>
      <Fieldset legend="Functional unit: R">
        <NumberInput name="sci_r" label={`R: functional units in the window`} value={input.units} unit={`${unit}s`} />
      </Fieldset>
    </ExerciseForm>
  );
}

export function HostingTradeoff(props: {
  labelA?: string;
  itKwhA?: string;
  pueA?: string;
  gridA?: string;
  labelB?: string;
  itKwhB?: string;
  pueB?: string;
  gridB?: string;
}) {
  const q = useContext(LessonQueryContext);
  const labels = {
    A: props.labelA ?? "Efficient site on a carbon-heavy grid",
    B: props.labelB ?? "Older site on a low-carbon grid",
  };
  const a = {
    itKwh: readNumber(q.get("host_a_it"), Number(props.itKwhA ?? 1000000)),
    pue: readNumber(q.get("host_a_pue"), Number(props.pueA ?? 1.1)),
    gridIntensity: readNumber(q.get("host_a_grid"), Number(props.gridA ?? 700)),
  };
  const b = {
    itKwh: readNumber(q.get("host_b_it"), Number(props.itKwhB ?? 1000000)),
    pue: readNumber(q.get("host_b_pue"), Number(props.pueB ?? 1.6)),
    gridIntensity: readNumber(q.get("host_b_grid"), Number(props.gridB ?? 100)),
  };
  const r = hostingTradeoff(a, b);
  const option = (key: "A" | "B", o: typeof a) => (
    <Fieldset legend={`Option ${key}: ${labels[key]}`}>
      <div className="space-y-3">
        <NumberInput
          name={`host_${key.toLowerCase()}_it`}
          label="IT equipment energy per year"
          value={o.itKwh}
          unit="kWh"
        />
        <NumberInput name={`host_${key.toLowerCase()}_pue`} label="PUE" value={o.pue} unit="facility ÷ IT energy" />
        <NumberInput
          name={`host_${key.toLowerCase()}_grid`}
          label="Grid carbon intensity"
          value={o.gridIntensity}
          unit="g CO2e per kWh"
        />
      </div>
    </Fieldset>
  );
  return (
    <ExerciseForm
      id="hosting-tradeoff"
      title="Hosting trade-off: PUE or a cleaner grid?"
      intro={
        <p>
          Compare two places to run the same workload. Facility energy = IT energy × PUE; emissions = facility energy ×
          grid intensity.
        </p>
      }
      button="Compare"
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <>
            <ul className="list-disc space-y-1 pl-6">
              {(["A", "B"] as const).map((k) => {
                const o = r[k];
                return (
                  <li key={k}>
                    Option {k} ({labels[k]}): {fmt(o.itKwh, 0)} kWh × {fmt(o.pue, 2)} = {fmt(o.facilityKwh, 0)} kWh at
                    the meter, of which {fmt(o.overheadKwh, 0)} kWh overhead; × {fmt(o.gridIntensity, 0)} g/kWh ={" "}
                    <strong>{fmt(o.tonnes, 1)} t CO2e a year</strong>.
                  </li>
                );
              })}
            </ul>
            <p>
              <strong>
                {r.winner === null
                  ? "A tie."
                  : `Option ${r.winner} emits ${pct(r.saving)} less (${fmt(Math.abs(r.A.tonnes - r.B.tonnes), 1)} t CO2e a year).`}
              </strong>{" "}
              {r.why}
            </p>
            <p>
              For scale: Google reported a fleet-wide average PUE of 1.10 in 2023 against an industry average of 1.58
              (Google Environmental Report, 2024; Uptime Institute, 2023), about 5.8 times less overhead energy. That is
              a large gap in overhead, yet it multiplies the IT load by at most 1.58 ÷ 1.10, about 1.44.
            </p>
            <p>
              <strong>What to do next:</strong> ask each provider for its measured annual PUE (ISO/IEC 30134-2) and the
              location-based grid intensity of the region, since renewable-energy certificates change a market-based
              figure but not the grid the servers draw on. Then check what this comparison leaves out: the embodied
              emissions of the hardware, water use, latency and where the data may legally be kept.
            </p>
          </>
        )
      }
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {option("A", a)}
        {option("B", b)}
      </div>
    </ExerciseForm>
  );
}

export function WarningChain({ hazard = "tropical cyclone" }: { hazard?: string }) {
  const q = useContext(LessonQueryContext);
  const submitted = q.has("ew_check");
  const answers = Object.fromEntries(
    WARNING_STEPS.map((s) => [
      s.id,
      { position: readInt(q.get(`ew_${s.id}_pos`)), pillar: readInt(q.get(`ew_${s.id}_pillar`)) },
    ]),
  );
  const r = gradeWarningChain(answers);
  const byId = Object.fromEntries(WARNING_STEPS.map((s) => [s.id, s]));
  const pillarName = (n: number | null) =>
    n === null ? "no pillar" : `pillar ${n}, ${EW4ALL_PILLARS.find((p) => p.n === n)?.name ?? "?"}`;
  return (
    <ExerciseForm
      id="warning-chain"
      title={`Build the warning chain for a ${hazard}`}
      intro={
        <p>
          The steps below are shuffled. Give each one its place in the chain (1 comes first) and the Early Warnings for
          All pillar that owns it, then check.
        </p>
      }
      button="Check the chain"
      marker="ew_check"
      result={
        !submitted ? (
          <p>
            Choose a position and a pillar for each step and press “Check the chain”. Feedback on every step appears
            here.
          </p>
        ) : (
          <>
            <p>
              <strong>
                Order: {r.positionsRight} of {r.total} steps in the right place. Pillars: {r.pillarsRight} of {r.total}{" "}
                right.
              </strong>{" "}
              {r.summary}
            </p>
            {r.duplicates.length ? (
              <p>
                You gave more than one step position {r.duplicates.join(" and ")}: each position can hold only one step.
              </p>
            ) : null}
            <ol className="list-decimal space-y-2 pl-6">
              {r.rows.map((row) => (
                <li key={row.id}>
                  <p className="font-semibold">{row.text}</p>
                  <p className="text-sm">
                    <span
                      className={
                        row.positionOk ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"
                      }
                    >
                      {row.positionOk
                        ? "Right place."
                        : row.position === null
                          ? `No position given; it is step ${row.rightPosition}.`
                          : `You put it at ${row.position}; it is step ${row.rightPosition}.`}
                    </span>{" "}
                    <span
                      className={
                        row.pillarOk ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"
                      }
                    >
                      {row.pillarOk
                        ? "Right pillar."
                        : `You chose ${pillarName(row.pillarAnswer)}; it belongs to ${pillarName(row.pillar)}.`}
                    </span>{" "}
                    {row.why}
                  </p>
                </li>
              ))}
            </ol>
            <p>
              <strong>What to do next:</strong> for your own country, find out who issues warnings, whether they publish
              them in CAP, and whether mobile operators can deliver them by cell broadcast. The weakest link in the
              chain decides how many people are reached in time.
            </p>
          </>
        )
      }
    >
      <p className="text-sm muted">
        Pillars: {EW4ALL_PILLARS.map((p) => `${p.n}. ${p.name} (led by ${p.lead})`).join("; ")}.
      </p>
      {WARNING_DISPLAY_ORDER.map((id, i) => {
        const step = byId[id]!;
        const a = answers[id]!;
        return (
          <Fieldset key={id} legend={`Step ${String.fromCharCode(65 + i)}: ${step.text}`}>
            <div className="grid gap-3 sm:grid-cols-2">
              <Select
                name={`ew_${id}_pos`}
                label="Position in the chain"
                value={a.position === null ? "" : String(a.position)}
                options={[
                  ["", "Choose…"],
                  ...WARNING_STEPS.map((_, n): [string, string] => [String(n + 1), String(n + 1)]),
                ]}
              />
              <Select
                name={`ew_${id}_pillar`}
                label="Pillar that owns it"
                value={a.pillar === null ? "" : String(a.pillar)}
                options={[
                  ["", "Choose…"],
                  ...EW4ALL_PILLARS.map((p): [string, string] => [String(p.n), `${p.n}. ${p.name}`]),
                ]}
              />
            </div>
          </Fieldset>
        );
      })}
    </ExerciseForm>
  );
}

/** Markdown's own elements, where the lesson page needs more than the plain tag. */
export const markdownElements = {
  /** A wide table scrolls inside its own box (focusable, so keyboard users can scroll it too) instead of widening the page. */
  table: (props: ComponentProps<"table">) => (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Table (scrolls sideways)">
      <table {...props} />
    </div>
  ),
};

export const lessonComponents = {
  Callout,
  KeyFigure,
  Term,
  Figure,
  Steps,
  Step,
  Tabs,
  Tab,
  KnowledgeCheck,
  Option,
  PueCalculator,
  DeviceCarbonCalculator,
  Scope3Screening,
  CircularityScore,
  SciCalculator,
  HostingTradeoff,
  WarningChain,
};
