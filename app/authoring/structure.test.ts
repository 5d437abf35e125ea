import { describe, expect, it } from "vitest";
import { loadCourse } from "~/content/load.server";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { applyDetails, detailsOf, detailsSchema } from "./details";
import {
  addLesson,
  addModule,
  moveLesson,
  moveModule,
  newCourseFiles,
  outline,
  removeLesson,
  removeModule,
  slugify,
  type StructureResult,
} from "./structure";

const ok = (r: StructureResult) => {
  if (!r.ok) throw new Error(r.problem.key);
  return r.files;
};
const problemsOf = (files: Record<string, string>) => loadCourse(files, { slug: "test", position: 0 }).problems;

describe("course structure", () => {
  it("starts a new course as a valid draft with one module and one lesson", () => {
    const files = newCourseFiles("Repair for IT teams");
    expect(problemsOf(files)).toEqual([]);
    expect(outline(files)).toMatchObject({
      title: "Repair for IT teams",
      modules: [{ dir: "01-getting-started", lessons: [{ file: "01-getting-started/01-first-lesson.mdx" }] }],
    });
  });

  it("adds modules and lessons with numbered, unique names, and stays valid", () => {
    let files = ok(addModule(newCourseFiles("C"), "Getting started"));
    files = ok(addLesson(files, "01-getting-started", "First lesson"));
    expect(Object.keys(files).filter((p) => p.endsWith(".mdx"))).toEqual([
      "01-getting-started/01-first-lesson.mdx",
      "02-getting-started-2/01-first-lesson.mdx",
      "01-getting-started/02-first-lesson-2.mdx",
    ]);
    expect(problemsOf(files)).toEqual([]);
    expect(addLesson(files, "09-nowhere", "x")).toEqual({
      ok: false,
      problem: { key: "authoring:problems.structure.noModule" },
    });
  });

  it("reorders lessons by renumbering, keeping each lesson's slug and so its key", () => {
    let files = ok(addLesson(newCourseFiles("C"), "01-getting-started", "Why repair"));
    files = ok(moveLesson(files, "01-getting-started/02-why-repair.mdx", -1));
    expect(outline(files).modules[0].lessons.map((l) => l.file)).toEqual([
      "01-getting-started/01-why-repair.mdx",
      "01-getting-started/02-first-lesson.mdx",
    ]);
    const keys = loadCourse(files, { slug: "c", position: 0 }).course!.modules[0].lessons.map((l) => l.key);
    expect(keys).toEqual(["getting-started/why-repair", "getting-started/first-lesson"]);
    expect(moveLesson(files, "01-getting-started/01-why-repair.mdx", -1)).toEqual({
      ok: false,
      problem: { key: "authoring:problems.structure.lessonAtEnd" },
    });
  });

  it("moves whole modules with their files, and removes modules and lessons but never the last one", () => {
    let files = ok(addModule(newCourseFiles("C"), "Second"));
    files = { ...files, "01-getting-started/quiz.yml": "title: Q\n" };
    files = ok(moveModule(files, "02-second", -1));
    expect(outline(files).modules.map((m) => m.dir)).toEqual(["01-second", "02-getting-started"]);
    expect(files["02-getting-started/quiz.yml"]).toBe("title: Q\n");
    const lastLesson = removeLesson(files, "01-second/01-first-lesson.mdx");
    expect(lastLesson).toEqual({ ok: false, problem: { key: "authoring:problems.structure.lastLesson" } });
    if (lastLesson.ok) throw new Error("refused above");
    expect(say(translator("ar"), lastLesson.problem)).toBe("تحتاج الوحدة إلى درس واحد على الأقل: أضف درسًا آخر أولًا.");
    files = ok(removeModule(files, "01-second"));
    expect(outline(files).modules.map((m) => m.dir)).toEqual(["01-getting-started"]);
    expect(removeModule(files, "01-getting-started").ok).toBe(false);
  });

  it("makes addresses from titles", () => {
    expect(slugify("Réparer d’abord : pourquoi ?")).toBe("reparer-d-abord-pourquoi");
    expect(slugify("!!!")).toBe("untitled");
  });
});

describe("course details", () => {
  it("round-trips through the form and writes the answer-reveal policy into every quiz", () => {
    const files = {
      ...newCourseFiles("Old title"),
      "01-getting-started/quiz.yml": "# kept comment\ntitle: Check\nreveal: after-pass\nquestions: []\n",
    };
    const form = detailsOf(files);
    expect(form).toMatchObject({
      title: "Old title",
      passMark: "70",
      moduleReveal: "after-pass",
      finalReveal: "never",
    });
    const parsed = detailsSchema(translator("en")).parse({
      ...form,
      title: "New title",
      outcomes: "One\nTwo\n\nThree",
      topics: "circular-ict, green-ict",
      maxAttempts: "3",
      moduleReveal: "always",
    });
    const next = applyDetails(files, parsed);
    if (!next.ok) throw new Error(next.problem.key);
    expect(detailsOf(next.files)).toMatchObject({
      title: "New title",
      outcomes: "One\nTwo\nThree",
      topics: "circular-ict, green-ict",
      maxAttempts: "3",
      moduleReveal: "always",
    });
    expect(next.files["01-getting-started/quiz.yml"]).toContain("# kept comment");
    expect(next.files["01-getting-started/quiz.yml"]).toContain("reveal: always");
  });

  it("refuses what content/ would refuse, with a message per field", () => {
    const result = detailsSchema(translator("en")).safeParse({
      ...detailsOf(newCourseFiles("T")),
      outcomes: "only one",
      passMark: "40",
      topics: "Not A Slug",
    });
    expect(result.success).toBe(false);
    expect(result.error!.flatten().fieldErrors).toEqual({
      outcomes: ["List at least 3 outcomes."],
      passMark: ["The pass mark is at least 50."],
      topics: ["Write topics as lower-case words joined by hyphens."],
    });
    const arabic = detailsSchema(translator("ar")).safeParse({ ...detailsOf(newCourseFiles("T")), title: "" });
    expect(arabic.error!.flatten().fieldErrors).toEqual({ title: ["أدخل العنوان."] });
    const french = detailsSchema(translator("fr")).safeParse({
      ...detailsOf(newCourseFiles("T")),
      summary: "x".repeat(201),
    });
    expect(french.error!.flatten().fieldErrors).toEqual({ summary: ["Limitez le résumé à 200 caractères."] });
  });
});
