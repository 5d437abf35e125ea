// The grading and arithmetic behind the lesson exercises, kept apart from their forms so they can
// be tested. Every result carries its explanation, in the page's language: what the number means
// and what to do next. Figures quoted come from the course fact sheet, each with its source and
// year. The words are in the `lesson` message files (app/i18n/messages/<language>/lesson.json).
import type { TFunction } from "i18next";
import { formattingLocale } from "~/i18n/config";
import { translator } from "~/i18n/i18n.server";

/** The lesson messages in `language`, from the server's shared translators. */
const messagesIn = (language: string): TFunction => translator(language, "lesson");

/** A list of names as the language separates them ("a; b" in English, "أ؛ ب" in Arabic). */
const list = (t: TFunction, items: string[]) => items.join(t("list.separator"));

/* ------------------------------------------------------------------------------------------------
 * Scope 3 screening for a telecom operator
 * --------------------------------------------------------------------------------------------- */

/** How much a category weighs in published operator footprints: it should be screened in, out, or it depends. */
export type Scope3Weight = "major" | "minor" | "depends";

/** The 15 categories of the GHG Protocol; their names and the reason for each weight are messages. */
export const SCOPE3_CATEGORIES: { n: number; stream: "upstream" | "downstream"; weight: Scope3Weight }[] = [
  { n: 1, stream: "upstream", weight: "major" },
  { n: 2, stream: "upstream", weight: "major" },
  { n: 3, stream: "upstream", weight: "depends" },
  { n: 4, stream: "upstream", weight: "minor" },
  { n: 5, stream: "upstream", weight: "minor" },
  { n: 6, stream: "upstream", weight: "minor" },
  { n: 7, stream: "upstream", weight: "minor" },
  { n: 8, stream: "upstream", weight: "minor" },
  { n: 9, stream: "downstream", weight: "minor" },
  { n: 10, stream: "downstream", weight: "minor" },
  { n: 11, stream: "downstream", weight: "major" },
  { n: 12, stream: "downstream", weight: "minor" },
  { n: 13, stream: "downstream", weight: "depends" },
  { n: 14, stream: "downstream", weight: "minor" },
  { n: 15, stream: "downstream", weight: "major" },
];

/** The categories with their names and the reason for their weight, in `language`. */
export function scope3Categories(language = "en") {
  const t = messagesIn(language);
  return SCOPE3_CATEGORIES.map((c) => ({
    ...c,
    name: t(`scope3.categories.${c.n}.name`),
    why: t(`scope3.categories.${c.n}.why`),
  }));
}

export type Scope3Verdict = "hit" | "missed" | "extra" | "left-out" | "either";

/** Grades a screening: which categories the learner marked as mattering most. */
export function gradeScope3(selected: number[], language = "en") {
  const t = messagesIn(language);
  const chosen = new Set(selected.filter((n) => Number.isInteger(n) && n >= 1 && n <= 15));
  const rows = scope3Categories(language).map((c) => {
    const picked = chosen.has(c.n);
    const verdict: Scope3Verdict =
      c.weight === "depends"
        ? "either"
        : c.weight === "major"
          ? picked
            ? "hit"
            : "missed"
          : picked
            ? "extra"
            : "left-out";
    return { ...c, picked, verdict };
  });
  const major = rows.filter((r) => r.weight === "major");
  const hits = major.filter((r) => r.picked).length;
  const extras = rows.filter((r) => r.verdict === "extra").length;
  const right = rows.filter((r) => r.verdict === "hit" || r.verdict === "left-out" || r.verdict === "either").length;
  const summary =
    hits === major.length && extras === 0
      ? t("scope3.summary.all")
      : hits === major.length
        ? t("scope3.summary.allWithExtras", { count: extras })
        : extras
          ? t("scope3.summary.someWithExtras", { count: extras, hits, major: major.length })
          : t("scope3.summary.some", { hits, major: major.length });
  return { rows, hits, majorCount: major.length, extras, right, total: rows.length, summary };
}

/* ------------------------------------------------------------------------------------------------
 * Circularity score in the structure of ITU-T L.1023
 * --------------------------------------------------------------------------------------------- */

/** The three groups L.1023 scores apart; their names are messages. */
export const CIRCULARITY_GROUPS = ["durability", "recycle", "repair"] as const;
export type CircularityGroup = (typeof CIRCULARITY_GROUPS)[number];

