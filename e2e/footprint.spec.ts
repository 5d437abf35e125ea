// Every page's footer shows its weight and estimated emissions: the typical figure for its page type
// without JavaScript, this very page view's transfer with it; /footprint explains and tabulates them.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { MeasuredWeights } from "~/footprint/measured";
import { expect, expectAccessible, signUp, test } from "./fixtures";

const COURSE = "green-digital-action-essentials";
const measured = JSON.parse(readFileSync("app/footprint/measured.json", "utf8")) as MeasuredWeights;

/** A signed-in learner enrolled in the course; returns the address of its first lesson. */
async function enrolledLesson(page: Page) {
  await signUp(page);
  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await page.waitForURL((u) => u.pathname.startsWith(`/courses/${COURSE}/`));
  return new URL(page.url()).pathname;
}

/** Opens `path` in the page and returns the bytes on the wire as DevTools counts them. */
async function openCounting(page: Page, path: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (e) => (bytes += e.encodedDataLength));
  await page.goto(path, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  await cdp.detach();
  return bytes;
}

const footprint = (page: Page) => page.locator("footer [data-footprint]");

/** The footer's figure for this page view, once it has stopped changing. */
async function viewBytes(page: Page) {
  await expect(footprint(page)).toHaveAttribute("data-footprint", "view");
  let last = -1;
  await expect
    .poll(async () => {
      const now = Number(await footprint(page).getAttribute("data-bytes"));
      const settled = now === last;
      last = now;
      return settled;
    })
    .toBe(true);
  return last;
}

async function expectFigures(page: Page, lead: RegExp) {
  const text = footprint(page);
  await expect(text).toContainText(lead);
  await expect(text).toContainText(/\d[\d,]*\.\d KiB on the wire, about 0\.\d+ g CO2e/);
  await expect(text).toContainText("Sustainable Web Design Model v4");
  await expect(text).toContainText("hosting not assumed green");
  await expect(text.getByRole("link", { name: "About this site’s footprint" })).toHaveAttribute("href", "/footprint");
}

test.describe("with JavaScript, the footer counts this page view", () => {
  test("on the catalogue", async ({ page }) => {
    const cdpBytes = await openCounting(page, "/courses");
    await expectFigures(page, /^This page view: /);
    const bytes = await viewBytes(page);
    test.info().annotations.push({ type: "bytes", description: `footer ${bytes}, DevTools ${cdpBytes}` });
    expect(bytes).toBeGreaterThan(0);
    expect(Math.abs(bytes - cdpBytes), `footer ${bytes} B, DevTools ${cdpBytes} B`).toBeLessThan(cdpBytes * 0.1);
  });

  test("on a lesson, then on the next lesson opened in place", async ({ page }) => {
    const lesson = await enrolledLesson(page);
    const cdpBytes = await openCounting(page, lesson);
    await expectFigures(page, /^This page view: /);
    const first = await viewBytes(page);
    test.info().annotations.push({ type: "bytes", description: `footer ${first}, DevTools ${cdpBytes}` });
    expect(first).toBeGreaterThan(0);
    expect(Math.abs(first - cdpBytes), `footer ${first} B, DevTools ${cdpBytes} B`).toBeLessThan(cdpBytes * 0.1);

    // Moving on fetches only the next lesson's data: a new, much smaller view.
    await page.getByRole("button", { name: /^Mark complete and/ }).click();
    await page.waitForURL((u) => u.pathname !== lesson);
    await expect.poll(async () => Number(await footprint(page).getAttribute("data-bytes"))).toBeLessThan(first / 4);
    const next = await viewBytes(page);
    test.info().annotations.push({ type: "bytes", description: `next lesson: footer ${next}` });
    expect(next).toBeGreaterThan(0);
    await expectFigures(page, /^This page view: /);
  });
});

test.describe("without JavaScript, the footer shows the typical weight of the page type", () => {
  test.use({ javaScriptEnabled: false });

  test("on the catalogue and on a lesson", async ({ page }) => {
    await page.goto("/courses");
    await expectFigures(page, /^Typical for this page type: /);
    await expect(footprint(page)).toHaveAttribute("data-bytes", String(measured.views.catalogue!.bytes));

    const lesson = await enrolledLesson(page);
    await page.goto(lesson);
    await expectFigures(page, /^Typical for this page type: .*\(measured \d+ \w+ \d{4}\)\./);
    await expect(footprint(page)).toHaveAttribute("data-bytes", String(measured.views["lesson-first"]!.bytes));
  });

  test("a page type that is not measured says so", async ({ page }) => {
    await page.goto("/verify");
    await expect(footprint(page)).toHaveText("This page type has not been measured yet. About this site’s footprint");
  });
});

test("the footprint page explains the method and tabulates budgets against the last measurement", async ({ page }) => {
  const response = await page.goto("/footprint");
  expect(response?.headers()["cache-control"]).toBe("public, max-age=300");
  await expect(page.getByRole("heading", { level: 1, name: "About this site’s footprint" })).toBeVisible();
  await expect(page.getByText("Sustainable Web Design Model v4").first()).toBeVisible();
  const table = page.getByRole("table", { name: /Page weight budgets against the measurement of/ });
  await expect(table.getByRole("row")).toHaveCount(8);
  const lessonRow = table.getByRole("row", { name: /Lesson, first visit/ });
  await expect(lessonRow.getByRole("cell").first()).toHaveText("≤ 120 KiB");
  await expect(lessonRow).toContainText(/\d+\.\d KiB/);
  await expect(lessonRow).toContainText(/0\.\d+ g CO2e/);
  await expect(table.getByRole("row", { name: /data-saver/ })).toContainText("≤ 40 KiB");
  await expect(table.getByRole("row", { name: /Next lesson/ })).toContainText("≤ 20 KiB");
  await expect(page.getByRole("link", { name: "Green digital skills and sustainable software" })).toHaveAttribute(
    "href",
    "/courses/green-digital-skills",
  );
  await expectAccessible(page);
});

test("signed in, the footprint page is not kept by shared caches", async ({ page }) => {
  await signUp(page);
  const response = await page.goto("/footprint");
  expect(response?.headers()["cache-control"]).toBe("private, no-store");
});
