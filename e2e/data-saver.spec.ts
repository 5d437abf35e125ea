// Data-saver mode: with the browser's Save-Data header, the account's setting or a visitor's
// choice, pages come without any script and without decorative images, and every step still works.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { weigh } from "../scripts/lib/page-weight";
import { expect, expectAccessible, signUp, test } from "./fixtures";

const COURSE = { slug: "circular-ict", title: "Circular ICT" };
const KiB = 1024;
/** A lesson's first visit in data-saver mode, empty cache, bytes on the wire. */
const DATA_SAVER_BUDGET = 40 * KiB;

/** Counts the scripts a page asks for, whatever their origin (preloads included). */
function countScripts(page: Page) {
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  return scripts;
}

/**
 * Chromium drops the extraHTTPHeaders from the request that follows a redirect (after every form
 * post here), where a browser saving data sends Save-Data with every request: this adds it back to
 * each request of the page, redirects included.
 */
async function saveDataOnEveryRequest(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  cdp.on("Fetch.requestPaused", (e) => {
    const headers = Object.entries(e.request.headers)
      .filter(([name]) => name.toLowerCase() !== "save-data")
      .map(([name, value]) => ({ name, value }));
    cdp
      .send("Fetch.continueRequest", {
        requestId: e.requestId,
        headers: [...headers, { name: "Save-Data", value: "on" }],
      })
      .catch(() => {}); // the page may be gone
  });
  await cdp.send("Fetch.enable", { patterns: [{ urlPattern: "*" }] });
}

/** Enrols the signed-in learner and returns the course's first lesson's path. */
async function enrol(page: Page) {
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE.slug}/[^/]+/[^/]+$`));
  return new URL(page.url()).pathname;
}

/** The lesson's weight on a first visit (empty cache) by the same learner on a fresh device. */
async function firstVisitWeight(browser: Browser, context: BrowserContext, path: string, headers = {}) {
  const device = await browser.newContext({ storageState: await context.storageState(), extraHTTPHeaders: headers });
  const page = await device.newPage();
  const scripts = countScripts(page);
  const meter = await weigh(page);
  await page.goto(path);
  const weight = await meter.stop();
  await device.close();
  return { weight, scripts };
}

test.describe("with Save-Data: on", () => {
  test.use({ extraHTTPHeaders: { "Save-Data": "on" } });

  test("a learner reads a lesson and marks it complete without a single script, in a page under 40 KiB", async ({
    page,
    browser,
    context,
  }) => {
    await saveDataOnEveryRequest(page);
    const scripts = countScripts(page);
    await signUp(page);
    const lesson = await enrol(page);
    const response = await page.goto(lesson);
    expect(response?.headers()["vary"]).toMatch(/save-data/i);
    expect(response?.headers()["vary"]).toMatch(/cookie/i);
    await expect(page.getByTestId("data-saver-state")).toContainText("your browser asks to save data");
    // No scripts at all: no modules, no preloads, no inline hydration data.
    await expect(page.locator("script")).toHaveCount(0);
    await expect(page.locator('link[rel="modulepreload"]')).toHaveCount(0);
    // Decorative images are left out; the lesson's own figures stay.
    await expect(page.locator('header img[src="/favicon.svg"]')).toHaveCount(0);
    await expectAccessible(page);

    await page.getByRole("button", { name: /^Mark complete and/ }).click();
    await expect(page).not.toHaveURL(new RegExp(`${lesson}$`));
    await page.goto(lesson);
    await expect(page.getByText("✓ Completed")).toBeVisible();
    expect(scripts).toEqual([]);

    const { weight, scripts: later } = await firstVisitWeight(browser, context, lesson, { "Save-Data": "on" });
    expect(later).toEqual([]);
    expect(weight.byType.script).toBe(0);
    expect(weight.total, `data-saver lesson weighs ${(weight.total / KiB).toFixed(1)} KiB`).toBeLessThanOrEqual(
      DATA_SAVER_BUDGET,
    );
  });
});

test("the account's data-saver setting serves pages without scripts; turning it off brings them back", async ({
  page,
  browser,
  context,
}) => {
  await signUp(page);
  const lesson = await enrol(page);

  await page.goto("/account");
  const section = page.getByRole("region", { name: "Data saver" });
  await expect(section).toContainText("Data saver is off");
  await section.getByRole("button", { name: "Turn data saver on" }).click();
  await expect(page.getByRole("status")).toHaveText("Data saver is on.");
  await expect(page.locator("script")).toHaveCount(0);
  await expectAccessible(page);

  const scripts = countScripts(page);
  await page.goto(lesson);
  await page.getByRole("button", { name: /^Mark complete and/ }).click();
  await expect(page).not.toHaveURL(new RegExp(`${lesson}$`));
  expect(scripts).toEqual([]);
  const saving = await firstVisitWeight(browser, context, lesson);
  expect(saving.scripts).toEqual([]);
  expect(saving.weight.total).toBeLessThanOrEqual(DATA_SAVER_BUDGET);

  await page.goto("/account");
  await page.getByRole("region", { name: "Data saver" }).getByRole("button", { name: "Turn data saver off" }).click();
  await expect(page.getByRole("status")).toHaveText("Data saver is off.");
  const back = await firstVisitWeight(browser, context, lesson);
  expect(back.scripts.length).toBeGreaterThan(0);
  expect(back.weight.byType.script).toBeGreaterThan(0);
});

test("a signed-out visitor turns data saver on and off from the footer", async ({ page }) => {
  const scripts = countScripts(page);
  await page.goto("/courses");
  expect(scripts.length).toBeGreaterThan(0);
  await expect(page.locator("main img").first()).toBeVisible(); // course covers
  const footer = page.getByRole("contentinfo");
  await footer.getByRole("button", { name: "Turn data saver on" }).click();
  await expect(footer.getByTestId("data-saver-state")).toContainText("is on");
  await expect(page).toHaveURL(/\/courses$/);

  scripts.length = 0;
  await page.goto("/courses");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(scripts).toEqual([]);
  await expect(page.locator("main img")).toHaveCount(0); // covers are decorative
  await expect(page.locator("header img")).toHaveCount(0);

  await footer.getByRole("button", { name: "Turn data saver off" }).click();
  await expect(footer.getByTestId("data-saver-state")).toContainText("is off");
  await expect.poll(() => scripts.length).toBeGreaterThan(0);
  await expect(page.locator("main img").first()).toBeVisible();
});
