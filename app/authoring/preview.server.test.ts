import { afterAll, describe, expect, it } from "vitest";
import { shutdownUntrustedCompiler } from "~/content/untrusted-compile.server";
import { compileForAuthors } from "./compile.server";
import { checkFile, previewLesson } from "./preview.server";
import { newCourseFiles, newLessonFile } from "./structure";

afterAll(() => shutdownUntrustedCompiler());

describe("previewing a lesson", () => {
  it("renders the lesson with the learners' components", async () => {
    const source = newLessonFile("Why repair").replace(
      "Write the lesson here.",
      '<KeyFigure value="62 Mt" label="e-waste generated in 2022" source="Global E-waste Monitor 2024" year="2024" />',
    );
    const preview = await previewLesson(compileForAuthors, source);
    if (!preview.ok) throw new Error(JSON.stringify(preview.problems));
    expect(preview.html).toContain("62 Mt");
    expect(preview.html).toContain("Global E-waste Monitor 2024");
    // The components speak the author's page language, as they speak the learner's on the lesson page.
    const arabic = await previewLesson(compileForAuthors, source, "ar");
    if (!arabic.ok) throw new Error(JSON.stringify(arabic.problems));
    expect(arabic.html).toContain("المصدر: Global E-waste Monitor 2024");
    expect(preview.html).toContain("Source: Global E-waste Monitor 2024");
  });

  it("reports problems in the frontmatter and in the MDX with their lines, and runs nothing", async () => {
    const source = "---\ntitle: Why\nsummary: S\nminutes: lots\n---\n\n{globalThis.previewRan = true}\n";
    const preview = await previewLesson(compileForAuthors, source);
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.problems.map((p) => p.line)).toEqual([4, 7]);
    expect((globalThis as { previewRan?: boolean }).previewRan).toBeUndefined();
  });
});

describe("checking one file of a draft", () => {
  it("finds the file's own problems, with what it depends on (the course's outcomes for a quiz)", async () => {
    const files = newCourseFiles("Course");
    const quiz =
      "title: Q\nreveal: never\nquestions:\n  - id: q1\n    type: truefalse\n    prompt: P\n    answer: true\n    explanation: E\n    outcome: 9\n";
    expect(await checkFile(files, "c", "01-getting-started/quiz.yml", quiz, compileForAuthors)).toEqual([
      {
        line: 9,
        column: 14,
        message: "questions.0.outcome: outcome 9 does not exist: course.md lists 3 outcomes, numbered from 1",
      },
    ]);
  });

  it("checks a lesson's MDX in the sandboxed compiler, in line order with its frontmatter problems", async () => {
    const files = newCourseFiles("Course");
    const path = Object.keys(files).find((p) => p.endsWith(".mdx"))!;
    const lesson = "---\ntitle: T\nsummary: S\nminutes: many\n---\n\n# Heading\n\n<Marquee>hi</Marquee>\n";
    const problems = await checkFile(files, "c", path, lesson, compileForAuthors);
    expect(problems.map((p) => p.line)).toEqual([4, 9]);
    expect(problems[1].message).toMatch(/Marquee/);
  });
});