/** Example criteria for this exercise, grouped as L.1023 groups its scores. L.1023 defines its own list. */
export const CIRCULARITY_CRITERIA: { id: string; group: CircularityGroup }[] = [
  { id: "robust", group: "durability" },
  { id: "wear", group: "durability" },
  { id: "updates", group: "durability" },
  { id: "materials", group: "recycle" },
  { id: "dismantle", group: "recycle" },
  { id: "hazardous", group: "recycle" },
  { id: "parts", group: "repair" },
  { id: "info", group: "repair" },
  { id: "reset", group: "repair" },
];

/** A group's name in `language`: "Product durability". */
export const circularityGroupName = (group: CircularityGroup, language = "en") =>
  messagesIn(language)(`circularity.groups.${group}`);

/** The criteria with their names and their next design step, in `language`. */
export function circularityCriteria(language = "en") {
  const t = messagesIn(language);
  return CIRCULARITY_CRITERIA.map((c) => ({
    ...c,
    name: t(`circularity.criteria.${c.id}.name`),
    fix: t(`circularity.criteria.${c.id}.fix`),
  }));
}

/** The ratings a learner gives; their labels are messages (circularity.relevance.*, circularity.margin.*). */
export const RELEVANCE = ["none", "low", "medium", "high"] as const;
export const MARGIN = ["none", "small", "medium", "large"] as const;
export type Relevance = (typeof RELEVANCE)[number];
export type Margin = (typeof MARGIN)[number];

/**
 * The value matrix of this exercise: the score (0–100%) of one criterion for each pair of
 * relevance and margin of improvement. L.1023 reads these from its own predefined matrix; these
 * values are illustrative and only keep its logic: no margin scores 100%, and the same margin
 * costs more on a more relevant criterion.
 */
export const VALUE_MATRIX: Record<Exclude<Relevance, "none">, Record<Margin, number>> = {
  low: { none: 100, small: 90, medium: 75, large: 60 },
  medium: { none: 100, small: 80, medium: 55, large: 30 },
  high: { none: 100, small: 70, medium: 35, large: 0 },
};

export type CircularityRating = { relevance?: string | null; margin?: string | null };

export function scoreCircularity(ratings: Record<string, CircularityRating>, language = "en") {
  const t = messagesIn(language);
  const isRelevance = (v: unknown): v is Relevance => RELEVANCE.includes(v as Relevance);
  const isMargin = (v: unknown): v is Margin => MARGIN.includes(v as Margin);
  const all = circularityCriteria(language);
  const missing = all.filter((c) => {
    const r = ratings[c.id];
    if (!isRelevance(r?.relevance)) return true;
    return r.relevance !== "none" && !isMargin(r.margin);
  });
  if (missing.length)
    return {
      error: t("circularity.errors.unrated", {
        criteria: list(
          t,
          missing.map((c) => c.name),
        ),
      }),
      missing: missing.map((c) => c.id),
    } as const;

  const criteria = all.map((c) => {
    const relevance = ratings[c.id]!.relevance as Relevance;
    const margin = relevance === "none" ? null : (ratings[c.id]!.margin as Margin);
    const score = relevance === "none" || margin === null ? null : VALUE_MATRIX[relevance][margin];
    return { ...c, relevance, margin, score, loss: score === null ? 0 : 100 - score };
  });
  const groups = CIRCULARITY_GROUPS.map((group) => {
    const scored = criteria.filter((c) => c.group === group && c.score !== null);
    const score = scored.length ? scored.reduce((s, c) => s + c.score!, 0) / scored.length : null;
    return { group, name: t(`circularity.groups.${group}`), score, counted: scored.length };
  });
  // Within a group each counted criterion moves the average by loss ÷ number counted.
  const weakest = criteria
    .filter((c) => c.loss > 0)
    .map((c) => {
      const group = groups.find((g) => g.group === c.group)!;
      return { ...c, groupName: group.name, pointsOffGroup: c.loss / group.counted };
    })
    .sort((a, b) => b.pointsOffGroup - a.pointsOffGroup)
    .slice(0, 3);
  const notRelevant = criteria.filter((c) => c.relevance === "none");
  return { criteria, groups, weakest, notRelevant } as const;
}

/* ------------------------------------------------------------------------------------------------
 * Software Carbon Intensity (GSF; ISO/IEC 21031:2024)
 * --------------------------------------------------------------------------------------------- */

const HOURS_PER_YEAR = 24 * 365;

export type SciInput = {
  /** E: energy used by the software in the time window, kWh. */
  energyKwh: number;
  /** I: location-based grid intensity, g CO2e per kWh. */
  gridIntensity: number;
  /** TE: total embodied emissions of the hardware, kg CO2e. */
  embodiedKg: number;
  lifespanYears: number;
  /** Hours of the hardware's life reserved by the software in the time window. */
  hoursReserved: number;
  /** Share of the hardware's resources reserved, in percent. */
  resourceSharePercent: number;
  /** R: functional units served in the same time window. */
  units: number;
};

