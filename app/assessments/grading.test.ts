import { describe, expect, it } from "vitest";
import type { QuizDef } from "~/content/schema";
import { answersFromForm, feedback, grade, makeLayout, publicQuestions, withoutInstruction } from "./grading";

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
    expect(grade(quiz, layout, { ewaste: ["b"], scopes: ["a"], refuse: ["true"] })).toMatchObject({
      score: 33,
      correctCount: 1,
    });
    expect(grade(quiz, layout, { ewaste: ["a"], scopes: ["a", "b", "c"], refuse: ["false"] })).toMatchObject({
      score: 33,
    });
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

describe("grading rules a learner would notice", () => {
  const plain = { ...quiz, shuffle: false };
  const layout = makeLayout(plain);

  it("a multiple-choice answer with the right number of options but one wrong is wrong", () => {
    const result = grade(quiz, layout, { scopes: ["a", "c"] });
    expect(result.questions[1]).toMatchObject({ correct: false, given: ["a", "c"], right: ["a", "b"] });
    expect(grade(quiz, layout, { scopes: ["c", "b"] }).questions[1].correct).toBe(false);
    expect(grade(quiz, layout, { scopes: ["b"] }).questions[1].correct).toBe(false);
  });

  it("right options listed out of id order are still recognised, whatever order they are ticked in", () => {
    const unordered: QuizDef = {
      ...plain,
      questions: [
        {
          id: "m",
          type: "multiple",
          prompt: "Pick",
          options: [
            { id: "c", text: "C", correct: true },
            { id: "b", text: "B" },
            { id: "a", text: "A", correct: true },
          ],
          explanation: "e",
        },
      ],
    };
    const l = makeLayout(unordered);
    for (const given of [
      ["a", "c"],
      ["c", "a"],
    ]) {
      expect(grade(unordered, l, { m: given })).toMatchObject({
        score: 100,
        questions: [{ correct: true, right: ["a", "c"], given: ["a", "c"] }],
      });
    }
  });

  it("an option ticked twice counts once", () => {
    expect(grade(quiz, layout, { ewaste: ["a", "a"], scopes: ["a", "b", "b"], refuse: ["true"] })).toMatchObject({
      score: 100,
      correctCount: 3,
    });
  });

  it("rounds the score to the nearest whole percent and scores an empty quiz 0", () => {
    expect(grade(quiz, layout, { ewaste: ["a"], scopes: ["a", "b"] }).score).toBe(67);
    expect(grade({ ...quiz, questions: [] }, [], {})).toEqual({ score: 0, correctCount: 0, total: 0, questions: [] });
  });

  it("ignores layout entries for questions the quiz no longer has, and names options it cannot find by id", () => {
    const stale = [...layout, { question: "gone", options: ["x"] }];
    expect(grade(quiz, stale, { ewaste: ["a"], scopes: ["a", "b"], refuse: ["true"] })).toMatchObject({
      score: 100,
      total: 3,
    });
    expect(publicQuestions(quiz, stale).map((q) => q.id)).toEqual(["ewaste", "scopes", "refuse"]);
    const withUnknownOption = [{ question: "ewaste", options: ["a", "zz"] }];
    expect(publicQuestions(quiz, withUnknownOption)[0].options).toEqual([{ id: "a", text: "62 Mt" }]);
    expect(grade(quiz, withUnknownOption, {}).questions[0].options).toEqual([
      { id: "a", text: "62 Mt" },
      { id: "zz", text: "zz" },
    ]);
  });

  it("shows every question with its prompt, type and texts, true/false in a fixed order", () => {
    const shuffled = makeLayout(quiz, () => 0);
    expect(shuffled[2].options).toEqual(["true", "false"]);
    expect(makeLayout(plain, () => 0)[0].options).toEqual(["a", "b", "c", "d"]);
    expect(publicQuestions(quiz, layout)[1]).toEqual({
      id: "scopes",
      type: "multiple",
      prompt: "Which are scopes?",
      options: [
        { id: "a", text: "Scope 1" },
        { id: "b", text: "Scope 2" },
        { id: "c", text: "Scope 7" },
      ],
    });
  });

  it("shuffles fairly: every option turns up in every position about as often", () => {
    const random = seeded(42);
    const counts = Array.from({ length: 4 }, () => new Map<string, number>());
    const runs = 4000;
    for (let n = 0; n < runs; n++) {
      makeLayout(quiz, random)[0].options.forEach((id, position) =>
        counts[position].set(id, (counts[position].get(id) ?? 0) + 1),
      );
    }
    for (const position of counts) {
      expect([...position.keys()].sort()).toEqual(["a", "b", "c", "d"]);
      for (const count of position.values()) expect(Math.abs(count / runs - 0.25)).toBeLessThan(0.03);
    }
  });

  it("feedback shows what was chosen; the right options and explanations only when revealed; the concept only for a wrong answer", () => {
    const withConcept: QuizDef = {
      ...plain,
      questions: plain.questions.map((q) => ({ ...q, concept: `revisit ${q.id}` })),
    };
    const graded = grade(withConcept, layout, { ewaste: ["b"], scopes: ["a", "b"], refuse: ["true"] });
    const hidden = feedback(withConcept, graded, false);
    expect(hidden[0]).toEqual({
      id: "ewaste",
      prompt: "How much e-waste in 2022?",
      correct: false,
      options: [
        { id: "a", text: "62 Mt", chosen: false },
        { id: "b", text: "34 Mt", chosen: true },
        { id: "c", text: "82 Mt", chosen: false },
        { id: "d", text: "13.8 Mt", chosen: false },
      ],
      concept: "revisit ewaste",
    });
    expect(hidden[1]).not.toHaveProperty("concept");
    expect(JSON.stringify(hidden)).not.toMatch(/SECRET|"right"/);
    const shown = feedback(withConcept, graded, true);
    expect(shown[0]).toMatchObject({ explanation: "SECRET-EXPLANATION-1", concept: "revisit ewaste" });
    expect(shown[0].options.map((o) => o.right)).toEqual([true, false, false, false]);
    expect(shown[1]).toMatchObject({ correct: true, explanation: "SECRET-EXPLANATION-2" });
    expect(shown[1]).not.toHaveProperty("concept");
    expect(feedback(quiz, grade(quiz, layout, {}), false)[0]).not.toHaveProperty("concept");
  });
});

