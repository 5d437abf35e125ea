// The quiz page as a learner reads it: big options with a visible chosen state, the instruction of
// a multiple-answer question once, an address that stays put, and the history of past attempts.
import { expect, expectAccessible, signUp, test } from "./fixtures";
import { readQuiz } from "./quiz";

const COURSE = "circular-ict";
const MODULE = "the-e-waste-challenge";

test("options are whole-label targets, the instruction shows once, the address keeps no ?index, and past attempts are listed", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signUp(page);
  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  // Enrolled once the first lesson has opened (leaving earlier would cancel the enrolment).
  await page.waitForURL(new RegExp(`/courses/${COURSE}/[^/]+/[^/]+$`));
  const path = `/courses/${COURSE}/quiz/${MODULE}`;
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Your attempts" })).toHaveCount(0);
  await page.getByRole("button", { name: "Start the quiz" }).click();

  const quiz = readQuiz(COURSE, MODULE);
  const multiple = quiz.questions.filter((q) => q.type === "multiple").length;
  expect(multiple).toBeGreaterThan(0);
  await expect(page.getByText(/all that apply/i)).toHaveCount(multiple);

  // Clicking anywhere on an option's label chooses it; the choice shows in words, not colour alone.
  const option = page.locator(".quiz-option").first();
  const mark = () => option.evaluate((el) => getComputedStyle(el, "::after").content);
  expect(await mark()).toBe("none");
  const box = (await option.boundingBox())!;
  expect(box.height).toBeGreaterThanOrEqual(44);
  await option.click({ position: { x: box.width - 10, y: box.height / 2 } });
  await expect(option.locator("input")).toBeChecked();
  expect(await mark()).toContain("✓ Selected");
  await expectAccessible(page);

  // Submitting with questions left asks first, at the same address.
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Submit with unanswered questions")).toBeVisible();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
  await expect(option.locator("input")).toBeChecked();
  await page.getByLabel("Submit with unanswered questions").check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("your result");
  await expect(page.getByText("Not passed yet")).toBeVisible();

  // The quiz's page lists the attempt with its score, date and outcome, and the best score.
  await page.goto(path);
  const history = page.getByRole("region", { name: "Your attempts" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history.getByRole("listitem")).toContainText(/Attempt 1 · \d{1,2} \w{3} \d{4}/);
  await expect(history.getByRole("listitem")).toContainText(/\d+% · Not passed/);
  await expect(history).toContainText("Your best score:");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("the unanswered-questions question keeps the address without ?index", async ({ page }) => {
    await signUp(page);
    await page.goto(`/courses/${COURSE}`);
    await page.getByRole("button", { name: "Enrol for free" }).click();
    const path = `/courses/${COURSE}/quiz/${MODULE}`;
    await page.goto(path);
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByText("Submit with unanswered questions")).toBeVisible();
    expect(new URL(page.url()).search).toBe("");
  });
});