/** SCI = ((E × I) + M) per R, with M = TE × (time reserved ÷ expected lifespan) × (resources reserved ÷ total). Grams per unit. */
export function sci(input: SciInput, language = "en") {
  const t = messagesIn(language);
  const { energyKwh, gridIntensity, embodiedKg, lifespanYears, hoursReserved, resourceSharePercent, units } = input;
  if (!(units >= 1)) return { error: t("sci.errors.units") } as const;
  if (!(lifespanYears > 0)) return { error: t("sci.errors.lifespan") } as const;
  if ([energyKwh, gridIntensity, embodiedKg, hoursReserved].some((v) => !(v >= 0)))
    return { error: t("errors.negative") } as const;
  if (!(resourceSharePercent > 0 && resourceSharePercent <= 100)) return { error: t("sci.errors.share") } as const;
  const lifeHours = lifespanYears * HOURS_PER_YEAR;
  if (hoursReserved > lifeHours) return { error: t("sci.errors.hours") } as const;
  const operationalG = energyKwh * gridIntensity;
  const embodiedG = embodiedKg * 1000 * (hoursReserved / lifeHours) * (resourceSharePercent / 100);
  const totalG = operationalG + embodiedG;
  const perUnitG = totalG / units;
  const operationalShare = totalG > 0 ? operationalG / totalG : 0;
  const levers = operationalShare >= 0.5 ? t("sci.levers.operational") : t("sci.levers.embodied");
  return {
    operationalG,
    embodiedG,
    totalG,
    perUnitG,
    energyPerUnitKwh: energyKwh / units,
    operationalShare,
    levers,
  } as const;
}

/* ------------------------------------------------------------------------------------------------
 * Hosting trade-off: PUE and grid intensity
 * --------------------------------------------------------------------------------------------- */

export type HostingOption = { itKwh: number; pue: number; gridIntensity: number };

