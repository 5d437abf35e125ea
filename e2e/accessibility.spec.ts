// Every page passes the WCAG 2.2 A/AA checks (axe, target size included): in English and Arabic, on
// a phone (375 px) and a desktop (1,280 px), in the light and dark colour schemes, signed out and
// signed in with the role the page is for. The pages come from the table in e2e/support/routes.ts,
// which must name every route file: a new page cannot skip these checks. With A11Y_TRACE=1 each
// scan prints its time and the violations found so far.
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync, closeSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { createCohort, createOrganisation } from "./cohort-db";
import { expect, logIn, newAccount, signUp, test } from "./fixtures";
import { takeWholeCourse } from "./support/course";
import { E2E_POSTGRES } from "./support/database";
import { ROUTES, routeFiles, urlOf, type Fixture, type Role } from "./support/routes";

// Costly in a browser and independent of the database.
test.skip(E2E_POSTGRES, "the pages are the same on either database: they are scanned once, on SQLite");

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SHORT = "green-digital-action-essentials";
const ADMIN = { email: "admin@example.org", password: "admin-demo-2026" };
const INSTRUCTOR = { email: "instructor@example.org", password: "instructor-demo-2026" };
// Made once per run (the server starts on an empty e2e/.data), shared by the workers.
const STATE_FILE = "e2e/.data/accessibility-state.json";
const LOCK_FILE = "e2e/.data/accessibility-state.lock";

type State = { fixture: Fixture; storage: Record<Exclude<Role, "visitor">, string> };

const storageOf = async (context: BrowserContext) => JSON.stringify(await context.storageState());

async function signedInContext(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, account);
  await expect(page.locator("header summary")).toBeVisible();
  return { context, page };
}

/** A learner with a finished course, a certificate and an open quiz; an author's draft course; an organisation with a cohort. */
async function prepare(browser: Browser): Promise<State> {
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const learnerAccount = await signUp(learner, newAccount("a11y-learner"));
  await learner.goto(`/courses/${SHORT}`);
  await learner.getByRole("button", { name: "Enrol for free" }).click();
  await learner.waitForURL((u) => u.pathname !== `/courses/${SHORT}`);
  const lesson = new URL(learner.url()).pathname;
  await takeWholeCourse(learner, SHORT);
  const attempt = new URL(learner.url()).pathname;
  await learner.getByRole("link", { name: "See your certificate" }).first().click();
  await learner.waitForURL(/\/certificates\//);
  const certificate = (await learner.locator("main code").first().textContent())!;
  await learner.goto("/courses/circular-ict");
  await learner.getByRole("button", { name: "Enrol for free" }).click();
  await learner.waitForURL((u) => u.pathname !== "/courses/circular-ict");
  const openQuiz = "/courses/circular-ict/quiz/the-e-waste-challenge";
  await learner.goto(openQuiz);
  await learner.getByRole("button", { name: "Start the quiz" }).click();
  await expect(learner.getByRole("button", { name: "Submit answers" })).toBeVisible();

  const author = await signedInContext(browser, INSTRUCTOR);
  await author.page.goto("/author");
  await author.page.getByLabel("Title").fill("Accessible repair guides");
  const authorCourse = `a11y-${Date.now().toString(36)}`;
  await author.page.getByLabel("Address (optional)").fill(authorCourse);
  await author.page.getByRole("button", { name: "Create course" }).click();
  await author.page.waitForURL(new RegExp(`/author/${authorCourse}$`));
  await author.page
    .getByRole("button", { name: /^Add a module quiz to/ })
    .first()
    .click();
  await expect(author.page.getByRole("status")).toContainText("Module quiz added");
  const authorFile = (await author.page.locator('main a[href*="/files/"]').first().getAttribute("href"))!;
  const authorQuiz = (await author.page.locator('main a[href*="/quizzes/"]').first().getAttribute("href"))!;

  const orgAdminContext = await browser.newContext();
  const orgAdminPage = await orgAdminContext.newPage();
  const orgAdmin = await signUp(orgAdminPage, newAccount("a11y-orgadmin"));
  const organisation = createOrganisation("Accessible ministry", [{ email: orgAdmin.email, role: "admin" }]);
  const cohort = createCohort({
    organisationId: organisation.id,
    name: "Autumn cohort",
    startsAt: new Date(Date.now() - 30 * 86_400_000),
    inactivityDays: 7,
    courseSlug: SHORT,
    dueAt: new Date(Date.now() + 60 * 86_400_000),
    learners: [learnerAccount.email],
  });

  const admin = await signedInContext(browser, ADMIN);
  const state: State = {
    fixture: {
      lesson,
      calculatorLesson: "/courses/circular-ict/lifetime-extension-and-repair/estimating-lifetime-savings",
      passedQuiz: `/courses/${SHORT}/quiz/why-it-matters`,
      openQuiz,
      attempt,
      certificate,
      authorCourse,
      authorFile,
      authorQuiz,
      organisation: organisation.slug,
      cohort: cohort.id,
    },
    storage: {
      learner: await storageOf(learnerContext),
      author: await storageOf(author.context),
      orgAdmin: await storageOf(orgAdminContext),
      admin: await storageOf(admin.context),
    },
  };
  for (const c of [learnerContext, author.context, orgAdminContext, admin.context]) await c.close();
  return state;
}

/** The shared state: the first worker to arrive makes it, the others wait for its file. */
async function sharedState(browser: Browser): Promise<State> {
  mkdirSync("e2e/.data", { recursive: true });
  let lock: number | null = null;
  try {
    lock = openSync(LOCK_FILE, "wx");
  } catch {
    // Another worker is making it.
  }
  if (lock !== null) {
    const state = await prepare(browser);
    writeFileSync(STATE_FILE, JSON.stringify(state));
    closeSync(lock);
    return state;
  }
  await expect.poll(() => existsSync(STATE_FILE), { timeout: 240_000, intervals: [500] }).toBe(true);
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as State;
}

/** The WCAG 2.2 A/AA violations on the page, one line each. */
async function violations(page: Page): Promise<string[]> {
  // Only the violations are detailed, in one run in the page (no frames to combine): much faster.
  // (options() replaces what withTags() set: the tags go in the options.)
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: "tag", values: TAGS }, resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("every route file is a page in the table, or says why it is not one", () => {
  const missing = routeFiles().filter((file) => !(file in ROUTES));
  expect(missing, `Route files without an entry in e2e/support/routes.ts: ${missing.join(", ")}`).toEqual([]);
  const stale = Object.keys(ROUTES).filter((name) => !routeFiles().includes(name));
  expect(stale, "Entries in e2e/support/routes.ts without a route file").toEqual([]);
});

test("target size (WCAG 2.2) is among the rules that run", async ({ page }) => {
  await page.goto("/");
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const ran = [...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable];
  expect(ran.map((r) => r.id)).toContain("target-size");
});

test("nothing moves for those who ask for less motion", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/");
  const motion = await page.evaluate(() =>
    [...document.querySelectorAll("body *")].flatMap((el) => {
      const style = getComputedStyle(el);
      const moving =
        style.transitionDuration.split(",").some((d) => parseFloat(d) > 0) ||
        style.animationName !== "none" ||
        style.scrollBehavior === "smooth";
      return moving ? [el.outerHTML.slice(0, 80)] : [];
    }),
  );
  expect(motion).toEqual([]);
  // Without the preference, buttons still ease their colours (the check above can fail).
  await page.emulateMedia({ reducedMotion: "no-preference" });
  expect(
    await page
      .locator(".btn-primary")
      .first()
      .evaluate((el) => getComputedStyle(el).transitionDuration),
  ).not.toBe("0s");
});

