import { queryTestDb } from "./db";
import { expect, newAccount, signUp, test } from "./fixtures";
import { answerQuiz, readQuiz } from "./quiz";

const COURSE = "green-digital-action-essentials";
const BASE = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const SAME_ORIGIN = { Origin: BASE };

test("answer keys stay hidden: a blank final shows which answers were wrong, never the right options", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUp(page);
  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  // Enrolled once the first lesson has come (leaving earlier would cancel the enrolment).
  await expect(page.getByRole("button", { name: "Mark complete and continue" })).toBeVisible();

  // The final assessment is closed until the lessons and module quizzes are done, and says so.
  await page.goto(`/courses/${COURSE}/quiz/final`);
  await expect(
    page.getByText(/The final assessment opens once you have completed every lesson and passed every module quiz/),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Start the quiz" })).toHaveCount(0);

  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("link", { name: "Start the course" }).click();
  for (const module of ["why-it-matters", "acting-on-it"]) {
    await page.getByRole("button", { name: "Mark complete and continue" }).click();
    await page.getByRole("button", { name: "Mark complete and take the quiz" }).click();
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await answerQuiz(page, readQuiz(COURSE, module), true);
    await expect(page.getByText("100% · Passed")).toBeVisible();
    if (module === "why-it-matters") await page.getByRole("link", { name: /Continue with module 2/ }).click();
  }

  const final = readQuiz(COURSE, "final");
  await page.goto(`/courses/${COURSE}/quiz/final`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await page.getByLabel("Submit with unanswered questions").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("0% · Not passed yet")).toBeVisible();
  await expect(page.getByText("✗ Your answer was not right")).toHaveCount(final.questions.length);
  const html = await page.content();
  expect(html).not.toContain("(right answer)");
  for (const q of final.questions) expect(html).not.toContain(q.explanation.slice(0, 40));

  // A second attempt is honest work; passing does not publish the key either.
  await page.getByRole("link", { name: "Try again" }).click();
  await page.getByRole("button", { name: "Start a new attempt" }).click();
  await answerQuiz(page, final, true);
  await expect(page.getByText("100% · Passed")).toBeVisible();
  expect(await page.content()).not.toContain("(right answer)");
});

test("log-in and sign-up send people back only to this site, whatever the redirect looks like", async ({
  page,
  request,
}) => {
  const account = await signUp(page);
  for (const to of [
    "/\t/other-host/x",
    "/\\other-host",
    "//other-host",
    "/.//other-host",
    "https://other-host/",
    "/%2F%2Fother-host",
    "\t//other-host",
  ]) {
    const response = await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
    expect(new URL(response!.url()).host, to).toBe(new URL(BASE).host);
  }
  // Unicode, bidi, NUL and CR/LF in the redirect never break the answer or leave half an account.
  for (const [i, to] of ["/🦄", "/a\u202Eb", "/a\u0000b", "/x\r\nSet-Cookie: a=b"].entries()) {
    const email = `redirect-${i}-${newAccount().email}`;
    const response = await request.post("/signup", {
      headers: SAME_ORIGIN,
      form: { name: "Redirect Test", email, password: "a long test password", redirectTo: to },
      maxRedirects: 0,
    });
    const [row] = queryTestDb<{ users: number; sessions: number }>(
      "SELECT COUNT(DISTINCT u.id) AS users, COUNT(s.id) AS sessions FROM User u LEFT JOIN Session s ON s.userId = u.id WHERE u.email = ?",
      email,
    );
    if (response.status() === 400) {
      // A form field holding NUL is refused as a whole, before anything is written.
      expect(await response.text()).toMatch(/NUL/);
      expect(row).toEqual({ users: 0, sessions: 0 });
      continue;
    }
    expect(response.status(), JSON.stringify(to)).toBe(302);
    expect(new URL(response.headers().location, BASE).host).toBe(new URL(BASE).host);
    expect(response.headers()["set-cookie"]).toMatch(/gda_session=/);
    expect(row).toEqual({ users: 1, sessions: 1 });
  }
  expect(account.email).toBeTruthy();
});

test("a forged quiz attempt field answers 400, never 500 or a reflected header", async ({ page }) => {
  await signUp(page);
  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  // Enrolled once the first lesson has opened (leaving earlier would cancel the enrolment).
  await page.waitForURL(new RegExp(`/courses/${COURSE}/[^/]+/[^/]+$`));
  for (const attempt of ["🦄", "a\r\nb", "x".repeat(1_000_000), "../../admin"]) {
    const response = await page.request.post(`/courses/${COURSE}/quiz/why-it-matters`, {
      headers: SAME_ORIGIN,
      form: { attempt },
      maxRedirects: 0,
    });
    expect([400, 413], attempt.slice(0, 20)).toContain(response.status());
    expect(response.headers().location).toBeUndefined();
  }
});
