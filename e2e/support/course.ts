// Takes a whole course in the browser, from its first lesson to the final assessment: every
// lesson marked complete, every quiz answered rightly, on pages in `language`.
import { expect, type Page } from "@playwright/test";
import { answerQuiz, readQuiz } from "../quiz";
import { message } from "./messages";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function takeWholeCourse(page: Page, courseSlug: string, language = "en") {
  const m = (id: string, values?: Record<string, string | number>) => message(language, id, values);
  let lessons = 0;
  let quizzes = 0;
  // Start from the course's first page in the player (a lesson or a quiz), not from a course page
  // whose enrolment is still on its way: each step reads the page it is on.
  const course = `/courses/${courseSlug}`;
  await page.waitForURL((u) => u.pathname.startsWith(`${course}/`) && !u.pathname.startsWith(`${course}/glossary`));
  for (let step = 0; step < 300; step++) {
    const url = new URL(page.url());
    const quiz = /\/quiz\/([^/]+)$/.exec(url.pathname);
    if (quiz) {
      await page.getByRole("button", { name: m("quiz:start.first") }).click();
      await answerQuiz(page, readQuiz(courseSlug, quiz[1]!), true, language);
      await expect(page.getByText(m("quiz:result.passed"), { exact: false }).first()).toBeVisible();
      quizzes++;
      if (quiz[1] === "final") break;
      const next = [
        m("quiz:next.module", { number: "", title: "" }).replace(/[\s:：]+$/, ""),
        m("quiz:next.finalAssessment"),
      ];
      await page
        .locator("main")
        .getByRole("link", { name: new RegExp(`^(${next.map(escape).join("|")})`) })
        .click();
      await page.waitForURL((u) => !u.pathname.includes("/attempts/"));
      await expect(page.getByRole("heading", { level: 1 })).not.toContainText(
        m("quiz:result.heading", { quiz: "" }).replace(/^[\s:]+/, ""),
      );
    } else {
      const heading = page.getByRole("heading", { level: 1 });
      const title = (await heading.textContent())!;
      const complete = [m("player:complete.continue"), m("player:complete.quiz")];
      await page
        .getByRole("button", { name: new RegExp(`^(${complete.map(escape).join("|")})`) })
        .first()
        .click();
      lessons++;
      // Wait for the next page to be on screen, not only in the address bar.
      await page.waitForURL((u) => u.pathname !== url.pathname);
      await expect(heading).not.toHaveText(title);
    }
  }
  return { lessons, quizzes };
}
