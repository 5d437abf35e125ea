// The grading and arithmetic behind the lesson exercises, kept apart from their forms so they can
// be tested. Every result carries its explanation: what the number means and what to do next.
// Figures quoted here come from the course fact sheet, each with its source and year.

/* ------------------------------------------------------------------------------------------------
 * Scope 3 screening for a telecom operator
 * --------------------------------------------------------------------------------------------- */

/** How much a category weighs in published operator footprints: it should be screened in, out, or it depends. */
export type Scope3Weight = "major" | "minor" | "depends";

export const SCOPE3_CATEGORIES: {
  n: number;
  name: string;
  stream: "upstream" | "downstream";
  weight: Scope3Weight;
  why: string;
}[] = [
  {
    n: 1,
    name: "Purchased goods and services",
    stream: "upstream",
    weight: "major",
    why: "Network equipment, handsets for resale, IT and outsourced services are bought in. At BT the supply chain (categories 1 and 2 together) was more than 70% of the 2022/23 footprint (BT, 2023/24).",
  },
  {
    n: 2,
    name: "Capital goods",
    stream: "upstream",
    weight: "major",
    why: "Masts, base stations, fibre, switches and data-centre hardware are capital goods; their manufacturing emissions are counted in the year they are bought. With category 1 this is the supply chain that made up more than 70% of BT's 2022/23 footprint.",
  },
  {
    n: 3,
    name: "Fuel- and energy-related activities",
    stream: "upstream",
    weight: "depends",
    why: "The upstream emissions of the electricity and fuel the network uses (extraction, transmission losses). It follows the network's energy use, so report it, but the operator shares in this exercise's sources do not single it out.",
  },
  {
    n: 4,
    name: "Upstream transport and distribution",
    stream: "upstream",
    weight: "minor",
    why: "Freight of equipment to warehouses and sites is real but small beside the manufacturing of what is shipped.",
  },
  {
    n: 5,
    name: "Waste generated in operations",
    stream: "upstream",
    weight: "minor",
    why: "Network waste matters for circularity and e-waste rules, but its greenhouse-gas share is small.",
  },
  {
    n: 6,
    name: "Business travel",
    stream: "upstream",
    weight: "minor",
    why: "Easy to measure, so it is often reported first. Safaricom's Scope 3 was only 8.9% of its total in FY19 because it covered mainly travel, taxis and freight (Safaricom, 2019): a boundary lesson, not a sign that Scope 3 is small.",
  },
  {
    n: 7,
    name: "Employee commuting",
    stream: "upstream",
    weight: "minor",
    why: "Include it for completeness; it is small next to the supply chain and customers' use of products.",
  },
  {
    n: 8,
    name: "Upstream leased assets",
    stream: "upstream",
    weight: "minor",
    why: "Only relevant for assets the operator leases and does not already count in Scopes 1 and 2, such as some leased sites.",
  },
  {
    n: 9,
    name: "Downstream transport and distribution",
    stream: "downstream",
    weight: "minor",
    why: "Delivering devices to shops and customers is small beside making and using them.",
  },
  {
    n: 10,
    name: "Processing of sold products",
    stream: "downstream",
    weight: "minor",
    why: "Applies to intermediate products processed by others; an operator sells finished services and devices.",
  },
  {
    n: 11,
    name: "Use of sold products",
    stream: "downstream",
    weight: "major",
    why: "The electricity customers' routers, set-top boxes and phones use over their lives. Customers' use was about 23% of BT's 2022/23 footprint (BT, 2023/24).",
  },
  {
    n: 12,
    name: "End-of-life treatment of sold products",
    stream: "downstream",
    weight: "minor",
    why: "Disposal of sold devices: important for e-waste, small in greenhouse-gas terms.",
  },
  {
    n: 13,
    name: "Downstream leased assets",
    stream: "downstream",
    weight: "depends",
    why: "Equipment the operator leases to customers rather than sells (for example routers it keeps owning) belongs here rather than in category 11. Whether it matters depends on the operator's business model.",
  },
  {
    n: 14,
    name: "Franchises",
    stream: "downstream",
    weight: "minor",
    why: "Only for operators with franchised shops; usually small.",
  },
  {
    n: 15,
    name: "Investments",
    stream: "downstream",
    weight: "major",
    why: "Emissions of companies the operator holds stakes in. At Vodafone 23% of the FY25 Scope 3 of 6.61 MtCO2e was investments, and the fall since FY20 came mainly from lower equity stakes (Vodafone Annual Report, 2025).",
  },
];