/** A ratio with a fixed number of decimals ("7.0"), as the language writes it; made once per language and digits. */
const fixedFormats = new Map<string, Intl.NumberFormat>();
function fixed(value: number, digits: number, language: string) {
  const key = `${language}:${digits}`;
  let f = fixedFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(formattingLocale(language), {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
    fixedFormats.set(key, f);
  }
  return f.format(value);
}

export function hostingTradeoff(a: HostingOption, b: HostingOption, language = "en") {
  const t = messagesIn(language);
  for (const [option, o] of [
    ["A", a],
    ["B", b],
  ] as const) {
    if (!(o.itKwh > 0)) return { error: t("hosting.errors.it", { option }) } as const;
    if (!(o.pue >= 1)) return { error: t("hosting.errors.pue", { option }) } as const;
    if (!(o.gridIntensity >= 0)) return { error: t("hosting.errors.grid", { option }) } as const;
  }
  const compute = (o: HostingOption) => {
    const facilityKwh = o.itKwh * o.pue;
    return { ...o, facilityKwh, overheadKwh: facilityKwh - o.itKwh, tonnes: (facilityKwh * o.gridIntensity) / 1e6 };
  };
  const A = compute(a);
  const B = compute(b);
  const winner = A.tonnes === B.tonnes ? null : A.tonnes < B.tonnes ? "A" : "B";
  const [lo, hi] = A.tonnes <= B.tonnes ? [A, B] : [B, A];
  const saving = hi.tonnes > 0 ? (hi.tonnes - lo.tonnes) / hi.tonnes : 0;
  const ratio = (x: number, y: number) => (Math.min(x, y) > 0 ? Math.max(x, y) / Math.min(x, y) : Infinity);
  const times = (r: number) =>
    Number.isFinite(r)
      ? t("hosting.times", { ratio: fixed(r, r >= 10 ? 0 : r >= 2 ? 1 : 2, language) })
      : t("hosting.timesFar");
  const pueRatio = ratio(A.pue, B.pue);
  const gridRatio = ratio(A.gridIntensity, B.gridIntensity);
  const itRatio = ratio(A.itKwh, B.itKwh);
  const lowPue = A.pue < B.pue ? "A" : A.pue > B.pue ? "B" : null;
  const cleanGrid = A.gridIntensity < B.gridIntensity ? "A" : A.gridIntensity > B.gridIntensity ? "B" : null;
  const lessIt = A.itKwh < B.itKwh ? "A" : A.itKwh > B.itKwh ? "B" : null;
  /** Which factor explains most of the gap: emissions = IT × PUE × I, so the ratios multiply. */
  const driver: "pue" | "grid" | "it" | null =
    winner === null
      ? null
      : (
          [
            ["grid", gridRatio],
            ["pue", pueRatio],
            ["it", itRatio],
          ] as const
        ).reduce((best, f) => (f[1] > best[1] ? f : best))[0];
  const parts: string[] = [];
  if (winner === null) parts.push(t("hosting.why.tie"));
  else {
    const other = winner === "A" ? "B" : "A";
    const values = { winner, other, grid: times(gridRatio), pue: times(pueRatio) };
    if (cleanGrid === winner && lowPue === other) parts.push(t("hosting.why.gridOutweighsPue", values));
    else if (lowPue === winner && cleanGrid === other) parts.push(t("hosting.why.pueOutweighsGrid", values));
    else if (lowPue === winner && cleanGrid === winner) parts.push(t("hosting.why.both", values));
    else if (cleanGrid === winner) parts.push(t("hosting.why.gridDecides", values));
    else if (lowPue === winner) parts.push(t("hosting.why.pueDecides", values));
    if (lessIt && itRatio > 1)
      parts.push(
        t(lessIt === winner ? "hosting.why.lessIt" : "hosting.why.lessItNotEnough", {
          option: lessIt,
          it: times(itRatio),
        }),
      );
    parts.push(t(`hosting.why.driver.${driver!}`));
  }
  const why = parts.join(" ");
  return { A, B, winner, saving, driver, why } as const;
}

/* ------------------------------------------------------------------------------------------------
 * Early Warnings for All: the warning chain
 * --------------------------------------------------------------------------------------------- */

/** The four pillars of Early Warnings for All and the agency that leads each; their names are messages. */
export const EW4ALL_PILLARS = [
  { n: 1, lead: "UNDRR" },
  { n: 2, lead: "WMO" },
  { n: 3, lead: "ITU" },
  { n: 4, lead: "IFRC" },
] as const;

/** The pillars with their names, in `language`. */
export function ew4allPillars(language = "en") {
  const t = messagesIn(language);
  return EW4ALL_PILLARS.map((p) => ({ ...p, name: t(`warning.pillarNames.${p.n}`) }));
}

/** The steps of the chain, in their right order; `pillar` is the EW4All pillar that owns each. */
export const WARNING_STEPS = [
  { id: "risk", pillar: 1 },
  { id: "forecast", pillar: 2 },
  { id: "cap", pillar: 3 },
  { id: "broadcast", pillar: 3 },
  { id: "act", pillar: 4 },
] as const;

/** The steps with their text and the reason each sits where it does, in `language`. */
export function warningSteps(language = "en") {
  const t = messagesIn(language);
  return WARNING_STEPS.map((s) => ({
    ...s,
    text: t(`warning.steps.${s.id}.text`),
    why: t(`warning.steps.${s.id}.why`),
  }));
}

/** The order the steps are shown in on the form (not the right order). */
export const WARNING_DISPLAY_ORDER = ["broadcast", "forecast", "act", "risk", "cap"] as const;

export type WarningAnswer = { position?: number | null; pillar?: number | null };

export function gradeWarningChain(answers: Record<string, WarningAnswer>, language = "en") {
  const t = messagesIn(language);
  const positions = WARNING_STEPS.map((s) => answers[s.id]?.position ?? null);
  const counts = new Map<number, number>();
  for (const p of positions) if (p !== null) counts.set(p, (counts.get(p) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
  const rows = warningSteps(language).map((s, i) => {
    const a = answers[s.id] ?? {};
    const position = a.position ?? null;
    const pillar = a.pillar ?? null;
    return {
      ...s,
      rightPosition: i + 1,
      position,
      pillarAnswer: pillar,
      positionOk: position === i + 1,
      pillarOk: pillar === s.pillar,
    };
  });
  const positionsRight = rows.filter((r) => r.positionOk).length;
  const pillarsRight = rows.filter((r) => r.pillarOk).length;
  const answered = rows.filter((r) => r.position !== null || r.pillarAnswer !== null).length;
  const summary =
    positionsRight === rows.length && pillarsRight === rows.length
      ? t("warning.summary.perfect")
      : pillarsRight < rows.length && rows.filter((r) => !r.pillarOk && (r.pillarAnswer === 3 || r.pillar === 3)).length
        ? t("warning.summary.pillar3")
        : t("warning.summary.general");
  return { rows, positionsRight, pillarsRight, total: rows.length, duplicates, answered, summary };
}
