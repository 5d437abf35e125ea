// Classical item analysis of a quiz: pure functions over graded attempts (see grading.ts).
//
// For each question:
// - n: attempts in which the question was shown;
// - difficulty: the share of those attempts that answered it right (0–1; higher is easier);
// - discrimination: the point-biserial correlation between the item (right = 1, wrong = 0) and the
//   attempt's score on the OTHER questions (the corrected item-rest correlation), so that an item
//   does not correlate with itself. The rest score is the share of the other questions answered
//   right, which makes attempts comparable when a quiz's questions changed between them; an attempt
//   that showed this question only is left out of it. It is null when it is not defined: fewer than
//   two attempts, or every attempt scored the same on the item or on the rest (zero variance);
// - the wrong option chosen most often (ties go to the option listed first in the quiz);
// - flags for the instructor: too easy (more than 95 % right), too hard (fewer than 20 % right), not
//   discriminating (discrimination below 0.1). A statistic that is not defined raises no flag.
//
// Sums are accumulated one attempt at a time (Welford's method), so attempts can be streamed in
// batches and an item that everyone answered alike has a variance of exactly zero.
import type { QuizDef } from "~/content/schema";

/** One graded question of an attempt: `GradedQuestion` from grading.ts fits. */
export type GradedResponse = { id: string; correct: boolean; given: string[]; right: string[] };
/** A graded attempt: `Grade` from grading.ts fits. */
export type GradedAttempt = { questions: GradedResponse[] };

export const ITEM_FLAGS = ["too-easy", "too-hard", "not-discriminating"] as const;
export type ItemFlag = (typeof ITEM_FLAGS)[number];

export const TOO_EASY_ABOVE = 0.95;
export const TOO_HARD_BELOW = 0.2;
export const DISCRIMINATING_FROM = 0.1;

export type ItemStat = {
  questionId: string;
  /** Attempts in which the question was shown. */
  n: number;
  /** Attempts that answered it right. */
  right: number;
  /** right / n, or null when n is 0. */
  difficulty: number | null;
  /** Corrected item-rest point-biserial correlation, −1 to 1; null when not defined. */
  discrimination: number | null;
  /** The wrong option chosen most often, and by how many attempts; null when none was chosen. */
  topWrongOption: { id: string; count: number } | null;
  flags: ItemFlag[];
};

/** The option ids of a question in the quiz's order ("true", "false" for a true/false question). */
export function optionIdsOf(question: QuizDef["questions"][number]): string[] {
  return question.type === "truefalse" ? ["true", "false"] : question.options.map((o) => o.id);
}

type Acc = {
  n: number;
  right: number;
  wrongChoices: Map<string, number>;
  // Welford's running moments over the attempts that also showed other questions.
  m: number;
  meanX: number;
  meanY: number;
  ssX: number;
  ssY: number;
  coXY: number;
};

/**
 * A grader for many attempts at one quiz: the same verdicts as grade() in grading.ts (a question is
 * right when the set of options given equals the set of right ones), without what a result page
 * needs (option texts, explanations), which made grading the largest cost of item statistics.
 * `answers` holds an entry for every question shown (see answersFromForm); questions the quiz no
 * longer has are left out.
 */
export function answersGrader(quiz: QuizDef): (answers: Record<string, string[]>) => GradedAttempt {
  const keys = new Map(
    quiz.questions.map((q) => [
      q.id,
      q.type === "truefalse" ? [String(q.answer)] : q.options.filter((o) => o.correct).map((o) => o.id),
    ]),
  );
  return (answers) => {
    const questions: GradedResponse[] = [];
    for (const id of Object.keys(answers)) {
      const right = keys.get(id);
      if (!right) continue;
      const raw = Array.isArray(answers[id]) ? answers[id] : [];
      const given = raw.length > 1 ? [...new Set(raw)] : raw;
      questions.push({
        id,
        correct: given.length === right.length && given.every((g) => right.includes(g)),
        given,
        right,
      });
    }
    return { questions };
  };
}

