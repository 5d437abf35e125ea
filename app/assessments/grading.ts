// Quiz layout and grading: pure functions over a quiz definition. Grading uses stable option ids,
// whatever order the options were shown in.
import type { Question, QuizDef } from "~/content/schema";

export type Layout = { question: string; options: string[] }[];
export type Answers = Record<string, string[]>;
export type PublicQuestion = {
  id: string;
  type: Question["type"];
  prompt: string;
  options: { id: string; text: string }[];
};

/** The two options of a true-or-false question; pages name them in their own language (quiz:answer.true/false). */
export const TRUE_FALSE = [
  { id: "true", text: "True" },
  { id: "false", text: "False" },
];

const optionsOf = (q: Question) =>
  q.type === "truefalse" ? TRUE_FALSE : q.options.map(({ id, text }) => ({ id, text }));
const rightAnswers = (q: Question) =>
  q.type === "truefalse" ? [String(q.answer)] : q.options.filter((o) => o.correct).map((o) => o.id);

/** The order an attempt shows its questions' options in, shuffled when the quiz asks for it. */
export function makeLayout(quiz: QuizDef, random: () => number = Math.random): Layout {
  return quiz.questions.map((q) => {
    const ids = optionsOf(q).map((o) => o.id);
    if (quiz.shuffle && q.type !== "truefalse") {
      // Stryker disable next-line EqualityOperator: a last round at i = 0 could only swap the first option with itself
      for (let i = ids.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [ids[i], ids[j]] = [ids[j], ids[i]];
      }
    }
    return { question: q.id, options: ids };
  });
}

/** What the browser may see before submitting: prompts and options, never keys or explanations. */
/** What a multiple-answer question tells the learner to do, shown once under its prompt. */
export const SELECT_ALL = "Select all that apply.";

/** The prompt without a closing "Select/Choose all that apply." of its own, which the page shows once. */
export function withoutInstruction(prompt: string): string {
  return prompt.replace(/\s*\(?(select|choose|tick|check) all that apply\.?\)?\s*$/i, "").trim();
}

export function publicQuestions(quiz: QuizDef, layout: Layout): PublicQuestion[] {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return layout.flatMap(({ question, options }) => {
    const q = byId.get(question);
    if (!q) return [];
    const texts = new Map(optionsOf(q).map((o) => [o.id, o.text]));
    return [
      {
        id: q.id,
        type: q.type,
        prompt: q.prompt,
        options: options.filter((id) => texts.has(id)).map((id) => ({ id, text: texts.get(id)! })),
      },
    ];
  });
}

/** Reads the submitted form: one field per question, named after it, with option ids as values. */
export function answersFromForm(form: FormData, layout: Layout): Answers {
  return Object.fromEntries(
    layout.map(({ question, options }) => [
      question,
      form
        .getAll(`q-${question}`)
        .map(String)
        .filter((v) => options.includes(v)),
    ]),
  );
}

export type GradedQuestion = {
  id: string;
  prompt: string;
  correct: boolean;
  given: string[];
  right: string[];
  options: { id: string; text: string }[];
  explanation: string;
};
export type Grade = { score: number; correctCount: number; total: number; questions: GradedQuestion[] };

/** All-or-nothing per question; the score is the percentage of questions answered right. */
export function grade(quiz: QuizDef, layout: Layout, answers: Answers): Grade {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const questions = layout.flatMap(({ question, options }) => {
    const q = byId.get(question);
    if (!q) return [];
    const right = rightAnswers(q).sort();
    const given = [...new Set(answers[q.id] ?? [])].sort();
    const texts = new Map(optionsOf(q).map((o) => [o.id, o.text]));
    return [
      {
        id: q.id,
        prompt: q.prompt,
        correct: right.length === given.length && right.every((r, i) => r === given[i]),
        given,
        right,
        options: options.map((id) => ({ id, text: texts.get(id) ?? id })),
        explanation: q.explanation,
      },
    ];
  });
  const correctCount = questions.filter((q) => q.correct).length;
  return {
    score: questions.length ? Math.round((correctCount * 100) / questions.length) : 0,
    correctCount,
    total: questions.length,
    questions,
  };
}

/** What the learner sees about one graded question. `right` and `explanation` only when revealed. */
export type QuestionFeedback = {
  id: string;
  prompt: string;
  correct: boolean;
  options: { id: string; text: string; chosen: boolean; right?: boolean }[];
  explanation?: string;
  concept?: string;
};

/**
 * The per-question feedback of a graded attempt. Unless `revealed`, it holds no right option
 * and no explanation: only what the learner chose, whether the question was right, and for a
 * wrong one the concept to revisit.
 */
export function feedback(quiz: QuizDef, graded: Grade, revealed: boolean): QuestionFeedback[] {
  const concepts = new Map(quiz.questions.map((q) => [q.id, q.concept]));
  return graded.questions.map((q) => {
    const concept = concepts.get(q.id);
    const options = q.options.map((o) => ({
      id: o.id,
      text: o.text,
      chosen: q.given.includes(o.id),
      ...(revealed ? { right: q.right.includes(o.id) } : {}),
    }));
    return {
      id: q.id,
      prompt: q.prompt,
      correct: q.correct,
      options,
      ...(revealed ? { explanation: q.explanation } : {}),
      ...(!q.correct && concept ? { concept } : {}),
    };
  });
}

/** Whether a question's options are the true-or-false pair (their labels are then the page's words, not these). */
export const isTrueFalse = (options: { id: string }[]) =>
  options.length === 2 && options[0]!.id === "true" && options[1]!.id === "false";
