import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";

let counter = 0;
/** A new, unique account's details. */
export function newAccount(prefix = "learner") {
  const id = `${Date.now().toString(36)}${process.pid}${counter++}`;
  return { name: `Test ${prefix} ${id}`, email: `${prefix}-${id}@example.org`, password: "a long test password" };
}

export async function signUp(page: Page, account = newAccount()) {
  await page.goto("/signup");
  await page.getByLabel("Full name").fill(account.name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expectSignedInAs(page, account.name);
  return account;
}

export async function logIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Fails with the list of WCAG 2 A/AA violations on the page, if there are any. */
export async function expectAccessible(page: Page) {
  // Colours are checked as they end up: a button still easing its colours (just after a switch to
  // the dark scheme, say) would be measured halfway. Running transitions and animations that end
  // are waited for; one that repeats forever is not.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.playState === "running" && Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(summary).toEqual([]);
}

/** Messages asked for in a namespace their page had not loaded, in any page of this worker. */
const unloaded: string[] = [];
const watched = new WeakSet<BrowserContext>();
/** Records the console's "Messages not loaded" (app/i18n/messages.ts): the page showed a message's key. */
function watchMessages(context: BrowserContext) {
  if (watched.has(context)) return;
  watched.add(context);
  context.on("console", (m) => {
    if (m.type() === "error" && m.text().startsWith("Messages not loaded"))
      unloaded.push(`${m.text()} on ${m.page()?.url() ?? "a page"}`);
  });
}

/**
 * Every test fails if the page broke its own Content-Security-Policy, or if any page it opened (in
 * any browser context) asked for a message whose namespace it had not loaded.
 */
export const test = base.extend<{ messagesLoaded: void }, { watchContexts: void }>({
  watchContexts: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const context = await newContext(...args);
        watchMessages(context);
        return context;
      };
      await use();
    },
    { scope: "worker", auto: true },
  ],
  context: async ({ context }, use) => {
    watchMessages(context);
    await use(context);
  },
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  messagesLoaded: [
    // Playwright reads a fixture's dependencies from its first parameter: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      expect(unloaded.splice(0), "messages asked for in a namespace the page did not load").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function expectSignedInAs(page: Page, name: string) {
  await expect(page.locator("header summary")).toContainText(name);
}

export async function logOut(page: Page) {
  await page.locator("header summary").click();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
}

/** Fails when the page is wider than the window, i.e. when it would scroll sideways. */
export async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
    const vw = window.innerWidth;
    // Names the element that reaches furthest right, to make a failure easy to fix.
    let widest = "";
    let right = vw;
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect().right + window.scrollX;
      if (r > right + 0.5) {
        right = r;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : ""} (${Math.round(r)} px)`;
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, widest };
  });
  expect(
    scrollWidth,
    `${page.url()} is ${scrollWidth} px wide in a ${innerWidth} px window${widest ? `; widest: ${widest}` : ""}`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** Clicks a download button (a form post) and returns the file the browser saved: its name and bytes. */
export async function downloadWith(page: Page, button: string | RegExp): Promise<{ name: string; body: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  return { name: download.suggestedFilename(), body: readFileSync((await download.path())!) };
}

/**
 * Waits until React has taken over the page (hydration). Until then a click or a key press reaches
 * the server's HTML: it works, as without JavaScript, but as a full page load, without the focus
 * handling a journey that checks it expects.
 */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => {
    const main = document.getElementById("main");
    return !!main && Object.keys(main).some((k) => k.startsWith("__reactFiber"));
  });
}
