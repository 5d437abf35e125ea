import { expect, signUp, test } from "./fixtures";
import { takeWholeCourse } from "./support/course";

const COURSE = { slug: "circular-ict", title: "Circular ICT" };

// The whole course with full page loads: every step is a plain form post or link, as on a
// browser without JavaScript. The same steps with JavaScript are covered in certificate.spec.ts.
test.use({ javaScriptEnabled: false });

test("a learner takes a whole course — every lesson, every quiz, the final assessment — and receives the certificate", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signUp(page);
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();

  const { lessons, quizzes } = await takeWholeCourse(page, COURSE.slug);
  expect(lessons).toBeGreaterThanOrEqual(15);
  expect(quizzes).toBeGreaterThanOrEqual(6);

  await expect(page.getByText("You have completed the course.")).toBeVisible();
  await page.getByRole("link", { name: "See your certificate" }).click();
  await expect(page.getByRole("heading", { name: "Your certificate" })).toBeVisible();
  await expect(page.getByText(COURSE.title, { exact: true })).toBeVisible();
  const id = (await page.locator("main code").first().textContent())!;
  await page.getByRole("link", { name: "Open the public verify page" }).click();
  await expect(page.getByText("✓ Valid certificate")).toBeVisible();
  await expect(page.getByText(`${id}`)).toBeVisible();
});
