import { describe, expect, it } from "vitest";
import { loadContent, type CourseDef } from "./load.server";
import { figuresIn, translationProblems } from "./translation";

const { courses, problems } = loadContent("content/courses");
const original = courses.find((c) => c.slug === "green-digital-action-essentials")!;
const dir = "content/courses/99-copy";

/** A faithful "translation": the original with another language. Each test then breaks one thing. */
function copy(change: (c: CourseDef) => void = () => {}) {
  const c = structuredClone(original);
  c.language = "ar";
  c.slug = "copy";
  c.translationOf = original.slug;
  change(c);
  return translationProblems(original, c, dir).map((p) => `${p.file.replace(`${dir}/`, "")}: ${p.message}`);
}

describe("translation checks", () => {
  it("read figures with their decimals and without grouping commas", () => {
    expect(figuresIn("62 Mt, 22.3% and 78,000 t; ITU-T L.1023 (2020)")).toEqual([
      "62",
      "22.3",
      "78000",
      "1023",
      "2020",
    ]);
  });

  it("accept a faithful translation", () => {
    expect(copy()).toEqual([]);
  });

  it("report a changed, missing or added figure with the file", () => {
    const lesson = original.modules[0]!.lessons[0]!;
    const figure = figuresIn(lesson.body)[0]!;
    const found = copy((c) => {
      const l = c.modules[0]!.lessons[0]!;
      l.body = l.body.replace(figure, "123456") + "\n\nIn 1999.";
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(lesson.file.split("/").slice(-2).join("/"));
    expect(found[0]).toContain(`missing ${figure}`);
    expect(found[0]).toContain("not in the original 123456, 1999");
  });

  it("report numbers written with Arabic-Indic digits", () => {
    const found = copy((c) => {
      c.glossary[0]!.definition += " ٦٢";
    });
    expect(found.join("\n")).toContain("glossary.yml: the glossary: write numbers with the digits 0–9");
  });

  it("report a missing lesson, a changed lesson component and a changed right answer", () => {
    const found = copy((c) => {
      const m = c.modules[0]!;
      m.lessons[0]!.body = m.lessons[0]!.body.replace("<Callout", "<Figure");
      m.lessons.pop();
      const q = m.quiz!.questions.find((x) => x.type !== "truefalse")!;
      if (q.type !== "truefalse") for (const o of q.options) o.correct = o.correct ? undefined : true;
    }).join("\n");
    expect(found).toContain("is missing: translate");
    expect(found).toContain("use the original's lesson components in its order");
    expect(found).toContain("option ids and right answers must be the original's");
  });

  it("report a translation in the original's language and a question out of order", () => {
    const found = copy((c) => {
      c.language = original.language;
      c.finalAssessment!.questions.reverse();
    }).join("\n");
    expect(found).toContain("course.md: a translation is in another language");
    expect(found).toContain("final-assessment.yml: the questions must be the original's, by id and in its order");
  });
});

describe("the shipped translations", () => {
  it("match their originals (content:check reports nothing)", () => {
    expect(problems).toEqual([]);
  });
});
