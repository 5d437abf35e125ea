// The exercises render on the server from the lesson URL's query: no JavaScript involved.
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { i18nFor } from "~/i18n/i18n.server";
import {
  CircularityScore,
  HostingTradeoff,
  LessonQueryContext,
  SciCalculator,
  Scope3Screening,
  WarningChain,
} from "./components";
import { CIRCULARITY_CRITERIA, WARNING_STEPS } from "./exercises";
import { CALCULATOR_PARAMS } from "./render.server";

/** Renders as the lesson page does: in a language (English unless given), with the request's query. */
function render<P extends object>(component: ComponentType<P>, query: string, props = {} as P, language = "en") {
  const html = renderToStaticMarkup(
    createElement(
      I18nextProvider,
      { i18n: i18nFor(language) },
      createElement(
        LessonQueryContext.Provider,
        { value: new URLSearchParams(query) },
        createElement(component, props),
      ),
    ),
  );
  // Text as a reader hears it: tags dropped, entities decoded.
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { html, text };
}

describe("the exercise components", () => {
  it("are GET forms whose result sits in a labelled status region, with defaults when used without props", () => {
    for (const c of [
      Scope3Screening,
      CircularityScore,
      SciCalculator,
      HostingTradeoff,
      WarningChain,
    ] as ComponentType<object>[]) {
      const { html } = render(c, "");
      expect(html).toMatch(/<form method="get" action="#[a-z0-9-]+"/);
      expect(html).toMatch(/role="status" aria-labelledby="[a-z0-9-]+-result"/);
      expect(html).toMatch(/<fieldset/);
    }
  });

  it("Scope3Screening grades the ticked categories and keeps the ticks", () => {
    const { html, text } = render(Scope3Screening, "s3_check=1&s3_cat=1&s3_cat=6");
    expect(html).toMatch(/name="s3_cat" class="[^"]*" checked="" value="1"/);
    expect(text).toMatch(/You found 1 of the 4 categories/);
    expect(text).toMatch(/2\. Capital goods \(you left it\) — Missed: a major category/);
    expect(text).toMatch(/year and boundary/);
    expect(render(Scope3Screening, "").text).not.toMatch(/Missed/);
  });

  it("CircularityScore asks for every rating, then shows three group scores and where the score is lost", () => {
    expect(render(CircularityScore, "circ_check=1").text).toMatch(/Rate every criterion first/);
    const query = CIRCULARITY_CRITERIA.map(
      (c) =>
        `circ_${c.id}_r=${c.id === "parts" ? "high" : "medium"}&circ_${c.id}_m=${c.id === "parts" ? "large" : "none"}`,
    ).join("&");
    const { html, text } = render(CircularityScore, `circ_check=1&${query}`, { device: "home gateway" });
    expect(text).toMatch(/Score the circularity of a home gateway/);
    expect(text).toMatch(/Product durability: 100%/);
    expect(text).toMatch(/Ability to repair, reuse and upgrade: 67%/);
    expect(text).toMatch(/Replaceable key parts .* takes 33 points off/);
    expect(text).toMatch(/Simplified for learning/);
    expect(html).toMatch(/<option value="high" selected="">High<\/option>/);
  });

  it("SciCalculator reads its inputs from the query and explains each term", () => {
    const { text } = render(SciCalculator, "sci_e=0&sci_i=0&sci_te=1000&sci_life=4&sci_hours=1&sci_share=100&sci_r=1");
    expect(text).toMatch(/SCI = 28\.5 g CO2e per API call/);
    expect(text).toMatch(/never a market-based one/);
    expect(text).toMatch(/hardware efficiency/);
    expect(render(SciCalculator, "sci_r=0").text).toMatch(/at least one functional unit/);
  });

  it("HostingTradeoff says which option wins and why", () => {
    const { text } = render(HostingTradeoff, "");
    expect(text).toMatch(/Option B emits 79% less/);
    expect(text).toMatch(/grid is 7\.0 times cleaner/);
    expect(text).toMatch(/1\.10 in 2023/);
  });

  it("WarningChain checks positions and pillars", () => {
    const right = WARNING_STEPS.map((s, i) => `ew_${s.id}_pos=${i + 1}&ew_${s.id}_pillar=${s.pillar}`).join("&");
    expect(render(WarningChain, `ew_check=1&${right}`).text).toMatch(/Order: 5 of 5 .* Pillars: 5 of 5 right/);
    const wrong = render(WarningChain, `ew_check=1&ew_cap_pos=1&ew_cap_pillar=2`).text;
    expect(wrong).toMatch(/You put it at 1; it is step 3/);
    expect(wrong).toMatch(/it belongs to pillar 3, Warning dissemination and communication/);
  });

  it("speak the page's language: a graded exercise in Arabic, its author's words as written", () => {
    const right = WARNING_STEPS.map((s, i) => `ew_${s.id}_pos=${i + 1}&ew_${s.id}_pillar=${s.pillar}`).join("&");
    const { text } = render(WarningChain, `ew_check=1&${right}`, { hazard: "فيضان" }, "ar");
    expect(text).toMatch(/ابنِ سلسلة الإنذار لمواجهة فيضان/);
    expect(text).toMatch(/الترتيب: 5 من أصل 5 خطوات في مكانها الصحيح/);
    expect(text).toMatch(/السلسلة كلها مرتبة/);
    expect(text).not.toMatch(/Right place|What to do next|Check the chain/);
    expect(render(CircularityScore, "", {}, "fr").text).toMatch(/Évaluer la circularité d'un produit : box internet/);
  });

  it("their query parameters are never served from the lesson cache", () => {
    for (const name of ["pue_it", "dev_years", "s3_cat", "circ_parts_r", "sci_e", "host_a_pue", "ew_check"])
      expect(CALCULATOR_PARAMS.test(name), name).toBe(true);
    expect(CALCULATOR_PARAMS.test("utm_source")).toBe(false);
  });
});
