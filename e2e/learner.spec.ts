import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { queryTestDb } from "./db";
import { expect, expectAccessible, signUp, test } from "./fixtures";

const COURSE = { slug: "green-digital-action-essentials", title: "Green digital action essentials" };

async function expectProgress(page: Page, percent: number) {
  const bar = page.getByLabel("Course progress").first();
  await expect(bar).toHaveAttribute("value", String(percent));
}

async function completeLesson(page: Page) {
  await page.getByRole("button", { name: /^Mark complete and/ }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("enrol, complete lessons, leave, come back and resume", async ({ page }) => {
      const account = await signUp(page);
      await page.goto("/courses");
      await page.getByRole("link", { name: COURSE.title }).click();
      await expect(page.getByRole("heading", { level: 1, name: COURSE.title })).toBeVisible();
      await page.getByRole("button", { name: "Enrol for free" }).click();
      await expectProgress(page, 0);
      const first = page.url();
      // Once enrolled, the syllabus links every lesson.
      await page.goto(`/courses/${COURSE.slug}`);
      const lessons = await page
        .locator(`main ol a[href^="/courses/${COURSE.slug}/"]:not([href*="/quiz/"])`)
        .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
      expect(lessons).toHaveLength(4);
      expect(first).toContain(lessons[0]);
      await page.goto(lessons[0]!);

      await completeLesson(page);
      await expect(page).toHaveURL(new RegExp(`${lessons[1]}$`));
      await expectProgress(page, 25);
      // The last lesson of a module leads to its quiz.
      await completeLesson(page);
      await expect(page).toHaveURL(/\/quiz\/why-it-matters$/);

      // Leave, and come back through My learning: it resumes at the next lesson.
      await page.goto("/");
      await page.getByRole("link", { name: "My learning" }).click();
      await expect(page.getByLabel(`Your progress in ${COURSE.title}`)).toHaveAttribute("value", "50");
      await page.getByRole("link", { name: `Continue ${COURSE.title}` }).click();
      await expect(page).toHaveURL(new RegExp(`${lessons[2]}$`));
      await expectProgress(page, 50);

      // The syllabus ticks the completed lessons.
      const nav = page.getByRole("navigation", { name: "Course contents", exact: true });
      await expect(nav.getByText("(completed)")).toHaveCount(2);

      await completeLesson(page);
      await expectProgress(page, 75);
      await completeLesson(page);
      await expect(page).toHaveURL(/\/quiz\/acting-on-it$/);
      await page.goto(`/courses/${COURSE.slug}`);
      await expect(page.getByLabel("Your progress in this course")).toHaveAttribute("value", "100");

      const [row] = queryTestDb<{ completedLessons: number; percent: number; completions: number }>(
        `SELECT e.completedLessons, e.percent, (SELECT COUNT(*) FROM LessonCompletion c WHERE c.userId = u.id) AS completions
         FROM Enrollment e JOIN User u ON u.id = e.userId JOIN Course c ON c.id = e.courseId
         WHERE u.email = ? AND c.slug = ?`,
        account.email,
        COURSE.slug,
      );
      expect(row).toEqual({ completedLessons: 4, percent: 100, completions: 4 });
    });
  });
}

test("the course's contents: beside the lesson on a wide screen, after it on a phone, with a link to them", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("link", { name: "Preview the first lesson" }).click();
  const contents = page.getByRole("navigation", { name: "Course contents", exact: true });
  const lesson = page.locator("article");
  await expect(contents).toBeInViewport();
  const [side, main] = [(await contents.boundingBox())!, (await lesson.boundingBox())!];
  expect(side.x + side.width).toBeLessThanOrEqual(main.x);
  await expect(page.locator('a[href="#contents"]')).toBeHidden();

  await page.setViewportSize({ width: 375, height: 800 });
  expect((await contents.boundingBox())!.y).toBeGreaterThan((await lesson.boundingBox())!.y);
  await expect(contents).not.toBeInViewport();
  await page.getByRole("link", { name: "Course contents" }).click();
  await expect(page).toHaveURL(/#contents$/);
  await expect(contents).toBeInViewport();
});

