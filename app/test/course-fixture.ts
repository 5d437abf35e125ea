// A small course with two module quizzes and a final assessment, for tests of the learning flow.
import type { CatalogueCourse } from "~/content/catalogue";
import type { QuizDef } from "~/content/schema";

const quiz = (title: string, reveal: QuizDef["reveal"] = "after-pass"): QuizDef => ({
  title,
  shuffle: true,
  reveal,
  questions: [
    {
      id: "q1",
      type: "single",
      prompt: "Pick A",
      options: [
        { id: "a", text: "A", correct: true },
        { id: "b", text: "B" },
        { id: "c", text: "C" },
      ],
      explanation: "A is right.",
      concept: "Think about the first letter.",
    },
    { id: "q2", type: "truefalse", prompt: "True?", answer: true, explanation: "It is true." },
  ],
});

export const RIGHT = { q1: ["a"], q2: ["true"] };
export const HALF = { q1: ["a"], q2: ["false"] };

export function quizCourse(overrides: Partial<CatalogueCourse> = {}): CatalogueCourse {
  return {
    slug: "quiz-course",
    position: 0,
    title: "Quiz course",
    summary: "A course with quizzes.",
    description: "d",
    audience: "a",
    outcomes: ["Pick A", "Know what is true"],
    level: "introductory",
    topics: ["testing"],
    language: "en",
    estimatedMinutes: 10,
    passMark: 70,
    retakes: { maxAttempts: 3, cooldownMinutes: 0 },
    finalAssessment: quiz("Final", "never"),
    glossary: [],
    hash: "h1",
    modules: ["m1", "m2"].map((slug) => ({
      slug,
      title: slug,
      summary: "s",
      outcomes: [],
      sources: [],
      quiz: quiz(`${slug} quiz`),
      lessons: [{ key: `${slug}/l1`, slug: "l1", title: "L1", summary: "s", minutes: 5, hash: `${slug}-l1` }],
    })),
    ...overrides,
  };
}
