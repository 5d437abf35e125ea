import { describe, expect, it } from "vitest";
import { isolateRuns } from "./bidi";
import { compileLesson } from "./compile.server";

const runs = (text: string) =>
  isolateRuns(text)
    .filter((n) => n.type === "element")
    .map((n) => n.children![0]!.value);

describe("left-to-right runs in right-to-left lessons", () => {
  it("keeps Latin terms, codes and arithmetic together", () => {
    expect(runs("وفق التوصية ITU-T L.1023 والنطاق 3 (Scope 3) بوحدة CO2e.")).toEqual([
      "ITU-T L.1023",
      "Scope 3",
      "CO2e",
    ]);
    expect(runs("المتوسط (100 + 30 + 80) ÷ 3 = 70% تقريبًا")).toEqual(["(100 + 30 + 80) ÷ 3 = 70%"]);
    expect(runs("بلغت 62 مليون طن في 2022")).toEqual([]);
  });

  it("are isolated in an Arabic lesson and left alone in an English one", async () => {
    const arabic = await compileLesson({
      body: "تحدد التوصية ITU-T L.1023 ثلاث درجات للدائرية في تكنولوجيا المعلومات.",
    });
    expect(arabic).toContain("bdi");
    const english = await compileLesson({ body: "ITU-T L.1023 gives three circularity scores." });
    expect(english).not.toContain("bdi");
  });
});
