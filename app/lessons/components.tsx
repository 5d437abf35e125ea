// The lesson components, rendered on the server into the lesson's HTML. Each works without
// JavaScript. Their props are checked against the registry before a lesson is compiled. Their words
// are the `lesson` messages, in the page's language (render.server.tsx provides it).
import { createContext, useContext, useId, type ComponentProps, type ReactNode } from "react";
import { Trans, useTranslation } from "react-i18next";
import { formattingLocale } from "~/i18n/config";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { imageSrcSet } from "~/media/media";
import { deviceFootprint, pue, readNumber } from "./calculators";
import {
  CIRCULARITY_GROUPS,
  circularityCriteria,
  ew4allPillars,
  gradeScope3,
  gradeWarningChain,
  hostingTradeoff,
  MARGIN,
  RELEVANCE,
  sci,
  scoreCircularity,
  WARNING_DISPLAY_ORDER,
  WARNING_STEPS,
  warningSteps,
  type Scope3Verdict,
} from "./exercises";

await needMessages("lesson");

/** The query string of the lesson request: calculators read their submitted inputs from it. */
export const LessonQueryContext = createContext<URLSearchParams>(new URLSearchParams());

/** The lesson messages and the page's number formats, for the components below. */
function useLessonText() {
  const { t, i18n } = useTranslation("lesson");
  const format = useFormat();
  /** A number with at most `digits` decimals: "1,500,000", "2.5". */
  const fmt = (n: number, digits = 1) => format.number(n, digits);
  /** A share (0.25) as a percentage: "25%". */
  const pct = (share: number) => format.percent(share * 100);
  /** Grams shown at a readable scale: mg below 1 g, kg above 10,000 g. */
  const grams = (g: number) =>
    g < 1
      ? t("units.mg", { value: fmt(g * 1000, 2) })
      : g >= 10_000
        ? t("units.kg", { value: fmt(g / 1000, 1) })
        : t("units.g", { value: fmt(g, 1) });
  /** Names in a row, separated as the language separates them ("; " in English). */
  const join = (items: string[]) => items.join(t("list.separator"));
  return { t, language: i18n.language, format, fmt, pct, grams, join };
}

/** `<strong>` inside a message. */
const STRONG = { strong: <strong /> };

