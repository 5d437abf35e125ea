import { describe, expect, it } from "vitest";
import { grade, makeLayout } from "~/assessments/grading";
import type { QuizDef } from "~/content/schema";
import { answersGrader, ItemStatsAccumulator, itemFlags, itemStatistics } from "./item-stats";

const option = (id: string, correct = false) => ({
  id,
  text: `Option ${id}`,
  ...(correct ? { correct: true as const } : {}),
});
const quiz: QuizDef = {
  title: "Fixture quiz",
  shuffle: false,
  reveal: "always",
  questions: [
    {
      id: "q1",
      type: "single",
      prompt: "Q1",
      explanation: "e",
      options: [option("a", true), option("b"), option("c")],
    },
    {
      id: "q2",
      type: "multiple",
      prompt: "Q2",
      explanation: "e",
      options: [option("a", true), option("b", true), option("c"), option("d")],
    },
    { id: "q3", type: "truefalse", prompt: "Q3", explanation: "e", answer: true },
    {
      id: "q4",
      type: "single",
      prompt: "Q4",
      explanation: "e",
      options: [option("a"), option("b", true), option("c")],
    },
    {
      id: "q5",
      type: "single",
      prompt: "Q5",
      explanation: "e",
      options: [option("a", true), option("b"), option("c")],
    },
  ],
};
const layout = makeLayout(quiz);

// Six attempts, from the strongest learner to the weakest. Right (1) or wrong (0), and what was chosen:
//
//        q1     q2         q3       q4     q5     total
//   A1   1 a    1 a,b      1 true   1 b    0 b    4
//   A2   1 a    1 a,b      1 true   0 a    0 b    3
//   A3   1 a    0 a,c      1 true   0 c    1 a    3
//   A4   1 a    1 b,a      1 true   0 c    0 c    3
//   A5   0 b    0 a        1 true   0 —    1 a    2
//   A6   0 b    1 a,b      1 true   0 a    0 b    2
const answers = [
  { q1: ["a"], q2: ["a", "b"], q3: ["true"], q4: ["b"], q5: ["b"] },
  { q1: ["a"], q2: ["a", "b"], q3: ["true"], q4: ["a"], q5: ["b"] },
  { q1: ["a"], q2: ["a", "c"], q3: ["true"], q4: ["c"], q5: ["a"] },
  { q1: ["a"], q2: ["b", "a"], q3: ["true"], q4: ["c"], q5: ["c"] },
  { q1: ["b"], q2: ["a"], q3: ["true"], q4: [], q5: ["a"] },
  { q1: ["b"], q2: ["a", "b"], q3: ["true"], q4: ["a"], q5: ["b"] },
];
const graded = answers.map((a) => grade(quiz, layout, a));

