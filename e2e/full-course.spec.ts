import { expect, signUp, test } from "./fixtures";
import { answerQuiz, readQuiz } from "./quiz";

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

  let lessons = 0;
  let quizzes = 0;
  for (let step = 0; step < 200; step++) {
    const url = new URL(page.url());
    const quiz = /\/quiz\/([^/]+)$/.exec(url.pathname);
    if (quiz) {
      await page.getByRole("button", { name: "Start the quiz" }).click();
      await answerQuiz(page, readQuiz(COURSE.slug, quiz[1]), true);
      await expect(page.getByText("100% · Passed")).toBeVisible();
      quizzes++;
      if (quiz[1] === "final") break;
      await page
        .locator("main")
        .getByRole("link", { name: /^(Continue with module|Go to the final assessment)/ })
        .click();
      await page.waitForURL((u) => !u.pathname.includes("/attempts/"));
      await expect(page.getByRole("heading", { level: 1 })).not.toContainText("your result");
    } else {
      const heading = page.getByRole("heading", { level: 1 });
      const title = (await heading.textContent())!;
      await page.getByRole("button", { name: /^Mark complete and/ }).click();
      lessons++;
      // Wait for the next page to be on screen, not only in the address bar.
      await page.waitForURL((u) => u.pathname !== url.pathname);
      await expect(heading).not.toHaveText(title);
    }
  }
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