/** The flags an item's difficulty and discrimination raise. */
export function itemFlags(difficulty: number | null, discrimination: number | null): ItemFlag[] {
  const flags: ItemFlag[] = [];
  if (difficulty !== null && difficulty > TOO_EASY_ABOVE) flags.push("too-easy");
  if (difficulty !== null && difficulty < TOO_HARD_BELOW) flags.push("too-hard");
  if (discrimination !== null && discrimination < DISCRIMINATING_FROM) flags.push("not-discriminating");
  return flags;
}

/**
 * Collects item statistics one graded attempt at a time. `questions` are the quiz's questions in
 * order (what the result lists); responses to questions not in it are ignored.
 */
export class ItemStatsAccumulator {
  private readonly accs = new Map<string, Acc>();
  private readonly order: { id: string; options: string[] }[];

  constructor(questions: { id: string; options: string[] }[]) {
    this.order = questions;
    for (const q of questions)
      this.accs.set(q.id, {
        n: 0,
        right: 0,
        wrongChoices: new Map(),
        m: 0,
        meanX: 0,
        meanY: 0,
        ssX: 0,
        ssY: 0,
        coXY: 0,
      });
  }

  static forQuiz(quiz: QuizDef): ItemStatsAccumulator {
    return new ItemStatsAccumulator(quiz.questions.map((q) => ({ id: q.id, options: optionIdsOf(q) })));
  }

  add(attempt: GradedAttempt): void {
    const shown = attempt.questions.filter((q) => this.accs.has(q.id));
    const total = shown.length;
    const totalRight = shown.reduce((sum, q) => sum + (q.correct ? 1 : 0), 0);
    for (const q of shown) {
      const acc = this.accs.get(q.id)!;
      const x = q.correct ? 1 : 0;
      acc.n += 1;
      acc.right += x;
      if (!q.correct)
        for (const id of q.given.length > 1 ? new Set(q.given) : q.given)
          if (!q.right.includes(id)) acc.wrongChoices.set(id, (acc.wrongChoices.get(id) ?? 0) + 1);
      if (total < 2) continue;
      const y = (totalRight - x) / (total - 1);
      acc.m += 1;
      const dx = x - acc.meanX;
      acc.meanX += dx / acc.m;
      const dy = y - acc.meanY;
      acc.meanY += dy / acc.m;
      acc.ssX += dx * (x - acc.meanX);
      acc.ssY += dy * (y - acc.meanY);
      acc.coXY += dx * (y - acc.meanY);
    }
  }

  result(): ItemStat[] {
    return this.order.map(({ id, options }) => {
      const acc = this.accs.get(id)!;
      const difficulty = acc.n > 0 ? acc.right / acc.n : null;
      const discrimination =
        acc.m >= 2 && acc.ssX > 0 && acc.ssY > 0
          ? Math.max(-1, Math.min(1, acc.coXY / Math.sqrt(acc.ssX * acc.ssY)))
          : null;
      let topWrongOption: ItemStat["topWrongOption"] = null;
      // Options in the quiz's order first, so that ties go to the one listed first; then any
      // option the quiz no longer has, in the order first seen.
      const ids = [...options, ...[...acc.wrongChoices.keys()].filter((o) => !options.includes(o))];
      for (const option of ids) {
        const count = acc.wrongChoices.get(option) ?? 0;
        if (count > 0 && (!topWrongOption || count > topWrongOption.count)) topWrongOption = { id: option, count };
      }
      return {
        questionId: id,
        n: acc.n,
        right: acc.right,
        difficulty,
        discrimination,
        topWrongOption,
        flags: itemFlags(difficulty, discrimination),
      };
    });
  }
}

/** Item statistics of a quiz over these graded attempts, questions in the quiz's order. */
export function itemStatistics(quiz: QuizDef, attempts: Iterable<GradedAttempt>): ItemStat[] {
  const acc = ItemStatsAccumulator.forQuiz(quiz);
  for (const attempt of attempts) acc.add(attempt);
  return acc.result();
}