describe("item statistics", () => {
  it("matches the hand computation on a small fixture", () => {
    // Every attempt shows all 5 questions, so the rest score of an item is (total − item) / 4. A
    // correlation does not change when one variable is scaled, so below R = total − item (a count).
    // With p = share right, Sxx = n·p·(1 − p), Sxy = ΣxR − n·x̄·R̄, Syy = ΣR² − n·R̄², r = Sxy / √(Sxx·Syy):
    //
    // q1: x = 1 1 1 1 0 0, R = 3 2 2 2 2 2. p = 4/6. ΣR = 13, R̄ = 13/6.
    //     Sxy = (3+2+2+2) − 6·(2/3)·(13/6) = 9 − 26/3 = 1/3. Sxx = 6·(2/3)·(1/3) = 4/3.
    //     Syy = (9+4·5) − 6·(13/6)² = 29 − 169/6 = 5/6. r = (1/3) / √(4/3 · 5/6) = 1/√10 ≈ 0.3162.
    //     Wrong choices: b ×2. No flag.
    // q2: x = 1 1 0 1 0 1, R = 3 2 3 2 2 1. p = 4/6. R̄ = 13/6.
    //     Sxy = (3+2+2+1) − 26/3 = −2/3. Sxx = 4/3. Syy = (9+4+9+4+4+1) − 169/6 = 17/6.
    //     r = (−2/3) / √(4/3 · 17/6) = −2/√34 ≈ −0.3430. Wrong choices: c ×1 (A5 chose a only: no
    //     wrong option). Flag: not discriminating.
    // q3: x = 1 1 1 1 1 1. p = 1: no variance, r = null. No wrong choice. Flag: too easy (1 > 0.95).
    // q4: x = 1 0 0 0 0 0, R = 3 3 3 3 2 2. p = 1/6 ≈ 0.167. ΣR = 16, R̄ = 8/3.
    //     Sxy = 3 − 6·(1/6)·(8/3) = 1/3. Sxx = 6·(1/6)·(5/6) = 5/6. Syy = (4·9+2·4) − 6·(8/3)² = 44 − 128/3 = 4/3.
    //     r = (1/3) / √(5/6 · 4/3) = 1/√10 ≈ 0.3162. Wrong choices: a ×2, c ×2: the tie goes to a,
    //     listed first. Flag: too hard (0.167 < 0.2).
    // q5: x = 0 0 1 0 1 0, R = 4 3 2 3 1 2. p = 2/6. ΣR = 15, R̄ = 5/2.
    //     Sxy = (2+1) − 6·(1/3)·(5/2) = −2. Sxx = 6·(1/3)·(2/3) = 4/3. Syy = (16+9+4+9+1+4) − 6·(5/2)² = 43 − 37.5 = 5.5.
    //     r = −2 / √(4/3 · 5.5) = −2 / √(22/3) ≈ −0.7385. Wrong choices: b ×3, c ×1. Flag: not discriminating.
    const stats = itemStatistics(quiz, graded);
    expect(stats.map((s) => s.questionId)).toEqual(["q1", "q2", "q3", "q4", "q5"]);
    expect(stats.map((s) => s.n)).toEqual([6, 6, 6, 6, 6]);
    expect(stats.map((s) => s.right)).toEqual([4, 4, 6, 1, 2]);
    const [q1, q2, q3, q4, q5] = stats;

    expect(q1.difficulty).toBeCloseTo(4 / 6, 10);
    expect(q1.discrimination).toBeCloseTo(1 / Math.sqrt(10), 10);
    expect(q1.topWrongOption).toEqual({ id: "b", count: 2 });
    expect(q1.flags).toEqual([]);

    expect(q2.difficulty).toBeCloseTo(4 / 6, 10);
    expect(q2.discrimination).toBeCloseTo(-2 / Math.sqrt(34), 10);
    expect(q2.topWrongOption).toEqual({ id: "c", count: 1 });
    expect(q2.flags).toEqual(["not-discriminating"]);

    expect(q3.difficulty).toBe(1);
    expect(q3.discrimination).toBeNull();
    expect(q3.topWrongOption).toBeNull();
    expect(q3.flags).toEqual(["too-easy"]);

    expect(q4.difficulty).toBeCloseTo(1 / 6, 10);
    expect(q4.discrimination).toBeCloseTo(1 / Math.sqrt(10), 10);
    expect(q4.topWrongOption).toEqual({ id: "a", count: 2 });
    expect(q4.flags).toEqual(["too-hard"]);

    expect(q5.difficulty).toBeCloseTo(2 / 6, 10);
    expect(q5.discrimination).toBeCloseTo(-2 / Math.sqrt(22 / 3), 10);
    expect(q5.topWrongOption).toEqual({ id: "b", count: 3 });
    expect(q5.flags).toEqual(["not-discriminating"]);
  });

  it("gives the same figures whether the attempts come at once or in batches, in any order", () => {
    const acc = ItemStatsAccumulator.forQuiz(quiz);
    for (const g of [...graded].reverse()) acc.add(g);
    const all = itemStatistics(quiz, graded);
    acc.result().forEach((s, i) => {
      expect(s.n).toBe(all[i].n);
      expect(s.topWrongOption).toEqual(all[i].topWrongOption);
      if (all[i].discrimination === null) expect(s.discrimination).toBeNull();
      else expect(s.discrimination).toBeCloseTo(all[i].discrimination!, 12);
    });
  });

  it("defines nothing without attempts, and no correlation with one attempt or a constant rest score", () => {
    expect(itemStatistics(quiz, [])[0]).toEqual({
      questionId: "q1",
      n: 0,
      right: 0,
      difficulty: null,
      discrimination: null,
      topWrongOption: null,
      flags: [],
    });
    expect(itemStatistics(quiz, graded.slice(0, 1)).map((s) => s.discrimination)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    // q1 varies, but the other questions are answered the same way by both: rest variance 0.
    const same = { q2: ["a", "b"], q3: ["true"], q4: ["b"], q5: ["a"] };
    const stats = itemStatistics(quiz, [
      grade(quiz, layout, { ...same, q1: ["a"] }),
      grade(quiz, layout, { ...same, q1: ["c"] }),
    ]);
    expect(stats[0]).toMatchObject({ n: 2, difficulty: 0.5, discrimination: null, flags: [] });
  });

  it("counts a question only in the attempts that showed it; a one-question attempt has no rest score", () => {
    // Attempts from before q5 existed show q1–q4 only; their rest share is over 3 questions.
    const oldLayout = layout.filter((l) => l.question !== "q5");
    const old = grade(quiz, oldLayout, { q1: ["a"], q2: ["a", "b"], q3: ["false"], q4: ["b"] });
    const lone = grade(quiz, layout.slice(0, 1), { q1: ["c"] });
    const stats = itemStatistics(quiz, [...graded, old, lone]);
    expect(stats.map((s) => s.n)).toEqual([8, 7, 7, 7, 6]);
    expect(stats[0]).toMatchObject({ right: 5, topWrongOption: { id: "b", count: 2 } });
    expect(stats[2]).toMatchObject({ right: 6, topWrongOption: { id: "false", count: 1 } });
    // The lone attempt adds to q1's difficulty but not to its correlation: the same r as the
    // fixture plus `old` alone.
    const withoutLone = itemStatistics(quiz, [...graded, old]);
    expect(stats[0].discrimination).toBeCloseTo(withoutLone[0].discrimination!, 12);
    expect(stats[0].difficulty).toBeCloseTo(5 / 8, 12);
  });

  it("grades answers exactly as grade() does", () => {
    // Random answers, duplicates and unknown options included, compared question by question.
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const pick = (ids: string[]) => ids.filter(() => rand() < 0.4).concat(rand() < 0.1 ? [ids[0], ids[0]] : []);
    const ids = {
      q1: ["a", "b", "c", "x"],
      q2: ["a", "b", "c", "d"],
      q3: ["true", "false"],
      q4: ["a", "b", "c"],
      q5: ["a", "b", "c"],
    };
    const fast = answersGrader(quiz);
    for (let i = 0; i < 500; i++) {
      const a = Object.fromEntries(Object.entries(ids).map(([q, o]) => [q, pick(o)]));
      const slow = grade(quiz, layout, a).questions.map((q) => [q.id, q.correct]);
      expect(fast(a).questions.map((q) => [q.id, q.correct])).toEqual(slow);
    }
    // Questions the quiz no longer has are left out.
    expect(fast({ gone: ["a"], q3: ["true"] }).questions.map((q) => q.id)).toEqual(["q3"]);
  });

  it("flags at the stated thresholds", () => {
    expect(itemFlags(0.96, 0.3)).toEqual(["too-easy"]);
    expect(itemFlags(0.95, 0.3)).toEqual([]);
    expect(itemFlags(0.2, 0.1)).toEqual([]);
    expect(itemFlags(0.19, 0.09)).toEqual(["too-hard", "not-discriminating"]);
    expect(itemFlags(null, null)).toEqual([]);
  });
});
