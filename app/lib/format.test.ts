import { describe, expect, it } from "vitest";
import { formatPercent, topicLabel } from "./format";

describe("topicLabel", () => {
  it("turns slugs into labels and keeps the hyphens that belong to a word", () => {
    expect(topicLabel("e-waste")).toBe("E-waste");
    expect(topicLabel("circular-ict")).toBe("Circular ICT");
    expect(topicLabel("carbon-accounting")).toBe("Carbon accounting");
    expect(topicLabel("early-warnings")).toBe("Early warnings");
    expect(topicLabel("standards")).toBe("Standards");
    expect(topicLabel("ai-and-e-waste")).toBe("AI and e-waste");
    expect(topicLabel("ict")).toBe("ICT");
  });
});

describe("formatPercent", () => {
  it("writes percentages one way: no space, decimals only when asked for", () => {
    expect(formatPercent(93)).toBe("93%");
    expect(formatPercent(22.34, 1)).toBe("22.3%");
    expect(formatPercent(22.34)).toBe("22%");
    expect(formatPercent(100)).toBe("100%");
  });
});

describe("formatting per interface language", () => {
  it("keeps the digits 0–9 in Arabic and uses French separators in French", async () => {
    const { formatDate, formatMinutes, formatNumber, formatPercent } = await import("./format");
    expect(formatPercent(22.3, 1, "ar").replace(/\u200E/g, "")).toBe("22.3%");
    expect(formatPercent(22.3, 1, "fr")).toBe("22,3\u00A0%");
    expect(formatPercent(22.3, 1)).toBe("22.3%");
    expect(formatNumber(78000, "fr")).toBe("78\u202F000");
    expect(formatNumber(78000, "ar")).toBe("78,000");
    expect(formatDate("2026-11-20", "long", "ar")).toContain("2026");
    expect(formatDate("2026-11-20", "long", "ar")).toContain("نوفمبر");
    expect(formatDate("2026-11-20", "long", "ar")).not.toMatch(/[\u0660-\u0669]/);
    expect(formatMinutes(90)).toBe("1 h 30 min");
    expect(formatMinutes(5, "ar")).toBe("5 دقائق");
    expect(formatMinutes(45, "fr")).toBe("45\u00A0min");
  });
});
