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
