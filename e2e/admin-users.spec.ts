import type { Browser, Page } from "@playwright/test";
import { queryTestDb } from "./db";
import { expect, expectAccessible, logIn, newAccount, signUp, test } from "./fixtures";

const ADMIN = { name: "Priya Raman", email: "admin@example.org", password: "admin-demo-2026" };
const SAME_ORIGIN = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` };

type Flags = { id: string; isInstructor: number; isAdmin: number };
const flagsOf = (email: string) =>
  queryTestDb<Flags>(`SELECT id, isInstructor, isAdmin FROM "User" WHERE email = ?`, email)[0];
/** The person's role changes as the audit log holds them. */
const changesOf = (userId: string) =>
  queryTestDb<{ action: string; details: string; changedBy: string }>(
    `SELECT e.action, e.details, a.email AS changedBy FROM "AuditEntry" e JOIN "User" a ON a.id = e.actorId WHERE e.subjectType = 'user' AND e.subjectId = ? AND e.action IN ('role.granted', 'role.removed') ORDER BY e.at, e.id`,
    userId,
  ).map((e) => ({
    role: (JSON.parse(e.details) as { role: string }).role,
    granted: e.action === "role.granted" ? 1 : 0,
    changedBy: e.changedBy,
  }));

async function adminPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await logIn(page, ADMIN);
  await expect(page.locator("header summary")).toContainText(ADMIN.name);
  return page;
}

async function search(page: Page, text: string) {
  const form = page.getByRole("search", { name: "Users" });
  await form.getByLabel("Name or e-mail").fill(text);
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: `Users matching “${text}”` })).toBeVisible();
}

const rowOf = (page: Page, email: string) =>
  page.getByRole("row").filter({ has: page.getByRole("cell", { name: email, exact: true }) });

test("an admin grants and removes roles; the learner's next request sees each change; a learner may not", async ({
  page: learnerPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const learner = await signUp(learnerPage, newAccount("roles"));
  const learnerId = flagsOf(learner.email).id;

  // A learner gets 403 on the page and on its action.
  expect((await learnerPage.goto("/admin/users"))!.status()).toBe(403);
  const forged = await learnerPage.request.post("/admin/users", {
    headers: SAME_ORIGIN,
    form: { userId: learnerId, intent: "grant-admin" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  expect(flagsOf(learner.email)).toMatchObject({ isInstructor: 0, isAdmin: 0 });

  // The admin finds the new learner from the header menu, by e-mail in any case.
  const page = await adminPage(browser);
  await page.locator("header summary").click();
  await page.getByRole("link", { name: "Users (admin)" }).click();
  await expect(page).toHaveTitle(/^Users · Admin · /);
  await search(page, learner.email.toUpperCase());
  const row = rowOf(page, learner.email);
  await expect(row.getByRole("cell", { name: "Learner", exact: true })).toBeVisible();
  await expectAccessible(page);

  await row.getByRole("button", { name: `Grant instructor role to ${learner.name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${learner.name} is now an instructor.`);
  await expect(row.getByRole("cell", { name: "Instructor", exact: true })).toBeVisible();
  const recent = page.getByRole("table", { name: "Recent role changes, newest first" });
  await expect(recent.getByRole("row").nth(1)).toContainText(`${ADMIN.name}${learner.name}`);
  await expect(recent.getByRole("row").nth(1)).toContainText("Granted instructor");
  expect(flagsOf(learner.email)).toMatchObject({ isInstructor: 1, isAdmin: 0 });
  expect(changesOf(learnerId)).toEqual([{ role: "instructor", granted: 1, changedBy: ADMIN.email }]);

  // The learner's next request sees a granted role: as an admin the menu offers this page, and it opens.
  await row.getByRole("button", { name: `Grant admin role to ${learner.name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${learner.name} is now an admin.`);
  await learnerPage.goto("/learn");
  await learnerPage.locator("header summary").click();
  await expect(learnerPage.getByRole("link", { name: "Users (admin)" })).toBeVisible();
  expect((await learnerPage.goto("/admin/users"))!.status()).toBe(200);

  // …and a removed one: the same session loses the page at once.
  await row.getByRole("button", { name: `Remove admin role from ${learner.name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${learner.name} is no longer an admin.`);
  expect((await learnerPage.goto("/admin/users"))!.status()).toBe(403);
  await row.getByRole("button", { name: `Remove instructor role from ${learner.name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${learner.name} is no longer an instructor.`);
  await expect(row.getByRole("cell", { name: "Learner", exact: true })).toBeVisible();
  expect(flagsOf(learner.email)).toMatchObject({ isInstructor: 0, isAdmin: 0 });

  // The learner's history, newest first.
  await row.getByRole("link", { name: `History of ${learner.name}` }).click();
  const history = page.getByRole("table", { name: `Role changes of ${learner.name}, newest first` });
  await expect(history.getByRole("row")).toHaveCount(5);
  await expect(history.getByRole("row").nth(1)).toContainText("Removed instructor");
  await expect(history.getByRole("row").nth(4)).toContainText("Granted instructor");
  expect(changesOf(learnerId).map((c) => `${c.granted ? "+" : "-"}${c.role}`)).toEqual([
    "+instructor",
    "+admin",
    "-admin",
    "-instructor",
  ]);

  // The admin cannot remove their own admin role: 400, with the reason beside their row.
  await search(page, ADMIN.email);
  const own = rowOf(page, ADMIN.email);
  const refused = page.waitForResponse((r) => r.request().method() === "POST");
  await own.getByRole("button", { name: `Remove admin role from ${ADMIN.name}` }).click();
  expect((await refused).status()).toBe(400);
  await expect(own.getByRole("alert")).toHaveText(/^You cannot remove your own admin role/);
  await expect(own.getByRole("button", { name: `Remove admin role from ${ADMIN.name}` })).toHaveAccessibleDescription(
    /cannot remove your own admin role/,
  );
  expect(flagsOf(ADMIN.email)).toMatchObject({ isAdmin: 1 });
  await expectAccessible(page);
  await page.context().close();
});

test("without JavaScript: the admin searches, grants a role and is refused removing their own admin role", async ({
  page: learnerPage,
  browser,
}) => {
  test.setTimeout(120_000);
  const learner = await signUp(learnerPage, newAccount("roles-nojs"));
  const page = await adminPage(browser, { javaScriptEnabled: false });
  await page.goto("/admin/users");
  await search(page, learner.name.toLowerCase());
  await expect(page).toHaveURL(/\/admin\/users\?q=/);

  const row = rowOf(page, learner.email);
  await row.getByRole("button", { name: `Grant instructor role to ${learner.name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${learner.name} is now an instructor.`);
  // The page keeps the search it was on.
  await expect(page.getByRole("heading", { name: `Users matching “${learner.name.toLowerCase()}”` })).toBeVisible();
  await expect(rowOf(page, learner.email).getByRole("cell", { name: "Instructor", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Recent role changes, newest first" })).toContainText(
    `${learner.name} (${learner.email})Granted instructor`,
  );
  expect(flagsOf(learner.email)).toMatchObject({ isInstructor: 1, isAdmin: 0 });

  await search(page, ADMIN.email);
  const response = page.waitForResponse((r) => r.request().method() === "POST");
  await rowOf(page, ADMIN.email)
    .getByRole("button", { name: `Remove admin role from ${ADMIN.name}` })
    .click();
  expect((await response).status()).toBe(400);
  await expect(rowOf(page, ADMIN.email).getByRole("alert")).toHaveText(/^You cannot remove your own admin role/);
  expect(flagsOf(ADMIN.email)).toMatchObject({ isAdmin: 1 });
  await page.context().close();
});
