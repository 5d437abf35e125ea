import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, signUp, test } from "./fixtures";

const COURSES = [
  { slug: "circular-ict", title: "Circular ICT" },
  { slug: "green-ict-standards", title: "Green ICT standards and carbon accounting" },
  { slug: "digital-climate-action", title: "Digital climate action: monitoring, mitigation and early warnings" },
  { slug: "green-digital-skills", title: "Green digital skills and sustainable software" },
  { slug: "green-digital-action-essentials", title: "Green digital action essentials" },
];
const STARTER = COURSES[4];
const TOPICS = ["Circular ICT", "Standards and carbon accounting", "Digital climate action", "Sustainable software"];
const COVERS_DIR = "public/covers";

/** Scrolls every image into view (lazy ones load then) and checks each one decoded. */
async function expectImagesLoaded(page: Page) {
  const images = page.locator("main img");
  const count = await images.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const img = images.nth(i);
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0), {
        message: (await img.getAttribute("src")) ?? "",
      })
      .toBe(true);
  }
}

test.describe("signed out", () => {
  test("shows the courses, the starter course and the sign-up call to action", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveTitle(/Green Digital Academy/);
    const courses = page.getByRole("region", { name: "Courses", exact: true });
    // Every card gives the computed duration and the level. (Other tests may publish more courses.)
    for (const course of COURSES) {
      const link = courses.getByRole("link", { name: course.title, exact: true });
      await expect(link).toHaveAttribute("href", `/courses/${course.slug}`);
      const card = courses
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: course.title, exact: true }) });
      await expect(card.getByText("Duration:")).toBeVisible();
      await expect(card.getByText("Level:")).toBeVisible();
    }

    const start = page.getByRole("region", { name: "Start here" });
    await expect(start.getByRole("link", { name: STARTER.title, exact: true })).toBeVisible();
    await expect(courses.getByRole("listitem").filter({ hasText: "Start here" })).toContainText(STARTER.title);

    await expect(page.getByRole("link", { name: "Create a free account" })).toHaveAttribute("href", "/signup");
    await expect(page.getByRole("link", { name: "Browse courses" })).toHaveAttribute("href", "/courses");
  });

  test("topic cards lead to their courses", async ({ page }) => {
    await page.goto("/");
    const topics = page.getByRole("region", { name: "What you can learn" });
    const hrefs: string[] = [];
    for (const title of TOPICS) {
      const href = await topics.getByRole("link", { name: title, exact: true }).getAttribute("href");
      expect(href).toMatch(/^\/courses\?topic=[a-z-]+$/);
      hrefs.push(href!);
    }
    for (const href of hrefs) {
      await page.goto(href);
      await expect(page.locator("main li h2 a").first()).toBeVisible();
    }
    await page.goto("/");
    await topics.getByRole("link", { name: "Circular ICT", exact: true }).click();
    await expect(page).toHaveURL(/\/courses\?topic=circular-ict$/);
    await expect(page.getByRole("heading", { level: 1, name: "Courses" })).toBeVisible();
    await expect(page.locator("main li h2").getByRole("link", { name: "Circular ICT", exact: true })).toBeVisible();
  });

  test("every cover loads, with its size reserved", async ({ page }) => {
    await page.goto("/");
    const srcs = await page.locator("main img").evaluateAll((imgs) =>
      imgs.map((img) => ({
        src: img.getAttribute("src"),
        alt: img.getAttribute("alt"),
        width: img.getAttribute("width"),
        height: img.getAttribute("height"),
      })),
    );
    expect(new Set(srcs.map((s) => s.src))).toEqual(new Set(COURSES.map((c) => `/covers/${c.slug}.svg`)));
    for (const s of srcs) {
      expect(s).toMatchObject({ alt: "", width: "320", height: "180" });
      const response = await page.request.get(s.src!);
      expect(response.status(), s.src!).toBe(200);
      expect(response.headers()["content-type"]).toContain("image/svg+xml");
    }
    // Below the first screen, covers wait until they are needed.
    await expect(page.locator('main section[aria-labelledby="courses-heading"] img[loading="lazy"]')).toHaveCount(
      COURSES.length,
    );
    await expectImagesLoaded(page);

    await page.goto("/courses");
    await expectImagesLoaded(page);
    await page.goto(`/courses/${COURSES[0].slug}`);
    await expect(page.locator(`main img[src="/covers/${COURSES[0].slug}.svg"]`)).toHaveAttribute("alt", "");
    await expectImagesLoaded(page);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 700 } });

    test("the primary action is in the first screen", async ({ page }) => {
      await page.goto("/");
      const box = await page.getByRole("link", { name: "Browse courses" }).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(700);
    });
  });
});

test("signed in after starting a course: continue where you left off", async ({ page }) => {
  const course = COURSES[3];
  await signUp(page);
  await page.goto(`/courses/${course.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await expect(page).toHaveURL(new RegExp(`^[^?]*/courses/${course.slug}/[^/]+/[^/]+$`));
  const first = page.url();
  await page.getByRole("button", { name: /^Mark complete and/ }).click();
  await expect(page).not.toHaveURL(first);
  const lesson = new URL(page.url()).pathname;
  expect(lesson).toMatch(new RegExp(`^/courses/${course.slug}/[^/]+/[^/]+$`));

  await page.goto("/");
  const resume = page.getByRole("region", { name: "Continue where you left off" });
  await expect(resume.getByRole("link", { name: course.title, exact: true })).toBeVisible();
  await expect(resume.getByRole("link", { name: `Continue ${course.title}` })).toHaveAttribute("href", lesson);
  await expect(page.getByText("Create a free account")).toHaveCount(0);
  await expect(resume.getByLabel(`Progress in ${course.title}`)).toHaveAttribute("value", /^[1-9]\d*$/);

  await page
    .getByRole("link", { name: `Continue ${course.title}` })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`${lesson}$`));
  await page.goto("/");
  await expectAccessible(page);
});

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    for (const [name, path] of [
      ["home page", "/"],
      ["catalogue", "/courses"],
      ["course page", `/courses/${STARTER.slug}`],
    ]) {
      test(`the ${name} has no accessibility violations`, async ({ page }) => {
        test.setTimeout(120_000);
        await page.goto(path);
        await expectAccessible(page);
      });
    }
  });
}

test("the covers are light: each at most 4 KiB, all five under 20 KiB, self-contained", () => {
  const files = readdirSync(COVERS_DIR).filter((f) => f.endsWith(".svg"));
  expect(files.sort()).toEqual(COURSES.map((c) => `${c.slug}.svg`).sort());
  let total = 0;
  for (const file of files) {
    const path = join(COVERS_DIR, file);
    const size = statSync(path).size;
    expect(size, file).toBeLessThanOrEqual(4 * 1024);
    total += size;
    const svg = readFileSync(path, "utf8");
    expect(svg, file).not.toMatch(/<script|\son[a-z]+=|<foreignObject/i);
    // The only URL allowed is the SVG namespace; references stay inside the file (href="#…", url(#…)).
    expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', ""), file).not.toMatch(/https?:|href="[^#]|url\([^#]/i);
    expect(svg, file).toMatch(/viewBox="0 0 320 180"/);
  }
  expect(total).toBeLessThan(20 * 1024);
});
