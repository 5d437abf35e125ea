// No page scrolls sideways, from a 320 px phone to a desktop: the pages a learner meets, signed
// out and in, including lessons with tables, figures and exercises, an open quiz and a certificate.
// 640 px is a 1,280 px desktop window zoomed to 200 % (WCAG 1.4.4 and 1.4.10).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, expectNoHorizontalScroll, signUp, test } from "./fixtures";
import { answerQuiz, readQuiz } from "./quiz";

const ROOT = "content/courses";
const slug = (name: string) => name.replace(/^\d+-/, "").replace(/\.mdx$/, "");
const lessonFiles = readdirSync(ROOT).flatMap((course) =>
  readdirSync(join(ROOT, course), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((m) =>
      readdirSync(join(ROOT, course, m.name))
        .filter((f) => f.endsWith(".mdx"))
        .map((f) => ({ course, module: m.name, file: f })),
    ),
);
const url = (l: (typeof lessonFiles)[number]) => `/courses/${slug(l.course)}/${slug(l.module)}/${slug(l.file)}`;
const source = (l: (typeof lessonFiles)[number]) => readFileSync(join(ROOT, l.course, l.module, l.file), "utf8");

const firstModule = lessonFiles.filter(
  (l) => l.course === "01-circular-ict" && l.module === lessonFiles.find((x) => x.course === "01-circular-ict")!.module,
);
const withTable = lessonFiles.filter((l) => /^\|.*\|\s*$/m.test(source(l))).slice(0, 3);
const withFigure = lessonFiles.filter((l) => source(l).includes("<Figure")).slice(0, 3);
const withExercise = lessonFiles
  .filter((l) =>
    /<(Scope3Screening|CircularityScore|SciCalculator|HostingTradeoff|WarningChain|DeviceCarbonCalculator|PueCalculator)\b/.test(
      source(l),
    ),
  )
  .slice(0, 4);
const lessons = [...new Set([...firstModule, ...withTable, ...withFigure, ...withExercise].map(url))];
const courses = [...new Set(lessons.map((u) => u.split("/")[2]!))];

const SHORT = "green-digital-action-essentials";
const state = { storage: "", certificate: "", quiz: "" };

async function enrol(page: Page, course: string) {
  await page.goto(`/courses/${course}`);
  const button = page.getByRole("button", { name: "Enrol for free" });
  if (await button.count()) {
    await button.click();
    await page.waitForURL((u) => u.pathname !== `/courses/${course}`); // enrolling opens the first lesson
  }
}

/** A learner enrolled in every course visited, with a certificate and an open quiz attempt. */
async function prepareLearner(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page);
  await enrol(page, SHORT);
  await page.goto(`/courses/${SHORT}`);
  await page.getByRole("link", { name: "Start the course" }).click();
  for (const module of ["why-it-matters", "acting-on-it"]) {
    await page.getByRole("button", { name: "Mark complete and continue" }).click();
    await page.getByRole("button", { name: "Mark complete and take the quiz" }).click();
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await answerQuiz(page, readQuiz(SHORT, module), true);
    if (module === "why-it-matters") await page.getByRole("link", { name: /Continue with module 2/ }).click();
  }
  await page.goto(`/courses/${SHORT}/quiz/final`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await answerQuiz(page, readQuiz(SHORT, "final"), true);
  await page.getByRole("link", { name: "See your certificate" }).click();
  await page.waitForURL(/\/certificates\//);
  state.certificate = (await page.locator("main code").first().textContent())!;
  for (const course of courses) await enrol(page, course);
  state.quiz = `/courses/circular-ict/quiz/${slug(firstModule[0]!.module)}`;
  await page.goto(state.quiz);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  state.storage = JSON.stringify(await context.storageState());
  await context.close();
}

test.describe.configure({ mode: "serial" });
test.beforeAll(async ({ browser }) => {
  test.setTimeout(420_000); // a whole short course, on a busy machine
  await prepareLearner(browser);
});

for (const width of [320, 375, 640, 1280]) {
  test(`no page scrolls sideways at ${width} px`, async ({ browser }) => {
    test.setTimeout(300_000);
    const viewport = { width, height: 800 };
    const visitor = await (await browser.newContext({ viewport })).newPage();
    const learner = await (await browser.newContext({ viewport, storageState: JSON.parse(state.storage) })).newPage();
    const visits: [Page, string][] = [
      [visitor, "/"],
      [visitor, "/courses"],
      [visitor, "/courses/circular-ict"],
      [visitor, "/login"],
      [visitor, "/signup"],
      [visitor, `/verify/${state.certificate}`],
      [learner, "/courses/circular-ict/glossary"],
      ...lessons.map((u): [Page, string] => [learner, u]),
      [learner, state.quiz],
      [learner, "/learn"],
      [learner, `/certificates/${state.certificate}`],
    ];
    // Every page is checked before the test fails, so that one run names all the wide ones.
    const failures: string[] = [];
    for (const [page, path] of visits) {
      const response = await page.goto(path);
      expect(response!.status(), path).toBe(200);
      try {
        await expectNoHorizontalScroll(page);
      } catch (e) {
        failures.push((e as Error).message.split("\n")[0]!);
      }
    }
    expect(failures).toEqual([]);
    // The open quiz really is open, and the verify page shows its details too.
    await learner.goto(state.quiz);
    await expect(learner.getByRole("button", { name: "Submit answers" })).toBeVisible();
    await visitor.goto(`/verify/${state.certificate}`);
    await visitor.getByText("Technical details").click();
    await expectNoHorizontalScroll(visitor);
    // A glossary definition, opened by keyboard, stays inside the window.
    await learner.goto(lessons[0]!);
    const term = learner.locator(".lesson dfn").first();
    if (await term.count()) {
      await term.focus();
      const tip = learner.locator(".term:focus-within .term-tip");
      await expect(tip).toBeVisible();
      const box = (await tip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await expectNoHorizontalScroll(learner);
    }
  });
}

test("the changed pages pass the accessibility checks in the dark theme", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await (
    await browser.newContext({ colorScheme: "dark", storageState: JSON.parse(state.storage) })
  ).newPage();
  await page.goto(state.quiz);
  await page.locator(".quiz-option").first().click();
  expect(
    await page
      .locator(".quiz-option")
      .first()
      .evaluate((el) => getComputedStyle(el, "::after").content),
  ).toContain("✓ Selected");
  await expectAccessible(page);
  await page.goto(`/courses/${SHORT}/quiz/why-it-matters`);
  await expect(page.getByRole("heading", { name: "Your attempts" })).toBeVisible();
  await expectAccessible(page);
  await page.goto(`/certificates/${state.certificate}`);
  await expectAccessible(page);
  await page.goto(`/verify/${state.certificate}`);
  await page.getByText("Technical details").click();
  await expectAccessible(page);
  await page.goto(lessons[0]!);
  await page.locator(".lesson dfn").first().focus();
  await expectAccessible(page);
});
