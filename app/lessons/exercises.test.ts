import { describe, expect, it } from "vitest";
import {
  CIRCULARITY_CRITERIA,
  gradeScope3,
  gradeWarningChain,
  hostingTradeoff,
  sci,
  scoreCircularity,
  SCOPE3_CATEGORIES,
  WARNING_STEPS,
} from "./exercises";

describe("Scope 3 screening", () => {
  it("lists the 15 GHG Protocol categories, 1–8 upstream and 9–15 downstream", () => {
    expect(SCOPE3_CATEGORIES.map((c) => c.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(SCOPE3_CATEGORIES.filter((c) => c.stream === "upstream").map((c) => c.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("rewards the categories that dominate published operator footprints", () => {
    const r = gradeScope3([1, 2, 11, 15]);
    expect(r).toMatchObject({ hits: 4, majorCount: 4, extras: 0, right: 15, total: 15 });
    expect(r.summary).toMatch(/all four/);
  });

  it("explains a travel-only screening as a boundary problem", () => {
    const r = gradeScope3([6, 7]);
    expect(r.hits).toBe(0);
    expect(r.extras).toBe(2);
    expect(r.rows.find((row) => row.n === 6)).toMatchObject({
      verdict: "extra",
      why: expect.stringMatching(/Safaricom.*8\.9%.*FY19/),
    });
    expect(r.rows.find((row) => row.n === 1)?.verdict).toBe("missed");
  });

  it("accepts either answer where it depends on the operator, and ignores numbers outside 1–15", () => {
    expect(
      gradeScope3([3, 13, 99, -1])
        .rows.filter((row) => row.picked)
        .map((row) => [row.n, row.verdict]),
    ).toEqual([
      [3, "either"],
      [13, "either"],
    ]);
  });
});

describe("circularity score", () => {
  const all = (relevance: string, margin: string) =>
    Object.fromEntries(CIRCULARITY_CRITERIA.map((c) => [c.id, { relevance, margin }]));

  it("scores 100 % where no criterion has any margin of improvement", () => {
    const r = scoreCircularity(all("high", "none"));
    if ("error" in r) throw new Error(r.error);
    expect(r.groups.map((g) => g.score)).toEqual([100, 100, 100]);
    expect(r.weakest).toEqual([]);
  });

  it("averages per group and keeps the three groups apart, with no weighted total", () => {
    const ratings = all("medium", "small");
    ratings.parts = { relevance: "high", margin: "large" };
    const r = scoreCircularity(ratings);
    if ("error" in r) throw new Error(r.error);
    expect(r.groups.map((g) => Math.round(g.score!))).toEqual([80, 80, Math.round((0 + 80 + 80) / 3)]);
    expect(r.weakest[0]).toMatchObject({ id: "parts", loss: 100 });
    expect(r).not.toHaveProperty("total");
  });

  it("leaves criteria that are not relevant out of the average", () => {
    const ratings = all("low", "large");
    ratings.wear = { relevance: "none", margin: "" };
    const r = scoreCircularity(ratings);
    if ("error" in r) throw new Error(r.error);
    expect(r.groups[0]).toMatchObject({ score: 60, counted: 2 });
    expect(r.notRelevant.map((c) => c.id)).toEqual(["wear"]);
  });

  it("asks for every rating before scoring", () => {
    const r = scoreCircularity({ robust: { relevance: "high", margin: "small" } });
    expect(r).toHaveProperty("error");
    expect("missing" in r && r.missing).toHaveLength(CIRCULARITY_CRITERIA.length - 1);
  });
});

describe("Software Carbon Intensity", () => {
  const base = {
    energyKwh: 0,
    gridIntensity: 0,
    embodiedKg: 1000,
    lifespanYears: 4,
    hoursReserved: 1,
    resourceSharePercent: 100,
    units: 1,
  };

  it("amortises embodied emissions over time and resources reserved (GSF worked example: about 28 g)", () => {
    const r = sci(base);
    if ("error" in r) throw new Error(r.error);
    expect(r.embodiedG).toBeCloseTo(1_000_000 / 35_040, 6);
    expect(Math.round(r.embodiedG)).toBe(29);
    expect(r.levers).toMatch(/hardware efficiency/);
  });

  it("is ((E × I) + M) per R", () => {
    const r = sci({ ...base, energyKwh: 2, gridIntensity: 500, resourceSharePercent: 50, units: 100 });
    if ("error" in r) throw new Error(r.error);
    expect(r.operationalG).toBe(1000);
    expect(r.perUnitG).toBeCloseTo((1000 + 1_000_000 / 35_040 / 2) / 100, 9);
    expect(r.levers).toMatch(/energy efficiency.*carbon awareness/);
  });

  it("rejects inputs that make no sense", () => {
    expect(sci({ ...base, units: 0 })).toHaveProperty("error");
    expect(sci({ ...base, lifespanYears: 0 })).toHaveProperty("error");
    expect(sci({ ...base, resourceSharePercent: 120 })).toHaveProperty("error");
    expect(sci({ ...base, hoursReserved: 5 * 8760 })).toHaveProperty("error");
  });
});

describe("hosting trade-off", () => {
  it("computes facility energy and emissions for each option", () => {
    const r = hostingTradeoff(
      { itKwh: 1_000_000, pue: 1.1, gridIntensity: 700 },
      { itKwh: 1_000_000, pue: 1.6, gridIntensity: 100 },
    );
    if ("error" in r) throw new Error(r.error);
    expect(r.A.facilityKwh).toBeCloseTo(1_100_000);
    expect(r.A.tonnes).toBeCloseTo(770);
    expect(r.B.tonnes).toBeCloseTo(160);
    expect(r.winner).toBe("B");
    expect(r.driver).toBe("grid");
    expect(r.why).toMatch(/cleaner, which outweighs option A's better PUE/);
  });

  it("lets PUE decide when the grids are close", () => {
    const r = hostingTradeoff(
      { itKwh: 100, pue: 1.1, gridIntensity: 400 },
      { itKwh: 100, pue: 1.58, gridIntensity: 380 },
    );
    if ("error" in r) throw new Error(r.error);
    expect(r.winner).toBe("A");
    expect(r.driver).toBe("pue");
  });

  it("rejects a PUE below 1 and zero IT energy", () => {
    expect(
      hostingTradeoff({ itKwh: 1, pue: 0.9, gridIntensity: 1 }, { itKwh: 1, pue: 1.2, gridIntensity: 1 }),
    ).toHaveProperty("error");
    expect(
      hostingTradeoff({ itKwh: 1, pue: 1.1, gridIntensity: 1 }, { itKwh: 0, pue: 1.2, gridIntensity: 1 }),
    ).toHaveProperty("error");
  });
});

describe("the warning chain", () => {
  const right = Object.fromEntries(WARNING_STEPS.map((s, i) => [s.id, { position: i + 1, pillar: s.pillar }]));

  it("accepts the right order and pillars", () => {
    const r = gradeWarningChain(right);
    expect(r).toMatchObject({ positionsRight: 5, pillarsRight: 5, total: 5, duplicates: [] });
  });

  it("points at pillar 3 when CAP or broadcasting is given to another pillar", () => {
    const r = gradeWarningChain({ ...right, cap: { position: 3, pillar: 2 } });
    expect(r.pillarsRight).toBe(4);
    expect(r.summary).toMatch(/pillar 3/);
  });

  it("reports positions given twice", () => {
    const r = gradeWarningChain({ ...right, act: { position: 1, pillar: 4 } });
    expect(r.duplicates).toEqual([1]);
    expect(r.positionsRight).toBe(4);
  });
});

describe("in the page's language", () => {
  it("explains the hosting trade-off in Arabic, with the ratios written as the page writes numbers", () => {
    const r = hostingTradeoff(
      { itKwh: 1_000_000, pue: 1.1, gridIntensity: 700 },
      { itKwh: 1_000_000, pue: 1.6, gridIntensity: 100 },
      "ar",
    );
    if ("error" in r) throw new Error(r.error);
    expect(r.winner).toBe("B");
    expect(r.why).toContain("شبكة الخيار B أنظف بمقدار 7.0 مرة");
    expect(r.why).toContain("الشبكة هي العامل الأكبر هنا");
    expect(r.why).not.toMatch(/\b(grid|option|cleaner|outweighs)\b/i);
    expect(
      hostingTradeoff({ itKwh: 1, pue: 0.9, gridIntensity: 1 }, { itKwh: 1, pue: 1.2, gridIntensity: 1 }, "ar"),
    ).toEqual({
      error: "الخيار A: PUE هو إجمالي طاقة المرفق ÷ طاقة تكنولوجيا المعلومات، فقيمته 1 أو أكثر.",
    });
  });

  it("names the categories, criteria and steps in the language asked for, and in English by default", () => {
    expect(gradeScope3([1], "fr").rows[0]).toMatchObject({ name: "Biens et services achetés", verdict: "hit" });
    expect(gradeWarningChain({}, "ar").rows[2]!.text).toMatch(/CAP/);
    const r = scoreCircularity({ robust: { relevance: "high", margin: "small" } }, "ar");
    expect("error" in r && r.error).toMatch(/^قدّر كل المعايير أولاً\. ما زال عليك تقدير: .+؛ /);
    expect(gradeScope3([]).rows[0]!.name).toBe("Purchased goods and services");
  });
});