export type Scope3Verdict = "hit" | "missed" | "extra" | "left-out" | "either";

/** Grades a screening: which categories the learner marked as mattering most. */
export function gradeScope3(selected: number[]) {
  const chosen = new Set(selected.filter((n) => Number.isInteger(n) && n >= 1 && n <= 15));
  const rows = SCOPE3_CATEGORIES.map((c) => {
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
      ? "You found all four categories that dominate published operator footprints and kept the small ones out of your priority list."
      : hits === major.length
        ? `You found all four dominant categories, and also marked ${extras} that ${extras === 1 ? "is" : "are"} usually small. Screening is about priorities: keep them in the inventory, but put your data effort where the tonnes are.`
        : `You found ${hits} of the ${major.length} categories that dominate published operator footprints${extras ? ` and marked ${extras} that ${extras === 1 ? "is" : "are"} usually small` : ""}. Look at the ones marked "missed" below: leaving them out is how a Scope 3 figure ends up looking small.`;
  return { rows, hits, majorCount: major.length, extras, right, total: rows.length, summary };
}

/* ------------------------------------------------------------------------------------------------
 * Circularity score in the structure of ITU-T L.1023
 * --------------------------------------------------------------------------------------------- */

export const CIRCULARITY_GROUPS = [
  "Product durability",
  "Ability to recycle",
  "Ability to repair, reuse and upgrade",
] as const;
export type CircularityGroup = (typeof CIRCULARITY_GROUPS)[number];

/** Example criteria for this exercise, grouped as L.1023 groups its scores. L.1023 defines its own list. */
export const CIRCULARITY_CRITERIA: { id: string; group: CircularityGroup; name: string; fix: string }[] = [
  {
    id: "robust",
    group: "Product durability",
    name: "Robust casing, ports and connectors",
    fix: "stronger casing and ports rated for many insertions",
  },
  {
    id: "wear",
    group: "Product durability",
    name: "Long-lived wear parts (fans, capacitors, batteries)",
    fix: "parts rated for the product's intended life",
  },
  {
    id: "updates",
    group: "Product durability",
    name: "Software and security updates for the whole life",
    fix: "a published update period that matches the hardware's life",
  },
  {
    id: "materials",
    group: "Ability to recycle",
    name: "Materials easy to identify and separate",
    fix: "marked plastics and fewer mixed or bonded materials",
  },
  {
    id: "dismantle",
    group: "Ability to recycle",
    name: "Dismantling for recycling with common tools",
    fix: "screws and clips instead of glue",
  },
  {
    id: "hazardous",
    group: "Ability to recycle",
    name: "Hazardous substances avoided or easy to remove",
    fix: "removable batteries and fewer hazardous substances",
  },
  {
    id: "parts",
    group: "Ability to repair, reuse and upgrade",
    name: "Replaceable key parts (power supply, battery, fan)",
    fix: "a power supply and battery that can be swapped without tools or glue",
  },
  {
    id: "info",
    group: "Ability to repair, reuse and upgrade",
    name: "Spare parts and repair information available",
    fix: "spare parts and repair manuals for repairers",
  },
  {
    id: "reset",
    group: "Ability to repair, reuse and upgrade",
    name: "Secure reset and data wiping for a second user",
    fix: "a documented factory reset that wipes user data",
  },
];

export const RELEVANCE = { none: "Not relevant to this product", low: "Low", medium: "Medium", high: "High" } as const;
export const MARGIN = {
  none: "None: already best practice",
  small: "Small",
  medium: "Medium",
  large: "Large",
} as const;
export type Relevance = keyof typeof RELEVANCE;
export type Margin = keyof typeof MARGIN;

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

export function scoreCircularity(ratings: Record<string, CircularityRating>) {
  const isRelevance = (v: unknown): v is Relevance => typeof v === "string" && v in RELEVANCE;
  const isMargin = (v: unknown): v is Margin => typeof v === "string" && v in MARGIN;
  const missing = CIRCULARITY_CRITERIA.filter((c) => {
    const r = ratings[c.id];
    if (!isRelevance(r?.relevance)) return true;
    return r.relevance !== "none" && !isMargin(r.margin);
  });
  if (missing.length)
    return {
      error: `Rate every criterion first. Still to rate: ${missing.map((c) => c.name).join("; ")}.`,
      missing: missing.map((c) => c.id),
    } as const;

  const criteria = CIRCULARITY_CRITERIA.map((c) => {
    const relevance = ratings[c.id]!.relevance as Relevance;
    const margin = relevance === "none" ? null : (ratings[c.id]!.margin as Margin);
    const score = relevance === "none" || margin === null ? null : VALUE_MATRIX[relevance][margin];
    return { ...c, relevance, margin, score, loss: score === null ? 0 : 100 - score };
  });
  const groups = CIRCULARITY_GROUPS.map((group) => {
    const scored = criteria.filter((c) => c.group === group && c.score !== null);
    const score = scored.length ? scored.reduce((s, c) => s + c.score!, 0) / scored.length : null;
    return { group, score, counted: scored.length };
  });
  // Within a group each counted criterion moves the average by loss ÷ number counted.
  const weakest = criteria
    .filter((c) => c.loss > 0)
    .map((c) => ({ ...c, pointsOffGroup: c.loss / groups.find((g) => g.group === c.group)!.counted }))
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
export function sci(input: SciInput) {
  const { energyKwh, gridIntensity, embodiedKg, lifespanYears, hoursReserved, resourceSharePercent, units } = input;
  if (!(units >= 1)) return { error: "Enter at least one functional unit (R)." } as const;
  if (!(lifespanYears > 0)) return { error: "Enter an expected hardware lifespan of more than zero years." } as const;
  if ([energyKwh, gridIntensity, embodiedKg, hoursReserved].some((v) => !(v >= 0)))
    return { error: "Enter figures of zero or more." } as const;
  if (!(resourceSharePercent > 0 && resourceSharePercent <= 100))
    return { error: "The share of the hardware reserved is a percentage above 0 and at most 100." } as const;
  const lifeHours = lifespanYears * HOURS_PER_YEAR;
  if (hoursReserved > lifeHours)
    return { error: "The time reserved cannot be longer than the hardware's expected lifespan." } as const;
  const operationalG = energyKwh * gridIntensity;
  const embodiedG = embodiedKg * 1000 * (hoursReserved / lifeHours) * (resourceSharePercent / 100);
  const totalG = operationalG + embodiedG;
  const perUnitG = totalG / units;
  const operationalShare = totalG > 0 ? operationalG / totalG : 0;
  const levers =
    operationalShare >= 0.5
      ? "Operational carbon dominates: energy efficiency (less E per unit of work) and carbon awareness (running where or when I is lower) move the score most."
      : "Embodied carbon dominates: hardware efficiency (higher utilisation, fewer or longer-lived machines, so a smaller M per unit) moves the score most.";
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

export function hostingTradeoff(a: HostingOption, b: HostingOption) {
  for (const [label, o] of [
    ["A", a],
    ["B", b],
  ] as const) {
    if (!(o.itKwh > 0)) return { error: `Option ${label}: enter an IT energy above zero.` } as const;
    if (!(o.pue >= 1))
      return { error: `Option ${label}: PUE is total facility energy ÷ IT energy, so it is 1 or more.` } as const;
    if (!(o.gridIntensity >= 0)) return { error: `Option ${label}: enter a grid intensity of zero or more.` } as const;
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
  const times = (r: number) => (Number.isFinite(r) ? `${r.toFixed(r >= 10 ? 0 : r >= 2 ? 1 : 2)} times` : "far");
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
  if (winner === null) parts.push("Both options emit the same: one option's advantage exactly offsets the other's.");
  else {
    const other = winner === "A" ? "B" : "A";
    if (cleanGrid === winner && lowPue === other)
      parts.push(
        `Option ${winner}'s grid is ${times(gridRatio)} cleaner, which outweighs option ${other}'s better PUE (${times(pueRatio)} less facility energy for the same IT load).`,
      );
    else if (lowPue === winner && cleanGrid === other)
      parts.push(
        `Option ${winner}'s PUE needs ${times(pueRatio)} less facility energy for the same IT load, which outweighs option ${other}'s ${times(gridRatio)} cleaner grid.`,
      );
    else if (lowPue === winner && cleanGrid === winner)
      parts.push(`Option ${winner} has both the lower PUE and the cleaner grid, so it wins on both counts.`);
    else if (cleanGrid === winner)
      parts.push(`With the same PUE, the ${times(gridRatio)} cleaner grid of option ${winner} decides.`);
    else if (lowPue === winner) parts.push(`On the same grid, option ${winner}'s lower PUE decides.`);
    if (lessIt && itRatio > 1)
      parts.push(
        `Option ${lessIt} also runs ${times(itRatio)} less IT energy for the work${lessIt === winner ? "" : ", which is not enough to close the gap"}.`,
      );
    parts.push(
      driver === "grid"
        ? "The grid is the bigger factor here: PUE only scales how much energy the facility draws, while grid intensity sets the carbon of every one of those kilowatt-hours, overhead included."
        : driver === "pue"
          ? "PUE is the bigger factor here: the grids are close enough that the overhead of cooling and power conversion decides."
          : "The IT load is the bigger factor here: doing the work with less IT energy beats both a better building and a cleaner grid.",
    );
  }
  const why = parts.join(" ");
  return { A, B, winner, saving, driver, why } as const;
}

/* ------------------------------------------------------------------------------------------------
 * Early Warnings for All: the warning chain
 * --------------------------------------------------------------------------------------------- */

export const EW4ALL_PILLARS = [
  { n: 1, name: "Disaster risk knowledge", lead: "UNDRR" },
  { n: 2, name: "Detection, observation, monitoring, analysis and forecasting", lead: "WMO" },
  { n: 3, name: "Warning dissemination and communication", lead: "ITU" },
  { n: 4, name: "Preparedness and response", lead: "IFRC" },
] as const;

/** The steps of the chain, in their right order; `pillar` is the EW4All pillar that owns each. */
export const WARNING_STEPS = [
  {
    id: "risk",
    text: "Map who and what is exposed to the hazard, and how vulnerable they are",
    pillar: 1,
    why: "Warnings are only useful if you know who is at risk and where. This is disaster risk knowledge, led by UNDRR.",
  },
  {
    id: "forecast",
    text: "Observe the hazard and forecast where and when it will strike",
    pillar: 2,
    why: "The national meteorological and hydrological service detects and forecasts the hazard: pillar 2, led by WMO.",
  },
  {
    id: "cap",
    text: "Write the authoritative alert once, in the Common Alerting Protocol, with the area, severity and what to do",
    pillar: 3,
    why: "Communicating the warning is pillar 3, led by ITU. CAP (ITU-T X.1303, OASIS CAP) keeps one message consistent across every channel that carries it.",
  },
  {
    id: "broadcast",
    text: "Send the alert by cell broadcast, location-based SMS, radio, TV and sirens",
    pillar: 3,
    why: "Dissemination is also pillar 3. Cell broadcast reaches every phone in an area almost instantly, without congestion, app or subscription; several channels reach those without a phone.",
  },
  {
    id: "act",
    text: "People and responders act on the alert: evacuate, protect assets, open shelters",
    pillar: 4,
    why: "Preparedness and response, led by IFRC, turns a message into action. Drills and plans made before the season decide whether people act.",
  },
] as const;

/** The order the steps are shown in on the form (not the right order). */
export const WARNING_DISPLAY_ORDER = ["broadcast", "forecast", "act", "risk", "cap"] as const;

export type WarningAnswer = { position?: number | null; pillar?: number | null };

export function gradeWarningChain(answers: Record<string, WarningAnswer>) {
  const positions = WARNING_STEPS.map((s) => answers[s.id]?.position ?? null);
  const counts = new Map<number, number>();
  for (const p of positions) if (p !== null) counts.set(p, (counts.get(p) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([p]) => p);
  const rows = WARNING_STEPS.map((s, i) => {
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
      ? "The whole chain is in order and every step sits with its pillar. Remember where it breaks in practice: a perfect forecast saves no one if the alert does not reach the last mile, or if people do not know what to do."
      : pillarsRight < rows.length && rows.filter((r) => !r.pillarOk && (r.pillarAnswer === 3 || r.pillar === 3)).length
        ? "Look again at pillar 3: writing the alert in CAP and sending it through every channel are both warning dissemination and communication, the pillar ITU leads."
        : "Read the feedback on each step: the chain runs from knowing the risk, through forecasting and communicating, to people acting.";
  return { rows, positionsRight, pillarsRight, total: rows.length, duplicates, answered, summary };
}
