import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { courseMinutes } from "./duration";
import { formatProblem, loadContent } from "./load.server";

const COURSE = `---
title: Test course
summary: A course for tests.
description: Long description.
audience: Testers.
outcomes: [One, Two, Three]
level: introductory
topics: [testing]
language: en
passMark: 70
---
`;
const MODULE = `---
title: Module
summary: A module.
outcomes: [Learn]
sources:
  - { title: A report, publisher: ITU, year: 2024 }
---
`;
const LESSON = (body = "Hello.") => `---\ntitle: Lesson\nsummary: A lesson.\nminutes: 5\n---\n\n${body}\n`;

function tree(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "gda-content-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const good = {
  "01-test/course.md": COURSE,
  "01-test/01-basics/module.md": MODULE,
  "01-test/01-basics/01-first.mdx": LESSON(),
  "01-test/01-basics/02-second.mdx": LESSON(),
};

describe("loading course content", () => {
  it("reads courses, modules and lessons with slugs and stable keys from the file names", () => {
    const { courses, problems } = loadContent(tree(good));
    expect(problems).toEqual([]);
    expect(courses[0]).toMatchObject({ slug: "test", title: "Test course", retakes: { cooldownMinutes: 0 } });
    expect(courses[0].modules[0].lessons.map((l) => l.key)).toEqual(["basics/first", "basics/second"]);
  });

  it("reports every problem with its file, line and column", () => {
    const root = tree({
      ...good,
      "01-test/course.md": COURSE.replace("level: introductory", "level: expert").replace(
        "passMark: 70",
        "passMark: seventy",
      ),
      "01-test/01-basics/02-second.mdx": LESSON('import X from "x"\n\n<KeyFigure value="1" label="l" year="2024" />'),
      "01-test/01-basics/03-third.mdx": "no frontmatter",
      "01-test/01-basics/Bad Name.mdx": LESSON(),
    });
    const lines = loadContent(root).problems.map((p) =>
      formatProblem({ ...p, file: p.file.replace(/^.*?(01-test)/, "$1") }),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^01-test\/course\.md:7:8 level: Invalid enum value/),
        expect.stringMatching(/^01-test\/course\.md:10:11 passMark: Expected number/),
        expect.stringMatching(/^01-test\/01-basics\/02-second\.mdx:7:1 import and export are not allowed/),
        expect.stringMatching(/^01-test\/01-basics\/02-second\.mdx:9:1 <KeyFigure>: source is required/),
        expect.stringMatching(/^01-test\/01-basics\/03-third\.mdx:1:1 frontmatter is missing/),
        expect.stringMatching(/^01-test\/01-basics\/Bad Name\.mdx:1:1 name it with an order prefix/),
      ]),
    );
  });

  it("checks quizzes: the number of right answers, unique ids and explanations", () => {
    const root = tree({
      ...good,
      "01-test/01-basics/quiz.yml": `title: Quiz
passMark: 70
questions:
  - id: q1
    type: single
    prompt: Pick one
    options:
      - { id: a, text: A, correct: true }
      - { id: b, text: B, correct: true }
      - { id: c, text: C }
    explanation: Because.
  - id: q1
    type: truefalse
    prompt: True?
    answer: true
  - id: q3
    type: multiple
    prompt: Pick some
    options:
      - { id: a, text: A, correct: true }
      - { id: b, text: B }
      - { id: c, text: C }
    explanation: Because.
`,
    });
    const messages = loadContent(root).problems.map((p) => `${p.line} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        "8 questions.0.options: a single-choice question needs exactly one correct option (found 2)",
        "12 questions.1.explanation: Required",
        '12 questions.1.id: question id "q1" is used twice',
        expect.stringMatching(
          /^20 questions\.2\.options: a multiple-choice question needs at least two correct options/,
        ),
      ]),
    );
  });

  it("checks that every question's outcome is one of the course's outcomes, with its line", () => {
    const root = tree({
      ...good,
      "01-test/01-basics/quiz.yml": `title: Quiz
reveal: after-pass
questions:
  - id: q1
    type: truefalse
    prompt: True?
    answer: true
    explanation: Because.
    outcome: 4
  - id: q2
    type: truefalse
    prompt: Also true?
    answer: true
    explanation: Because.
    outcome: [1, 3, 7]
  - id: q3
    type: truefalse
    prompt: Still true?
    answer: true
    explanation: Because.
    outcome: 2
`,
    });
    expect(loadContent(root).problems.map((p) => `${p.line} ${p.message}`)).toEqual([
      "9 questions.0.outcome: outcome 4 does not exist: course.md lists 3 outcomes, numbered from 1",
      "15 questions.1.outcome.2: outcome 7 does not exist: course.md lists 3 outcomes, numbered from 1",
    ]);
  });

  it("computes the course's duration from its lessons and quizzes, and refuses a typed-in one", () => {
    const { courses } = loadContent(tree(good));
    expect(courses[0].estimatedMinutes).toBe(courseMinutes(courses[0]));
    const typed = tree({
      ...good,
      "01-test/course.md": COURSE.replace("passMark:", "estimatedMinutes: 60\npassMark:"),
    });
    expect(loadContent(typed).problems.map((p) => p.message)).toEqual([expect.stringMatching(/estimatedMinutes/)]);
  });

  it("finds no problem in the shipped courses", () => {
    const { courses, problems } = loadContent("content/courses");
    expect(problems.map(formatProblem)).toEqual([]);
    expect(courses.length).toBeGreaterThanOrEqual(1);
  });
});
