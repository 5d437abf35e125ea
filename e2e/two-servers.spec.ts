// Two production servers on one PostgreSQL database (playwright.config.ts starts the second on
// E2E_PORT + 1 when TEST_DATABASE=postgres): a learner signs up on one, carries on on the other with
// the same session, takes lessons and quizzes on each in turn and earns exactly one certificate.
// Nothing a request needs may live in one server's memory.
import type { Page } from "@playwright/test";
import { BASE_URL, SECOND_URL } from "../playwright.config";
import { queryTestDb } from "./db";
import { expect, expectSignedInAs, signUp, test } from "./fixtures";
import { answerQuiz, readQuiz } from "./quiz";
import { E2E_POSTGRES } from "./support/database";

const COURSE = "green-digital-action-essentials";

/** Clicks a button or link that leads to another page, and waits until it is there. */
async function follow(page: Page, role: "button" | "link", name: string | RegExp) {
  const before = page.url();
  await page.getByRole(role, { name }).click();
  await page.waitForURL((url) => url.href !== before);
}

/** Opens the page's current address on the other server (same host name, so the same cookies). */
async function moveTo(page: Page, origin: string) {
  const here = new URL(page.url());
  await page.goto(`${origin}${here.pathname}${here.search}`);
  expect(new URL(page.url()).origin).toBe(origin);
}

test("a learner moves between two servers on one database and earns exactly one certificate", async ({ page }) => {
  test.skip(!E2E_POSTGRES, "two app servers share one PostgreSQL database: run with TEST_DATABASE=postgres");
  test.setTimeout(120_000);
  const [a, b] = [BASE_URL, SECOND_URL];

  // Sign up on A; B knows the session.
  const account = await signUp(page);
  await page.goto(`${b}/courses/${COURSE}`);
  await expectSignedInAs(page, account.name);
  await follow(page, "button", "Enrol for free");

  // Module 1: a lesson on A, a lesson on B, the quiz on A (started and submitted there).
  await moveTo(page, a);
  await follow(page, "button", "Mark complete and continue");
  await moveTo(page, b);
  await follow(page, "button", "Mark complete and take the quiz");
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE}/quiz/why-it-matters$`));
  await moveTo(page, a);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerQuiz(page, readQuiz(COURSE, "why-it-matters"), true);
  await expect(page.getByText("100% · Passed")).toBeVisible();

  // Module 2: a lesson on B, a lesson on A, the quiz on B.
  await follow(page, "link", /Continue with module 2/);
  await moveTo(page, b);
  await follow(page, "button", "Mark complete and continue");
  await moveTo(page, a);
  await follow(page, "button", "Mark complete and take the quiz");
  await moveTo(page, b);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerQuiz(page, readQuiz(COURSE, "acting-on-it"), true);

  // The final assessment on A completes the course.
  await follow(page, "link", "Go to the final assessment");
  await moveTo(page, a);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerQuiz(page, readQuiz(COURSE, "final"), true);
  await expect(page.getByText("You have completed the course.")).toBeVisible();

  // The certificate: the same on both servers, and one row in the database.
  await follow(page, "link", "See your certificate");
  const id = (await page.locator("main code").first().textContent())!;
  expect(id).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
  await moveTo(page, b);
  await expect(page.locator("main code").first()).toHaveText(id);
  for (const origin of [a, b]) {
    const verified = await page.request.get(`${origin}/api/verify/${id}`);
    expect(verified.status()).toBe(200);
  }
  const rows = queryTestDb<{ id: string; completed: number }>(
    `SELECT c.id AS id, (SELECT COUNT(*) FROM Enrollment e WHERE e.userId = u.id AND e.completedAt IS NOT NULL) AS completed
     FROM Certificate c JOIN User u ON u.id = c.userId WHERE u.email = ?`,
    account.email,
  );
  expect(rows).toEqual([{ id, completed: 1 }]);
});