describe("the instruction of a multiple-answer question", () => {
  it("is taken off the end of the prompt, whatever its wording, so that the page says it once", () => {
    expect(withoutInstruction("Which organisations sponsor GCOS? Select all that apply.")).toBe(
      "Which organisations sponsor GCOS?",
    );
    expect(withoutInstruction("Which apply? (choose all that apply)")).toBe("Which apply?");
    expect(withoutInstruction("Which of these is right?")).toBe("Which of these is right?");
    expect(withoutInstruction("Select all that apply to Scope 3: which?")).toBe(
      "Select all that apply to Scope 3: which?",
    );
  });
});

describe("edge cases of grading and prompts", () => {
  it("an unanswered question is wrong, with nothing recorded as given", () => {
    const result = grade(quiz, makeLayout({ ...quiz, shuffle: false }), { scopes: ["a", "b"] });
    expect(result.questions.map((q) => [q.id, q.correct, q.given])).toEqual([
      ["ewaste", false, []],
      ["scopes", true, ["a", "b"]],
      ["refuse", false, []],
    ]);
  });

  it("takes the instruction off even without a space before it, and tidies surrounding whitespace", () => {
    expect(withoutInstruction("Which apply?Select all that apply.")).toBe("Which apply?");
    expect(withoutInstruction("Which apply?(tick all that apply)")).toBe("Which apply?");
    expect(withoutInstruction("Which apply? Check all that apply.  \n")).toBe("Which apply?");
    expect(withoutInstruction("  Which of these is right?  ")).toBe("Which of these is right?");
  });
});
