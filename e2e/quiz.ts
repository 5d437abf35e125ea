// Answers quizzes in the browser from the course's own quiz files, rightly or wrongly.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import { parse } from "yaml";
import { message } from "./support/messages";

type Question = {
  id: string;
  type: string;
  prompt: string;
  options?: { id: string; text: string; correct?: boolean }[];
  answer?: boolean;
  explanation: string;
};
export type QuizFile = { title: string; questions: Question[] };

export function readQuiz(courseSlug: string, quizKey: string): QuizFile {
  const root = "content/courses";
  const course = join(
    root,
    readdirSync(root).find((d) => d.replace(/^\d+-/, "") === courseSlug)!,
  );
  const file =
    quizKey === "final"
      ? join(course, "final-assessment.yml")
      : join(
          course,
          readdirSync(course).find((d) => d.replace(/^\d+-/, "") === quizKey)!,
          "quiz.yml",
        );
  return parse(readFileSync(file, "utf8")) as QuizFile;
}

/** Fills in every question of the open attempt, right or wrong, and submits (on a page in `language`). */
export async function answerQuiz(page: Page, quiz: QuizFile, right: boolean, language = "en") {
  for (const q of quiz.questions) {
    // The page shows a closing "Select all that apply." once, under the prompt.
    const prompt = q.prompt.replace(/\s*\(?(select|choose|tick|check) all that apply\.?\)?\s*$/i, "").trim();
    const fieldset = page.locator("fieldset").filter({ hasText: prompt });
    const choices =
      q.type === "truefalse"
        ? [message(language, q.answer === right ? "quiz:answer.true" : "quiz:answer.false")]
        : right
          ? q.options!.filter((o) => o.correct).map((o) => o.text)
          : [q.options!.find((o) => !o.correct)!.text];
    for (const text of choices) await fieldset.getByLabel(text, { exact: true }).check();
  }
  await page.getByRole("button", { name: message(language, "quiz:form.submit") }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(
    language === "en" ? "your result" : message(language, "quiz:result.title"),
  );
}
