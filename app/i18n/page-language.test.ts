import { describe, expect, it } from "vitest";
import { pageLanguageOf } from "./page-language";

describe("the page language", () => {
  it("is the interface language, unless a matched route's page is written in its own", () => {
    expect(pageLanguageOf([{ language: "fr" }, undefined])).toBe("fr");
    expect(pageLanguageOf([{ language: "en" }, { pageLanguage: "ar" }])).toBe("ar");
    expect(pageLanguageOf([{ language: "en" }, { pageLanguage: "xx" }])).toBe("en");
    expect(pageLanguageOf([undefined])).toBe("en");
  });
});
