import { describe, expect, it } from "vitest";
import { formatPercent } from "./format";

describe("formatPercent", () => {
  it("writes percentages one way: no space, decimals only when asked for", () => {
    expect(formatPercent(93)).toBe("93%");
    expect(formatPercent(22.34, 1)).toBe("22.3%");
    expect(formatPercent(22.34)).toBe("22%");
    expect(formatPercent(100)).toBe("100%");
  });
});
