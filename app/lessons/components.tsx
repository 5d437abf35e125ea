// The lesson components, rendered on the server into the lesson's HTML. Each works without
// JavaScript. Their props are checked against the registry before a lesson is compiled.
import { createContext, useContext, useId, type ReactNode } from "react";
import { deviceFootprint, pue, readNumber } from "./calculators";

/** The query string of the lesson request: calculators read their submitted inputs from it. */
export const LessonQueryContext = createContext<URLSearchParams>(new URLSearchParams());

const fmt = (n: number, digits = 1) => n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

export function Callout({ type, title, children }: { type: "note" | "tip" | "warning"; title?: string; children: ReactNode }) {
  const label = { note: "Note", tip: "Tip", warning: "Warning" }[type];
  const tone = {
    note: "border-sky-600 bg-sky-50 dark:bg-sky-950",
    tip: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
    warning: "border-amber-600 bg-amber-50 dark:bg-amber-950",
  }[type];
  return (
    <aside className={`not-prose my-6 rounded-r-md border-l-4 p-4 ${tone}`} aria-label={title ? `${label}: ${title}` : label}>
      <p className="font-semibold">{title ? `${label}: ${title}` : label}</p>
      <div className="prose prose-slate mt-1 max-w-none dark:prose-invert">{children}</div>
    </aside>
  );
}

export function KeyFigure({ value, label, source, year }: { value: string; label: string; source: string; year: string }) {
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
      <dfn tabIndex={0} aria-describedby={id} className="cursor-help not-italic underline decoration-dotted underline-offset-4">
        {children}
      </dfn>
      <span id={id} role="tooltip" className="term-tip">
        {definition}
      </span>
    </span>
  );
}

export function Figure({ src, alt, caption }: { src: string; alt: string; caption: string }) {
  return (
    <figure className="my-6">
      <img src={src} alt={alt} loading="lazy" className="mx-auto max-w-full" />
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
export function KnowledgeCheck({ question, multiple, children }: { question: string; multiple?: boolean; children: ReactNode }) {
  const id = useId();
  return (
    <section className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600" aria-labelledby={id}>
      <p className="text-sm font-semibold uppercase tracking-wide muted">Check your understanding</p>
      <p id={id} className="mt-1 text-lg font-semibold">
        {question}
      </p>
      <p className="text-sm muted">{multiple ? "More than one answer is right. " : ""}Open an answer to see if it is right.</p>
      <ul className="mt-3 space-y-2">{children}</ul>
    </section>
  );
}

export function Option({ correct, feedback, children }: { correct?: boolean; feedback: string; children: ReactNode }) {
  return (
    <li>
      <details className="rounded-md border border-slate-200 dark:border-slate-700">
        <summary className="cursor-pointer p-3">{children}</summary>
        <p className={`border-t border-slate-200 p-3 dark:border-slate-700 ${correct ? "text-emerald-800 dark:text-emerald-300" : "text-red-800 dark:text-red-300"}`}>
          <strong>{correct ? "Right." : "Not quite."}</strong> {feedback}
        </p>
      </details>
    </li>
  );
}

function CalculatorForm({ id, title, children, result }: { id: string; title: string; children: ReactNode; result: ReactNode }) {
  return (
    <section id={id} className="not-prose my-8 rounded-md border border-slate-300 p-4 dark:border-slate-600" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h3>
      <form method="get" action={`#${id}`} className="mt-3 grid gap-3 sm:grid-cols-2">
        {children}
        <div className="sm:col-span-2">
          <button type="submit" className="btn-primary">Calculate</button>
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
      <input type="number" name={name} defaultValue={value} min="0" step="any" inputMode="decimal" className="field-input" />
    </label>
  );
}

export function PueCalculator({ facilityKwh = "1500000", itKwh = "1000000" }: { facilityKwh?: string; itKwh?: string }) {
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
            PUE = {fmt(facility, 0)} ÷ {fmt(it, 0)} = <strong>{fmt(r.pue, 2)}</strong>. Overhead (cooling, power conversion, lighting) is{" "}
            {fmt(r.overheadKwh, 0)} kWh, {fmt(r.overheadShare * 100, 0)} % of the facility&apos;s energy.
          </p>
        )
      }
    >
      <NumberInput name="pue_facility" label="Total facility energy" value={facility} unit="kWh" />
      <NumberInput name="pue_it" label="IT equipment energy" value={it} unit="kWh" />
    </CalculatorForm>
  );
}

export function DeviceCarbonCalculator(props: { embodiedKg?: string; annualKwh?: string; gridIntensity?: string; years?: string }) {
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
            Over {fmt(years)} years: <strong>{fmt(r.perYear)} kg CO2e a year</strong>, of which {fmt(r.embodiedPerYear)} kg from making the
            device and {fmt(r.usePerYear)} kg from its electricity. Manufacturing is {fmt(r.embodiedShare * 100, 0)} % of the yearly footprint;
            keeping the device one more year would cut it to {fmt(embodied / (years + 1) + r.usePerYear)} kg a year.
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
};
