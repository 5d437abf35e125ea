import type { Page } from "@playwright/test";
import { expect, expectAccessible, signUp, test } from "./fixtures";

const siteSearch = (page: Page) => page.getByRole("search", { name: "Site" });
const ofKind = (page: Page, badge: string) =>
  page.locator("main ol > li").filter({ has: page.locator("span", { hasText: new RegExp(`^${badge}$`) }) });

async function searchFromHeader(page: Page, query: string) {
  await siteSearch(page).getByLabel("Search the courses").fill(query);
  await siteSearch(page).getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("search from the header, read marked snippets, page through and open a result", async ({ page }) => {
      test.slow(); // a long journey: two searches, paging, a glossary entry, sign-up and enrolment
      await page.goto("/courses");
      await searchFromHeader(page, "e-waste");
      expect(new URL(page.url()).searchParams.get("q")).toBe("e-waste");
      await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
      await expect(
        page.getByRole("search", { name: "Search the courses" }).getByLabel("Search courses, lessons and glossaries"),
      ).toHaveValue("e-waste");
      await expect(page.getByRole("status")).toContainText(/\d+ results for “e-waste”/);
      await expect(page.getByRole("status")).toContainText(/lessons?/);

      const results = page.locator("main ol > li");
      await expect(results).toHaveCount(10);
      // Matched words are marked, as text.
      await expect(page.locator("main ol mark").first()).toHaveText(/e-waste/i);
      await expect(ofKind(page, "Glossary").first()).toBeVisible();
      await expect(ofKind(page, "Lesson").first()).toBeVisible();

      // Pagination.
      const pages = page.getByRole("navigation", { name: "Pages of results" });
      await pages.getByRole("link", { name: "Next page" }).click();
      await expect(page).toHaveURL(/page=2/);
      await expect(pages).toContainText("Page 2 of");
      await pages.getByRole("link", { name: "Previous page" }).click();
      await expect(page).not.toHaveURL(/page=/);

      // Open a glossary term: its entry on the course glossary. (Terms of equal rank may come in
      // any order, so pick the "E-waste" entry among the glossary results.)
      const term = ofKind(page, "Glossary")
        .getByRole("link")
        .filter({ hasText: /^E-waste$/ })
        .first();
      const href = await term.getAttribute("href");
      expect(href).toMatch(/^\/courses\/[a-z0-9-]+\/glossary#term-e-waste$/);
      await term.click();
      await expect(page.getByRole("heading", { level: 1, name: "Glossary" })).toBeVisible();
      await expect(page.locator("#term-e-waste")).toContainText("E-waste");

      // Open a lesson of a course the learner is enrolled in.
      await signUp(page);
      await page.goto("/courses/green-digital-action-essentials");
      await page.getByRole("button", { name: "Enrol for free" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await searchFromHeader(page, "circularity e-waste");
      const lesson = ofKind(page, "Lesson").getByRole("link", { name: "E-waste and circularity" });
      await expect(lesson).toHaveAttribute("href", /^\/courses\/green-digital-action-essentials\//);
      await lesson.click();
      await expect(page.getByRole("heading", { level: 1, name: "E-waste and circularity" })).toBeVisible();
    });

    test("no results, and hostile queries, answer with a clear page", async ({ page }) => {
      await page.goto("/");
      await searchFromHeader(page, "qqxzzywv");
      await expect(page.getByRole("status")).toHaveText("No results for “qqxzzywv”.");
      await expect(page.getByText("Check the spelling, or try fewer or other words.")).toBeVisible();

      for (const q of ['"', "AND (", "*", "NEAR(", "title:pue", '<img src=x onerror="alert(1)">']) {
        const response = await page.goto(`/search?${new URLSearchParams({ q })}`);
        expect(response?.status(), q).toBe(200);
        await expect(page.getByRole("status"), q).toContainText(`for “${q}”`);
      }
      await expect(page.locator("main img")).toHaveCount(0);
    });
  });
}

const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const width of [1280, 375]) {
  test.describe(`at ${width}px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test("results are accessible and fit without horizontal scrolling", async ({ page }) => {
      await page.goto("/search?q=pue");
      await expect(page.locator("main ol > li").first()).toBeVisible();
      await expectAccessible(page);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });

    test("the empty search, no results and the header box are accessible and fit", async ({ page }) => {
      await page.goto("/search");
      await expectAccessible(page);
      await page.goto("/search?q=qqxzzywv");
      await expectAccessible(page);
      await page.goto("/");
      await expect(siteSearch(page).getByLabel("Search the courses")).toBeVisible();
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  });
}

test.describe("catalogue filters", () => {
  test("apply on change with JavaScript, and topic labels keep their hyphens", async ({ page }) => {
    await page.goto("/courses");
    const filters = page.getByRole("form", { name: "Filter courses" });
    const topic = filters.getByLabel("Topic");
    await expect(topic.locator("option", { hasText: "E-waste" })).toHaveCount(1);
    await expect(topic.locator("option", { hasText: "E waste" })).toHaveCount(0);
    // Once the page is interactive, the button is only there for keyboard users who reach it.
    const button = filters.getByRole("button", { name: "Filter" });
    await expect.poll(async () => (await button.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
    await topic.focus();
    await topic.selectOption({ label: "E-waste" });
    await expect(page).toHaveURL(/topic=e-waste/);
    await expect(page.getByRole("status")).toContainText("match your filters");
    await expect(topic).toBeFocused();
    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/courses$/);
    await expect(topic).toHaveValue("");
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("apply with the Filter button", async ({ page }) => {
      await page.goto("/courses");
      const filters = page.getByRole("form", { name: "Filter courses" });
      await filters.getByLabel("Topic").selectOption({ label: "E-waste" });
      await filters.getByRole("button", { name: "Filter" }).click();
      await expect(page).toHaveURL(/topic=e-waste/);
      await expect(page.getByRole("status")).toContainText("match your filters");
    });
  });
});

test.describe("dark theme", () => {
  test.use({ colorScheme: "dark" });

  test("the search page and a glossary entry opened from it are accessible", async ({ page }) => {
    await page.goto("/search?q=scope%203");
    await expect(page.locator("main ol mark").first()).toBeVisible();
    await expectAccessible(page);
    await ofKind(page, "Glossary").first().getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1, name: "Glossary" })).toBeVisible();
    await expectAccessible(page);
  });
});
