import { describe, expect, it } from "vitest";
import type { QuizDef } from "~/content/schema";
import { answersFromForm, grade, makeLayout, publicQuestions, withoutInstruction } from "./grading";

const quiz: QuizDef = {
  title: "Quiz",
  passMark: 70,
  shuffle: true,
  reveal: "always",
  questions: [
    {
      id: "ewaste",
      type: "single",
      prompt: "How much e-waste in 2022?",
      options: [
        { id: "a", text: "62 Mt", correct: true },
        { id: "b", text: "34 Mt" },
        { id: "c", text: "82 Mt" },
        { id: "d", text: "13.8 Mt" },
      ],
      explanation: "SECRET-EXPLANATION-1",
    },
    {
      id: "scopes",
      type: "multiple",
      prompt: "Which are scopes?",
      options: [
        { id: "a", text: "Scope 1", correct: true },
        { id: "b", text: "Scope 2", correct: true },
        { id: "c", text: "Scope 7" },
      ],
      explanation: "SECRET-EXPLANATION-2",
    },
    { id: "refuse", type: "truefalse", prompt: "Refuse is R0.", answer: true, explanation: "SECRET-EXPLANATION-3" },
  ],
};

/** A deterministic random source, so shuffles are repeatable in tests. */
const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

describe("quiz layout and grading", () => {
  it("what the browser receives before submission holds no answer key and no explanation", () => {
    const shown = JSON.stringify(publicQuestions(quiz, makeLayout(quiz, seeded(7))));
    expect(shown).not.toMatch(/correct|answer|explanation|SECRET/i);
    expect(shown).toContain("62 Mt");
    expect(JSON.parse(shown)[2].options).toEqual([
      { id: "true", text: "True" },
      { id: "false", text: "False" },
    ]);
  });

  it("shuffles options per attempt and grades by stable option ids", () => {
    const layouts = [1, 2, 3, 4, 5].map((s) => makeLayout(quiz, seeded(s)));
    const orders = new Set(layouts.map((l) => l[0].options.join("")));
    expect(orders.size).toBeGreaterThan(1);
    for (const layout of layouts) {
      expect([...layout[0].options].sort()).toEqual(["a", "b", "c", "d"]);
      const result = grade(quiz, layout, { ewaste: ["a"], scopes: ["b", "a"], refuse: ["true"] });
      expect(result).toMatchObject({ score: 100, correctCount: 3, total: 3 });
      // The graded options come back in the order the learner saw them.
      expect(result.questions[0].options.map((o) => o.id)).toEqual(layout[0].options);
    }
  });

  it("grades all or nothing per question and rounds the score", () => {
    const layout = makeLayout({ ...quiz, shuffle: false });
    expect(grade(quiz, layout, { ewaste: ["b"], scopes: ["a"], refuse: ["true"] })).toMatchObject({ score: 33, correctCount: 1 });
    expect(grade(quiz, layout, { ewaste: ["a"], scopes: ["a", "b", "c"], refuse: ["false"] })).toMatchObject({ score: 33 });
    expect(grade(quiz, layout, {})).toMatchObject({ score: 0 });
    const wrong = grade(quiz, layout, { ewaste: ["b"] }).questions[0];
    expect(wrong).toMatchObject({ correct: false, given: ["b"], right: ["a"], explanation: "SECRET-EXPLANATION-1" });
  });

  it("reads answers from the form, ignoring option ids that were not offered", () => {
    const layout = makeLayout(quiz);
    const form = new FormData();
    form.append("q-ewaste", "a");
    form.append("q-scopes", "a");
    form.append("q-scopes", "zzz");
    expect(answersFromForm(form, layout)).toEqual({ ewaste: ["a"], scopes: ["a"], refuse: [] });
  });
});

describe("the instruction of a multiple-answer question", () => {
  it("is taken off the end of the prompt, whatever its wording, so that the page says it once", () => {
    expect(withoutInstruction("Which organisations sponsor GCOS? Select all that apply.")).toBe("Which organisations sponsor GCOS?");
    expect(withoutInstruction("Which apply? (choose all that apply)")).toBe("Which apply?");
    expect(withoutInstruction("Which of these is right?")).toBe("Which of these is right?");
    expect(withoutInstruction("Select all that apply to Scope 3: which?")).toBe("Select all that apply to Scope 3: which?");
  });
});
