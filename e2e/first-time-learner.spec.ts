// A first-time learner's whole journey, on a phone and on a desktop: find a course by searching,
// enrol, read, take the quizzes and the final, land on the completion page, share the
// certificate and check it as an employer would. On every page: no sideways scrolling, no
// accessibility violation in the light or the dark theme, and a screenshot kept as a test artefact.
import type { Page } from "@playwright/test";
import { expect, expectAccessible, expectNoHorizontalScroll, test, newAccount } from "./fixtures";
import { answerQuiz, readQuiz } from "./quiz";

const COURSE = { slug: "green-digital-action-essentials", title: "Green digital action essentials" };

for (const viewport of [
  { name: "phone", width: 375, height: 740 },
  { name: "desktop", width: 1280, height: 900 },
]) {
  test(`a first-time learner on a ${viewport.name}: search, enrol, learn, pass, share and verify`, async ({
    page,
    browser,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(viewport);
    const check = async (name: string) => {
      await expect(page.locator("main")).toBeVisible();
      await expectNoHorizontalScroll(page);
      await expectAccessible(page);
      await page.emulateMedia({ colorScheme: "dark" });
      await expectAccessible(page);
      await page.emulateMedia({ colorScheme: "light" });
      await page.screenshot({ path: test.info().outputPath(`${name}-${viewport.width}.png`), fullPage: true });
    };
    const inFirstScreen = async (locator: ReturnType<Page["getByRole"]>) => {
      const box = (await locator.boundingBox())!;
      expect(box.y + box.height, "the primary action is in the first screen").toBeLessThanOrEqual(viewport.height);
    };

    await page.goto("/");
    await check("home");

    // Search from the header.
    const search = page.getByRole("search").getByRole("searchbox");
    await search.fill("early warnings");
    await search.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=early/);
    await check("search");
    await page.getByRole("link", { name: COURSE.title }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: COURSE.title })).toBeVisible();
    const enrol = page.getByRole("button", { name: "Enrol for free" });
    await inFirstScreen(enrol);
    await check("course");

    // Enrolling asks for an account first, then comes back.
    await enrol.click();
    await expect(page).toHaveURL(/\/login\?redirectTo=/);
    await page.getByRole("link", { name: "Create an account" }).click();
    const account = newAccount("journey");
    await page.getByLabel("Full name").fill(account.name);
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("heading", { level: 1, name: COURSE.title })).toBeVisible();
    await page.getByRole("button", { name: "Enrol for free" }).click();

    // Lessons and module quizzes.
    await expect(page.getByRole("button", { name: /^Mark complete and/ })).toBeVisible();
    await check("lesson");
    for (const module of ["why-it-matters", "acting-on-it"]) {
      await page.getByRole("button", { name: "Mark complete and continue" }).click();
      await page.getByRole("button", { name: "Mark complete and take the quiz" }).click();
      await page.getByRole("button", { name: "Start the quiz" }).click();
      if (module === "why-it-matters") await check("quiz");
      await answerQuiz(page, readQuiz(COURSE.slug, module), true);
      await expect(page.getByText("100% · Passed")).toBeVisible();
      if (module === "why-it-matters") await check("quiz-result");
      await page.getByRole("link", { name: /^(Continue with module 2|Go to the final assessment)/ }).click();
    }

    // The final assessment, and the completion page.
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await answerQuiz(page, readQuiz(COURSE.slug, "final"), true);
    await expect(page.getByRole("heading", { name: "You have completed the course." })).toBeVisible();
    await inFirstScreen(page.getByRole("link", { name: "See your certificate" }));
    await check("completion");

    // The certificate, shared.
    await page.getByRole("link", { name: "See your certificate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your certificate" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add to LinkedIn profile" })).toHaveAttribute(
      "href",
      /linkedin\.com\/profile\/add/,
    );
    await check("certificate");
    const id = (await page.locator("main code").first().textContent())!;

    // The course page and My learning now say "Completed".
    await page.goto(`/courses/${COURSE.slug}`);
    await expect(page.getByText("✓ Completed.")).toBeVisible();
    await page.goto("/learn");
    await expect(page.getByText("✓ Completed")).toBeVisible();
    await expect(page.getByRole("link", { name: `Your certificate for ${COURSE.title}` })).toBeVisible();

    // An employer checks it.
    const employer = await (await browser.newContext({ viewport })).newPage();
    await employer.goto(`/verify/${id}`);
    await expect(employer.getByText("✓ Valid certificate")).toBeVisible();
    await expect(employer.getByText(account.name)).toBeVisible();
    await expectNoHorizontalScroll(employer);
    await expectAccessible(employer);
    await employer.screenshot({ path: test.info().outputPath(`verify-${viewport.width}.png`), fullPage: true });
  });
}