let state: State;
test.describe("every page, signed out and signed in", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(300_000);
    state = await sharedState(browser);
  });

  for (const language of ["en", "ar"])
    for (const width of [375, 1280])
      for (const colorScheme of ["light", "dark"] as const)
        test(`no WCAG 2.2 A/AA violations: ${language}, ${width} px, ${colorScheme}`, async ({ browser }) => {
          test.setTimeout(600_000);
          const pages = new Map<Role, Page>();
          const pageFor = async (role: Role) => {
            let page = pages.get(role);
            if (!page) {
              const context = await browser.newContext({
                viewport: { width, height: 800 },
                colorScheme,
                locale: language,
                extraHTTPHeaders: { "Accept-Language": language },
                storageState: role === "visitor" ? undefined : JSON.parse(state.storage[role]),
              });
              page = await context.newPage();
              pages.set(role, page);
            }
            return page;
          };
          // Each distinct final page once per role (a page that sends visitors to log in counts as the log-in page).
          const seen = new Set<string>();
          const failures: string[] = [];
          for (const [route, entry] of Object.entries(ROUTES)) {
            if (!("visits" in entry)) continue;
            for (const visit of entry.visits)
              for (const role of new Set<Role>(["visitor", ...visit.as])) {
                const page = await pageFor(role);
                const url = urlOf(visit.url, state.fixture);
                const response = await page.goto(url);
                const final = new URL(page.url());
                final.searchParams.delete("redirectTo");
                const key = `${role} ${final.pathname}${final.search}`;
                if (seen.has(key)) continue;
                seen.add(key);
                if (role !== "visitor" && route !== "$" && !/^(join|verify-email|reset-password)/.test(route))
                  expect(response!.status(), `${url} as ${role}`).toBe(200);
                // A certificate's pages speak the certificate's language, whoever reads them.
                if (route !== "verify.$id" && route !== "certificates.$id")
                  expect(await page.locator("html").getAttribute("lang"), `${url} as ${role}`).toBe(language);
                const started = Date.now();
                for (const v of await violations(page)) failures.push(`${url} as ${role} → ${final.pathname}: ${v}`);
                if (process.env.A11Y_TRACE) console.log(`${Date.now() - started} ms ${key}\n${failures.join("\n")}`);
              }
          }
          for (const page of pages.values()) await page.context().close();
          expect(failures).toEqual([]);
        });
});