test("the first lesson is open to everyone; the others need an enrolment", async ({ page }) => {
  await page.goto(`/courses/${COURSE.slug}`);
  const first = page.getByRole("link", { name: "Preview the first lesson" });
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Previous lesson" })).toHaveCount(0);
  // The second lesson asks a visitor to log in, and a signed-in learner to enrol.
  const second = await page
    .getByRole("navigation", { name: "Course contents", exact: true })
    .locator("ol a")
    .nth(1)
    .getAttribute("href");
  await page.goto(second!);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  await signUp(page);
  await page.goto(second!);
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE.slug}\\?enrol=required$`));
  await expect(page.getByText("Enrol in this course to open its lessons.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("catalogue filters work as a plain form", async ({ page }) => {
    await page.goto("/courses");
    const all = await page.getByRole("heading", { level: 2 }).count();
    expect(all).toBeGreaterThanOrEqual(2);
    await page.getByLabel("Level").selectOption("intermediate");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/level=intermediate/);
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Green ICT standards and carbon accounting"]);
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(all);
  });
});

/** The path of the first lesson of the sample course whose source contains `text`. */
function lessonWith(text: string) {
  const root = "content/courses";
  const courseDir = readdirSync(root).find((d) => d.endsWith(COURSE.slug))!;
  for (const mod of readdirSync(join(root, courseDir))
    .filter((d) => /^\d+-/.test(d))
    .sort()) {
    for (const file of readdirSync(join(root, courseDir, mod))
      .filter((f) => f.endsWith(".mdx"))
      .sort()) {
      if (readFileSync(join(root, courseDir, mod, file), "utf8").includes(text)) {
        return `/courses/${COURSE.slug}/${mod.replace(/^\d+-/, "")}/${file.replace(/^\d+-/, "").replace(/\.mdx$/, "")}`;
      }
    }
  }
  throw new Error(`No lesson of ${COURSE.slug} contains ${text}`);
}

test.describe("calculators without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the PUE and device calculators compute on the server", async ({ page }) => {
    await signUp(page);
    await page.goto(`/courses/${COURSE.slug}`);
    await page.getByRole("button", { name: "Enrol for free" }).click();

    await page.goto(lessonWith("<PueCalculator"));
    const pue = page.locator("#pue-calculator");
    await pue.getByLabel(/Total facility energy/).fill("15000000");
    await pue.getByLabel(/IT equipment energy/).fill("10000000");
    await pue.getByRole("button", { name: "Calculate" }).click();
    await expect(pue.getByRole("status")).toContainText("= 1.5.");

    await page.goto(lessonWith("<DeviceCarbonCalculator"));
    const device = page.locator("#device-calculator");
    await device.getByLabel(/Embodied emissions/).fill("80");
    await device.getByLabel(/Electricity use per year/).fill("5");
    await device.getByLabel(/Grid carbon intensity/).fill("400");
    await device.getByLabel(/Years in use/).fill("4");
    await device.getByRole("button", { name: "Calculate" }).click();
    await expect(device.getByRole("status")).toContainText("Averaged over 4 years of use: 22 kg CO2e per year");
  });
});

test("lessons are served from the build: the server bundle holds no MDX compiler", () => {
  const server = readFileSync("build/server/index.js", "utf8");
  expect(server).toContain("mdx-bundler/client");
  expect(server).not.toMatch(/from ["']mdx-bundler["']/);
  expect(server).not.toMatch(/bundleMDX|from ["']esbuild["']/);
});

for (const width of [1280, 360]) {
  test(`no accessibility violations on catalogue, course and lesson pages at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await signUp(page);
    await page.goto("/courses");
    await expectAccessible(page);
    await page.goto(`/courses/${COURSE.slug}`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Enrol for free" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.goto("/learn");
    await expectAccessible(page);
  });
}

test.describe("dark theme", () => {
  test.use({ colorScheme: "dark" });

  test("no accessibility violations on home, catalogue and a lesson", async ({ page }) => {
    await page.goto("/");
    await expectAccessible(page);
    await page.goto("/courses");
    await expectAccessible(page);
    await page.goto(`/courses/${COURSE.slug}`);
    await page.getByRole("link", { name: "Preview the first lesson" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  });
});

test("each module lists its sources, and each course has a glossary", async ({ page }) => {
  await page.goto("/courses/circular-ict");
  const sources = page.getByText("Sources for this module").first();
  await sources.click();
  await expect(page.getByText(/Global E-waste Monitor 2024/).first()).toBeVisible();
  await page.getByRole("link", { name: "Course glossary" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Glossary" })).toBeVisible();
  expect(await page.locator("dt").count()).toBeGreaterThanOrEqual(10);
  await expectAccessible(page);
});
