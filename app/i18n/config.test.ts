import { describe, expect, it } from "vitest";
import { directionOf, languageName } from "./config";

describe("languages", () => {
  it("are named in themselves, also those the interface does not offer", () => {
    expect(languageName("ar")).toBe("العربية");
    expect(languageName("fr")).toBe("Français");
    expect(languageName("es")).toBe("Español");
    expect(languageName("not a code")).toBe("not a code");
  });

  it("are written right to left for Arabic, left to right otherwise", () => {
    expect(directionOf("ar-EG")).toBe("rtl");
    expect(directionOf("fr")).toBe("ltr");
  });
});
