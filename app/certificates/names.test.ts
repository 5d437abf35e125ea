import { describe, expect, it } from "vitest";
import { profileSchema } from "~/auth/schemas";
import { translator } from "~/i18n/i18n.server";
import { say } from "~/i18n/problem";
import { canPrint } from "./fonts.server";
import { nameProblem, normaliseName } from "./names";

const english = translator("en");
const parseName = (name: string, t = english) => {
  const result = profileSchema(t).safeParse({ intent: "profile", email: "someone@example.org", name });
  return result.success
    ? { ok: true as const, name: result.data.name }
    : { ok: false as const, message: result.error.issues.map((i) => i.message).join(" ") };
};

describe("names on certificates", () => {
  it("accept names in Latin, Greek, Cyrillic, Arabic, Devanagari, Chinese and Japanese scripts", () => {
    for (const name of [
      "Zoë Łukasiewicz-Ngũgĩ",
      "O'Brien",
      "Ελένη Παπαδοπούλου",
      "Анна Иванова",
      "أمينة حداد",
      "प्रिया शर्मा",
      "王小明",
      "さくら アキラ",
      "مهر\u200Cناز",
    ]) {
      expect(parseName(name)).toEqual({ ok: true, name });
    }
  });

  it("are stored in one form: NFC, single spaces", () => {
    expect(normaliseName("  Zoe\u0308   Ng\u0169g\u0129\t ")).toBe("Zoë Ngũgĩ");
    expect(parseName("Ana\u00A0\u00A0María")).toEqual({ ok: true, name: "Ana María" });
  });

  it("refuse names that are empty once invisible characters are removed", () => {
    for (const name of ["", "   ", "\u200B", "\u200B\u200D\u2060", "\uFEFF \u00AD"]) {
      expect(parseName(name)).toMatchObject({ ok: false, message: expect.stringMatching(/Enter your name/) });
    }
  });

  it("refuse direction controls, control characters and hidden characters", () => {
    expect(parseName("Ann\u202Eeb")).toMatchObject({ ok: false, message: expect.stringMatching(/direction/) });
    expect(parseName("Ann\u2067a\u2069")).toMatchObject({ ok: false, message: expect.stringMatching(/direction/) });
    expect(parseName("Ann\u200Fa")).toMatchObject({ ok: false, message: expect.stringMatching(/direction/) });
    expect(parseName("Ann\u0000a")).toMatchObject({ ok: false, message: expect.stringMatching(/control character/) });
    expect(parseName("Ann\u0007a")).toMatchObject({ ok: false, message: expect.stringMatching(/control character/) });
    expect(parseName("Ann\u200Ba")).toMatchObject({ ok: false, message: expect.stringMatching(/invisible/) });
    expect(parseName("Ann\u200Da")).toMatchObject({ ok: false, message: expect.stringMatching(/invisible/) });
    expect(parseName("Ann\uE000a")).toMatchObject({ ok: false, message: expect.stringMatching(/not letters/) });
  });

  it("refuse characters the certificate fonts cannot draw, naming them, rather than dropping them", () => {
    expect(parseName("Ann 😀")).toMatchObject({ ok: false, message: expect.stringContaining("“😀” (U+1F600)") });
    expect(parseName("👩\u200D💻 Dev")).toMatchObject({ ok: false });
    expect(nameProblem("Ann 😀")).toBeNull(); // the pure rules alone do not know the fonts
    expect(say(english, nameProblem("Ann 😀", canPrint)!)).toMatch(
      /cannot print “😀” \(U\+1F600\)\. Write your name without it\./,
    );
    expect(say(english, nameProblem("Ann 😀😺", canPrint)!)).toMatch(/without them\./);
  });

  it("are refused in the reader's language", () => {
    expect(parseName("Ann\u202Eeb", translator("fr"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/sens d’écriture/),
    });
    expect(parseName("", translator("ar"))).toMatchObject({
      ok: false,
      message: "أدخل اسمك كما ينبغي أن يظهر على الشهادات.",
    });
  });
});