export function Callout({
  type,
  title,
  children,
}: {
  type: "note" | "tip" | "warning";
  title?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("lesson");
  const label = t(`callout.${type}`);
  const heading = title ? t("callout.titled", { label, title }) : label;
  const tone = {
    note: "border-sky-600 bg-sky-50 dark:bg-sky-950",
    tip: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
    warning: "border-amber-600 bg-amber-50 dark:bg-amber-950",
  }[type];
  return (
    <aside className={`not-prose my-6 rounded-e-md border-s-4 p-4 ${tone}`} aria-label={heading}>
      <p className="font-semibold">{heading}</p>
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
  const { t } = useTranslation("lesson");
  return (
    <figure className="not-prose my-6 rounded-md border border-slate-200 p-4 dark:border-slate-700">
      <p className="text-3xl font-bold text-brand-700 dark:text-emerald-300">{value}</p>
      <p className="mt-1 font-medium">{label}</p>
      <figcaption className="mt-2 text-sm muted">{t("keyFigure.source", { source, year })}</figcaption>
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
    <li className="step relative ps-10">
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
  const { t } = useTranslation("lesson");
  const id = useId();
  return (
    <section
      className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
      aria-labelledby={id}
    >
      <p className="text-sm font-semibold uppercase tracking-wide muted">{t("knowledgeCheck.heading")}</p>
      <p id={id} className="mt-1 text-lg font-semibold">
        {question}
      </p>
      <p className="text-sm muted">{multiple ? t("knowledgeCheck.howMultiple") : t("knowledgeCheck.how")}</p>
      <ul className="mt-3 space-y-2">{children}</ul>
    </section>
  );
}

export function Option({ correct, feedback, children }: { correct?: boolean; feedback: string; children: ReactNode }) {
  const { t } = useTranslation("lesson");
  return (
    <li>
      <details className="rounded-md border border-slate-200 dark:border-slate-700">
        <summary className="cursor-pointer p-3">{children}</summary>
        <p
          className={`border-t border-slate-200 p-3 dark:border-slate-700 ${correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}
        >
          <strong>{correct ? t("knowledgeCheck.right") : t("knowledgeCheck.notQuite")}</strong> {feedback}
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
  const { t } = useTranslation("lesson");
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
            {t("form.calculate")}
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
  const { t, language, fmt, pct } = useLessonText();
  const q = useContext(LessonQueryContext);
  const facility = readNumber(q.get("pue_facility"), Number(facilityKwh));
  const it = readNumber(q.get("pue_it"), Number(itKwh));
  const r = pue(facility, it, language);
  return (
    <CalculatorForm
      id="pue-calculator"
      title={t("pue.title")}
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <p>
            <Trans
              t={t}
              i18nKey="pue.result"
              values={{
                facility: fmt(facility, 0),
                it: fmt(it, 0),
                pue: fmt(r.pue, 2),
                overhead: fmt(r.overheadKwh, 0),
                share: pct(r.overheadShare),
              }}
              components={STRONG}
            />
          </p>
        )
      }
    >
      <NumberInput name="pue_facility" label={t("pue.facility")} value={facility} unit={t("units.kwh")} />
      <NumberInput name="pue_it" label={t("pue.it")} value={it} unit={t("units.kwh")} />
    </CalculatorForm>
  );
}

export function DeviceCarbonCalculator(props: {
  embodiedKg?: string;
  annualKwh?: string;
  gridIntensity?: string;
  years?: string;
}) {
  const { t, language, fmt, pct } = useLessonText();
  const q = useContext(LessonQueryContext);
  const embodied = readNumber(q.get("dev_embodied"), Number(props.embodiedKg ?? 80));
  const kwh = readNumber(q.get("dev_kwh"), Number(props.annualKwh ?? 5));
  const grid = readNumber(q.get("dev_grid"), Number(props.gridIntensity ?? 400));
  const years = readNumber(q.get("dev_years"), Number(props.years ?? 3));
  const r = deviceFootprint(embodied, kwh, grid, years, language);
  return (
    <CalculatorForm
      id="device-calculator"
      title={t("device.title")}
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <p>
            <Trans
              t={t}
              i18nKey="device.result"
              values={{
                // Whole years are counted ("3 years", "سنتين"); a fraction is a measure ("2.5 years").
                period: Number.isInteger(years)
                  ? t("device.period", { count: years })
                  : t("device.periodFraction", { years: fmt(years) }),
                perYear: fmt(r.perYear),
                embodiedPerYear: fmt(r.embodiedPerYear),
                embodied: fmt(embodied),
                usePerYear: fmt(r.usePerYear),
                share: pct(r.embodiedShare),
                oneMoreYear: fmt(embodied / (years + 1) + r.usePerYear),
              }}
              components={STRONG}
            />
          </p>
        )
      }
    >
      <NumberInput name="dev_embodied" label={t("device.embodied")} value={embodied} unit={t("units.kgCo2e")} />
      <NumberInput name="dev_kwh" label={t("device.kwh")} value={kwh} unit={t("units.kwh")} />
      <NumberInput name="dev_grid" label={t("device.grid")} value={grid} unit={t("units.gPerKwh")} />
      <NumberInput name="dev_years" label={t("device.years")} value={years} unit={t("units.years")} />
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
  const { t } = useTranslation("lesson");
  return (
    <section
      id={id}
      className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
      aria-labelledby={`${id}-title`}
    >
      <p className="text-sm font-semibold uppercase tracking-wide muted">{t("form.exercise")}</p>
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
          {t("form.result")}
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
  options: (readonly [string, string])[];
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

const readInt = (v: string | null) => {
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) ? n : null;
};

const VERDICT_TONE: Record<Scope3Verdict, string> = {
  hit: "text-emerald-800 dark:text-emerald-300",
  "left-out": "text-emerald-800 dark:text-emerald-300",
  either: "text-sky-800 dark:text-sky-300",
  missed: "text-red-800 dark:text-red-300",
  extra: "text-amber-800 dark:text-amber-300",
};

export function Scope3Screening(props: { company?: string }) {
  const { t, language } = useLessonText();
  const company = props.company ?? t("scope3.defaultCompany");
  const q = useContext(LessonQueryContext);
  const submitted = q.has("s3_check");
  const selected = q.getAll("s3_cat").map(Number);
  const r = gradeScope3(selected, language);
  const box = (c: (typeof r.rows)[number]) => (
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
      title={t("scope3.title")}
      intro={<p>{t("scope3.intro", { company })}</p>}
      button={t("scope3.button")}
      marker="s3_check"
      result={
        !submitted ? (
          <p>{t("scope3.prompt")}</p>
        ) : (
          <>
            <p>
              <strong>{t("scope3.score", { right: r.right, total: r.total })}</strong> {r.summary}
            </p>
            <ul className="space-y-2">
              {r.rows.map((row) => (
                <li key={row.n}>
                  <p>
                    <Trans
                      t={t}
                      i18nKey={row.picked ? "scope3.rowTicked" : "scope3.rowLeft"}
                      values={{ n: row.n, name: row.name, verdict: t(`scope3.verdict.${row.verdict}`) }}
                      components={{
                        name: <span className="font-semibold" />,
                        verdict: <span className={`font-semibold ${VERDICT_TONE[row.verdict]}`} />,
                      }}
                    />
                  </p>
                  <p className="text-sm">{row.why}</p>
                </li>
              ))}
            </ul>
            <p>
              <Trans t={t} i18nKey="scope3.quote" components={STRONG} />
            </p>
            <p>
              <Trans t={t} i18nKey="scope3.next" components={STRONG} />
            </p>
          </>
        )
      }
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Fieldset legend={t("scope3.upstream")}>
          <div className="space-y-1">{r.rows.filter((c) => c.stream === "upstream").map(box)}</div>
        </Fieldset>
        <Fieldset legend={t("scope3.downstream")}>
          <div className="space-y-1">{r.rows.filter((c) => c.stream === "downstream").map(box)}</div>
        </Fieldset>
      </div>
    </ExerciseForm>
  );
}

export function CircularityScore(props: { device?: string }) {
  const { t, language, pct, join } = useLessonText();
  const device = props.device ?? t("circularity.defaultDevice");
  const q = useContext(LessonQueryContext);
  const submitted = q.has("circ_check");
  const criteria = circularityCriteria(language);
  const ratings = Object.fromEntries(
    criteria.map((c) => [c.id, { relevance: q.get(`circ_${c.id}_r`), margin: q.get(`circ_${c.id}_m`) }]),
  );
  const r = scoreCircularity(ratings, language);
  const choose = ["", t("form.choose")] as const;
  const relevanceOptions = RELEVANCE.map((v) => [v, t(`circularity.relevance.${v}`)] as const);
  const marginOptions = MARGIN.map((v) => [v, t(`circularity.margin.${v}`)] as const);
  return (
    <ExerciseForm
      id="circularity-score"
      title={t("circularity.title", { device })}
      intro={<p>{t("circularity.intro", { device })}</p>}
      button={t("circularity.button")}
      marker="circ_check"
      result={
        !submitted ? (
          <p>{t("circularity.prompt")}</p>
        ) : "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <>
            <ul className="space-y-2">
              {r.groups.map((g) => (
                <li key={g.group}>
                  <p>
                    {g.score === null ? (
                      <Trans
                        t={t}
                        i18nKey="circularity.groupNotScored"
                        values={{ group: g.name }}
                        components={STRONG}
                      />
                    ) : (
                      <Trans
                        t={t}
                        i18nKey="circularity.groupScore"
                        count={g.counted}
                        values={{ group: g.name, score: pct(g.score / 100) }}
                        components={STRONG}
                      />
                    )}
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
                  <Trans t={t} i18nKey="circularity.whereLost" components={STRONG} />
                </p>
                <ol className="list-decimal space-y-1 ps-6">
                  {r.weakest.map((c) => (
                    <li key={c.id}>
                      {t("circularity.weakest", {
                        count: Math.round(c.pointsOffGroup),
                        name: c.name,
                        relevance: t(`circularity.relevanceInText.${c.relevance}`),
                        margin: t(`circularity.marginInText.${c.margin!}`),
                        score: pct(c.score! / 100),
                        group: c.groupName,
                        fix: c.fix,
                      })}
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p>{t("circularity.nothingLost")}</p>
            )}
            {r.notRelevant.length ? (
              <p>{t("circularity.notRelevant", { criteria: join(r.notRelevant.map((c) => c.name)) })}</p>
            ) : null}
            <p>
              <Trans t={t} i18nKey="circularity.threeScores" components={STRONG} />
            </p>
            <p>
              <Trans t={t} i18nKey="circularity.next" components={STRONG} />
            </p>
          </>
        )
      }
    >
      <p className="text-sm muted">{t("circularity.simplified")}</p>
      {CIRCULARITY_GROUPS.map((group) => (
        <Fieldset key={group} legend={t(`circularity.groups.${group}`)}>
          <div className="space-y-3">
            {criteria
              .filter((c) => c.group === group)
              .map((c) => (
                <fieldset key={c.id} className="grid gap-2 sm:grid-cols-2">
                  <legend className="mb-1 text-sm font-medium">{c.name}</legend>
                  <Select
                    name={`circ_${c.id}_r`}
                    label={t("circularity.relevanceLabel")}
                    value={ratings[c.id]!.relevance ?? ""}
                    options={[choose, ...relevanceOptions]}
                  />
                  <Select
                    name={`circ_${c.id}_m`}
                    label={t("circularity.marginLabel")}
                    value={ratings[c.id]!.margin ?? ""}
                    options={[choose, ...marginOptions]}
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
  const { t, language, format, fmt, pct, grams } = useLessonText();
  const q = useContext(LessonQueryContext);
  const unit = props.unitName ?? t("sci.defaultUnit");
  const input = {
    energyKwh: readNumber(q.get("sci_e"), Number(props.energyKwh ?? 0.5)),
    gridIntensity: readNumber(q.get("sci_i"), Number(props.gridIntensity ?? 494)),
    embodiedKg: readNumber(q.get("sci_te"), Number(props.embodiedKg ?? 1000)),
    lifespanYears: readNumber(q.get("sci_life"), Number(props.lifespanYears ?? 4)),
    hoursReserved: readNumber(q.get("sci_hours"), Number(props.hoursReserved ?? 1)),
    resourceSharePercent: readNumber(q.get("sci_share"), Number(props.resourceShare ?? 100)),
    units: readNumber(q.get("sci_r"), Number(props.units ?? 100000)),
  };
  const r = sci(input, language);
  return (
    <ExerciseForm
      id="sci-calculator"
      title={t("sci.title")}
      intro={<p>{t("sci.intro")}</p>}
      button={t("sci.button")}
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <>
            <p>
              <Trans
                t={t}
                i18nKey="sci.score"
                values={{
                  perUnit: grams(r.perUnitG),
                  unit,
                  operational: grams(r.operationalG),
                  embodied: grams(r.embodiedG),
                  units: fmt(input.units, 0),
                }}
                components={STRONG}
              />
            </p>
            <ul className="list-disc space-y-1 ps-6">
              <li>
                <Trans
                  t={t}
                  i18nKey="sci.operational"
                  values={{
                    energy: fmt(input.energyKwh, 4),
                    grid: fmt(input.gridIntensity, 0),
                    operational: grams(r.operationalG),
                    wh: fmt(r.energyPerUnitKwh * 1000, 4),
                    unit,
                  }}
                  components={STRONG}
                />
              </li>
              <li>
                <Trans
                  t={t}
                  i18nKey="sci.embodied"
                  values={{
                    embodiedKg: fmt(input.embodiedKg),
                    hours: fmt(input.hoursReserved, 2),
                    years: fmt(input.lifespanYears),
                    share: format.percent(input.resourceSharePercent, 1),
                    embodied: grams(r.embodiedG),
                  }}
                  components={STRONG}
                />
              </li>
              <li>
                <Trans
                  t={t}
                  i18nKey="sci.functionalUnit"
                  values={{ units: fmt(input.units, 0), unit }}
                  components={STRONG}
                />
              </li>
            </ul>
            <p>
              {t("sci.shares", { operational: pct(r.operationalShare), embodied: pct(1 - r.operationalShare) })}{" "}
              {r.levers}
            </p>
            <p>
              <Trans t={t} i18nKey="sci.cannot" components={STRONG} />
            </p>
            <p>
              <Trans t={t} i18nKey="sci.next" components={STRONG} />
            </p>
          </>
        )
      }
    >
      <Fieldset legend={t("sci.operationalLegend")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput name="sci_e" label={t("sci.fields.energy")} value={input.energyKwh} unit={t("units.kwh")} />
          <NumberInput
            name="sci_i"
            label={t("sci.fields.grid")}
            value={input.gridIntensity}
            unit={t("units.gPerKwh")}
          />
        </div>
      </Fieldset>
      <Fieldset legend={t("sci.embodiedLegend")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <NumberInput
            name="sci_te"
            label={t("sci.fields.embodied")}
            value={input.embodiedKg}
            unit={t("units.kgCo2e")}
          />
          <NumberInput
            name="sci_life"
            label={t("sci.fields.lifespan")}
            value={input.lifespanYears}
            unit={t("units.years")}
          />
          <NumberInput
            name="sci_hours"
            label={t("sci.fields.hours")}
            value={input.hoursReserved}
            unit={t("units.hours")}
          />
          <NumberInput name="sci_share" label={t("sci.fields.share")} value={input.resourceSharePercent} unit="%" />
        </div>
      </Fieldset>
      <Fieldset legend={t("sci.functionalLegend")}>
        <NumberInput
          name="sci_r"
          label={t("sci.fields.units")}
          value={input.units}
          unit={t("sci.unitPlural", { unit })}
        />
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
  const { t, language, fmt, pct } = useLessonText();
  const q = useContext(LessonQueryContext);
  const labels = {
    A: props.labelA ?? t("hosting.defaultLabelA"),
    B: props.labelB ?? t("hosting.defaultLabelB"),
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
  const r = hostingTradeoff(a, b, language);
  const option = (key: "A" | "B", o: typeof a) => (
    <Fieldset legend={t("hosting.option", { option: key, label: labels[key] })}>
      <div className="space-y-3">
        <NumberInput
          name={`host_${key.toLowerCase()}_it`}
          label={t("hosting.fields.it")}
          value={o.itKwh}
          unit={t("units.kwh")}
        />
        <NumberInput
          name={`host_${key.toLowerCase()}_pue`}
          label={t("hosting.fields.pue")}
          value={o.pue}
          unit={t("hosting.fields.pueUnit")}
        />
        <NumberInput
          name={`host_${key.toLowerCase()}_grid`}
          label={t("hosting.fields.grid")}
          value={o.gridIntensity}
          unit={t("units.gPerKwh")}
        />
      </div>
    </Fieldset>
  );
  return (
    <ExerciseForm
      id="hosting-tradeoff"
      title={t("hosting.title")}
      intro={<p>{t("hosting.intro")}</p>}
      button={t("hosting.button")}
      result={
        "error" in r ? (
          <p>{r.error}</p>
        ) : (
          <>
            <ul className="list-disc space-y-1 ps-6">
              {(["A", "B"] as const).map((k) => {
                const o = r[k];
                return (
                  <li key={k}>
                    <Trans
                      t={t}
                      i18nKey="hosting.row"
                      values={{
                        option: k,
                        label: labels[k],
                        it: fmt(o.itKwh, 0),
                        pue: fmt(o.pue, 2),
                        facility: fmt(o.facilityKwh, 0),
                        overhead: fmt(o.overheadKwh, 0),
                        grid: fmt(o.gridIntensity, 0),
                        tonnes: fmt(o.tonnes, 1),
                      }}
                      components={STRONG}
                    />
                  </li>
                );
              })}
            </ul>
            <p>
              <strong>
                {r.winner === null
                  ? t("hosting.tie")
                  : t("hosting.winner", {
                      option: r.winner,
                      saving: pct(r.saving),
                      difference: fmt(Math.abs(r.A.tonnes - r.B.tonnes), 1),
                    })}
              </strong>{" "}
              {r.why}
            </p>
            <p>{t("hosting.scale")}</p>
            <p>
              <Trans t={t} i18nKey="hosting.next" components={STRONG} />
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

export function WarningChain(props: { hazard?: string }) {
  const { t, language, join } = useLessonText();
  const hazard = props.hazard ?? t("warning.defaultHazard");
  const q = useContext(LessonQueryContext);
  const submitted = q.has("ew_check");
  const answers = Object.fromEntries(
    WARNING_STEPS.map((s) => [
      s.id,
      { position: readInt(q.get(`ew_${s.id}_pos`)), pillar: readInt(q.get(`ew_${s.id}_pillar`)) },
    ]),
  );
  const r = gradeWarningChain(answers, language);
  const pillars = ew4allPillars(language);
  const byId = Object.fromEntries(warningSteps(language).map((s) => [s.id, s]));
  const pillarName = (n: number) => t("warning.pillarName", { n, name: pillars.find((p) => p.n === n)?.name ?? "?" });
  const positions = (list: number[]) =>
    new Intl.ListFormat(formattingLocale(language), { type: "conjunction" }).format(list.map(String));
  return (
    <ExerciseForm
      id="warning-chain"
      title={t("warning.title", { hazard })}
      intro={<p>{t("warning.intro")}</p>}
      button={t("warning.button")}
      marker="ew_check"
      result={
        !submitted ? (
          <p>{t("warning.prompt")}</p>
        ) : (
          <>
            <p>
              <Trans
                t={t}
                i18nKey="warning.score"
                values={{ positions: r.positionsRight, pillars: r.pillarsRight, total: r.total }}
                components={STRONG}
              />{" "}
              {r.summary}
            </p>
            {r.duplicates.length ? <p>{t("warning.duplicates", { positions: positions(r.duplicates) })}</p> : null}
            <ol className="list-decimal space-y-2 ps-6">
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
                        ? t("warning.rightPlace")
                        : row.position === null
                          ? t("warning.noPosition", { right: row.rightPosition })
                          : t("warning.wrongPosition", { position: row.position, right: row.rightPosition })}
                    </span>{" "}
                    <span
                      className={
                        row.pillarOk ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"
                      }
                    >
                      {row.pillarOk
                        ? t("warning.rightPillar")
                        : row.pillarAnswer === null
                          ? t("warning.noPillar", { right: pillarName(row.pillar) })
                          : t("warning.wrongPillar", {
                              chosen: pillarName(row.pillarAnswer),
                              right: pillarName(row.pillar),
                            })}
                    </span>{" "}
                    {row.why}
                  </p>
                </li>
              ))}
            </ol>
            <p>
              <Trans t={t} i18nKey="warning.next" components={STRONG} />
            </p>
          </>
        )
      }
    >
      <p className="text-sm muted">
        {t("warning.pillars", {
          pillars: join(pillars.map((p) => t("warning.pillarLed", { n: p.n, name: p.name, lead: p.lead }))),
        })}
      </p>
      {WARNING_DISPLAY_ORDER.map((id, i) => {
        const step = byId[id]!;
        const a = answers[id]!;
        return (
          <Fieldset key={id} legend={t("warning.step", { letter: String.fromCharCode(65 + i), text: step.text })}>
            <div className="grid gap-3 sm:grid-cols-2">
              <Select
                name={`ew_${id}_pos`}
                label={t("warning.position")}
                value={a.position === null ? "" : String(a.position)}
                options={[
                  ["", t("form.choose")],
                  ...WARNING_STEPS.map((_, n): [string, string] => [String(n + 1), String(n + 1)]),
                ]}
              />
              <Select
                name={`ew_${id}_pillar`}
                label={t("warning.pillar")}
                value={a.pillar === null ? "" : String(a.pillar)}
                options={[
                  ["", t("form.choose")],
                  ...pillars.map((p): [string, string] => [String(p.n), `${p.n}. ${p.name}`]),
                ]}
              />
            </div>
          </Fieldset>
        );
      })}
    </ExerciseForm>
  );
}

/** A wide table scrolls inside its own box (focusable, so keyboard users can scroll it too) instead of widening the page. */
function ScrollingTable(props: ComponentProps<"table">) {
  const { t } = useTranslation("lesson");
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t("table.scrolls")}>
      <table {...props} />
    </div>
  );
}

/** Markdown's own elements, where the lesson page needs more than the plain tag. */
export const markdownElements = {
  table: ScrollingTable,
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
