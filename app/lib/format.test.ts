import { describe, expect, it } from "vitest";
import { topicLabel } from "./format";

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
