import { describe, expect, it } from "vitest";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { applyQuizEdit, checkQuizForm, formFromFields, quizToForm } from "./quiz-form";
import { newQuizFile } from "./structure";

const fields = (entries: Record<string, string>) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(entries)) form.append(k, v);
  return form;
};

describe("the quiz form", () => {
  it("reads a quiz file, and writes back the same quiz", () => {
    const form = quizToForm(newQuizFile(false));
    expect(form.questions).toHaveLength(1);
    const checked = checkQuizForm(form);
    if (!checked.ok) throw new Error(checked.problems.map((p) => say(translator("en"), p)).join("; "));
    expect(quizToForm(checked.yaml)).toEqual(form);
  });

  it("reads submitted fields, including unticked options and true/false answers", () => {
    const form = formFromFields(
      fields({
        title: "Check",
        reveal: "never",
        "q.0.id": "q1",
        "q.0.type": "multiple",
        "q.0.prompt": "Which are above recycling?",
        "q.0.o.0.id": "a",
        "q.0.o.0.text": "Repair",
        "q.0.o.0.correct": "on",
        "q.0.o.1.id": "b",
        "q.0.o.1.text": "Refurbish",
        "q.0.o.1.correct": "on",
        "q.0.o.2.id": "c",
        "q.0.o.2.text": "Energy recovery",
        "q.0.explanation": "Repair and refurbishment keep more value.",
        "q.1.id": "q2",
        "q.1.type": "truefalse",
        "q.1.prompt": "Recycling is the top of the ladder.",
        "q.1.answer": "false",
        "q.1.explanation": "It is near the bottom.",
      }),
    );
    expect(form).toMatchObject({ title: "Check", reveal: "never", shuffle: false });
    expect(form.questions[0].options.map((o) => o.correct)).toEqual([true, true, false]);
    expect(form.questions[1]).toMatchObject({ type: "truefalse", answer: false });
    const checked = checkQuizForm(form);
    expect(checked.ok).toBe(true);
  });

  it("says which question breaks which rule", () => {
    const form = quizToForm(newQuizFile(false));
    form.questions[0].options[1].correct = true; // two right options on a single-choice question
    form.questions[0].prompt = " ";
    const checked = checkQuizForm(form);
    const detail = "a single-choice question needs exactly one correct option (found 2)";
    expect(checked).toEqual({
      ok: false,
      problems: [
        { key: "authoring:problems.quiz.field", values: { question: 1, field: "options", detail } },
        { key: "authoring:problems.quiz.field", values: { question: 1, field: "prompt", detail: "must not be empty" } },
      ],
    });
    if (checked.ok) throw new Error("refused above");
    expect(checked.problems.map((p) => say(translator("en"), p))).toEqual([
      `Question 1 (options): ${detail}`,
      "Question 1 (prompt): must not be empty",
    ]);
    expect(say(translator("ar"), checked.problems[1])).toBe("السؤال 1 (prompt): must not be empty");
  });

  it("adds, reorders and removes questions and options", () => {
    let form = quizToForm(newQuizFile(false));
    form = applyQuizEdit(form, "add-question");
    expect(form.questions.map((q) => q.id)).toEqual(["q1", "q2"]);
    form = applyQuizEdit(form, "move-question:1:-1");
    expect(form.questions.map((q) => q.id)).toEqual(["q2", "q1"]);
    form = applyQuizEdit(form, "add-option:1");
    expect(form.questions[1].options.map((o) => o.id)).toEqual(["a", "b", "c", "d"]);
    form = applyQuizEdit(form, "remove-option:1:0");
    expect(form.questions[1].options.map((o) => o.id)).toEqual(["b", "c", "d"]);
    form = applyQuizEdit(form, "remove-question:0");
    expect(form.questions.map((q) => q.id)).toEqual(["q1"]);
    expect(applyQuizEdit(form, "move-question:0:-1")).toEqual(form);
  });
});
