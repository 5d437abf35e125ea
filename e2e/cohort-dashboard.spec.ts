import type { Browser, Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { createCohort, createOrganisation, userIdOf } from "./cohort-db";
import { downloadWith, expect, expectAccessible, newAccount, signUp, test } from "./fixtures";

const COURSE = { slug: "green-digital-action-essentials", title: "Green digital action essentials" };
const DAY = 24 * 60 * 60 * 1000;

/** A learner in their own browser context: signs up, enrols and completes the first `lessons` lessons. */
async function learnerTakes(browser: Browser, account: ReturnType<typeof newAccount>, lessons: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, account);
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  // Enrolling opens the first lesson; marking each complete leads to the next.
  await expect(page).toHaveURL(new RegExp(`/courses/${COURSE.slug}/[^/]+/[^/]+$`));
  for (let i = 0; i < lessons; i++) {
    const here = page.url();
    await page.getByRole("button", { name: /^Mark complete and/ }).click();
    await expect(page).not.toHaveURL(here);
  }
  await context.close();
}

const figure = (page: Page, term: string) =>
  page
    .getByRole("definition")
    .filter({ has: page.locator("xpath=preceding-sibling::dt[1]") })
    .and(page.locator(`xpath=//dt[normalize-space()="${term}"]/following-sibling::dd[1]`));

test("a cohort's manager follows its learners: dashboard, CSV and xAPI; another organisation's admin gets 404", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const manager = await signUp(page, newAccount("manager"));
  const ahead = { ...newAccount("ahead"), name: `Zoë Ελένη ${Date.now().toString(36)}` };
  const behind = newAccount("behind");
  await learnerTakes(browser, ahead, 2);
  await learnerTakes(browser, behind, 1);

  // The cohort started ten days ago and is due in ten: half the course is expected by now.
  const org = createOrganisation("Dashboard Org", [{ email: manager.email, role: "owner" }]);
  const cohort = createCohort({
    organisationId: org.id,
    name: "Autumn cohort",
    startsAt: new Date(Date.now() - 10 * DAY),
    inactivityDays: 14,
    courseSlug: COURSE.slug,
    dueAt: new Date(Date.now() + 10 * DAY),
    learners: [ahead.email, behind.email],
  });
  const base = `/org/${org.slug}/cohorts/${cohort.id}`;

  await page.goto(`${base}/dashboard`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard: Autumn cohort" })).toBeVisible();
  await expect(figure(page, "Learners")).toHaveText("2");
  await expect(figure(page, "Started")).toHaveText("2 (100%)");
  await expect(figure(page, "Completed")).toHaveText("0");
  await expect(figure(page, "Certificates issued")).toHaveText("0");
  await expect(figure(page, "Overdue")).toHaveText("0");
  await expect(figure(page, "At risk")).toHaveText("1");

  // At risk: the learner who took one lesson of four, with the reason in words.
  const atRisk = page.getByRole("region", { name: "At risk" });
  await expect(atRisk.getByText(behind.name)).toBeVisible();
  await expect(atRisk.getByText(/Behind pace: 25% done, 50% expected by now to finish by/)).toBeVisible();
  await expect(atRisk.getByText(ahead.name)).toHaveCount(0);

  // The learner × module table: progress and each module's state.
  const table = page.getByRole("table", { name: /Each learner’s status/ });
  const aheadRow = table.getByRole("row").filter({ hasText: ahead.name });
  await expect(aheadRow.getByRole("cell").nth(1)).toHaveText("50%");
  await expect(aheadRow).toContainText("Lessons done, quiz not taken"); // module 1
  const behindRow = table.getByRole("row").filter({ hasText: behind.name });
  await expect(behindRow.getByRole("cell").nth(1)).toHaveText("25%");
  await expect(behindRow).toContainText("In progress 1/2");
  await expect(behindRow).toContainText("Not started");
  await expectAccessible(page);

  // Filters are GET parameters: they work without JavaScript and can be linked to.
  await page.getByLabel("Status").selectOption("at-risk");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/status=at-risk/);
  await expect(table.getByRole("row")).toHaveCount(2); // the heading row and one learner
  await expect(table).toContainText(behind.name);
  await page.goto(`${base}/dashboard?sort=progress`);
  await expect(table.getByRole("row").nth(1)).toContainText(ahead.name);
  const bad = await page.goto(`${base}/dashboard?page=0`);
  expect(bad?.status()).toBe(400);
  await expect(page.getByText("Pages start at 1.")).toBeVisible();

  // The CSV export (a button: each download is recorded): UTF-8 with a BOM, one row per learner,
  // the non-Latin name intact.
  await page.goto(`${base}/dashboard`);
  const csv = await downloadWith(page, "Download progress (CSV)");
  expect(csv.name).toMatch(/^dashboard-org-[a-z0-9]+-autumn-cohort-progress-\d{4}-\d\d-\d\d\.csv$/);
  const bytes = csv.body;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
  expect(rows.map((r) => [r.Name, r.Percent, r.Status]).sort()).toEqual(
    [
      [ahead.name, "50", "In progress"],
      [behind.name, "25", "In progress"],
    ].sort(),
  );

  // The xAPI download: the learners' statements, actors as accounts on this site.
  const xapi = await downloadWith(page, "Download learning records (xAPI JSON)");
  const statements = JSON.parse(xapi.body.toString("utf8")) as {
    actor: { account: { name: string } };
    verb: { id: string };
  }[];
  const verbs = (email: string) =>
    statements
      .filter((s) => s.actor.account.name === userIdOf(email))
      .map((s) => s.verb.id.replace("http://adlnet.gov/expapi/verbs/", ""));
  // (A lesson's "experienced" and "completed" share their timestamp, so their order is not fixed.)
  expect(verbs(ahead.email).sort()).toEqual(["completed", "completed", "experienced", "experienced", "registered"]);
  expect(verbs(ahead.email)[0]).toBe("registered");
  expect(verbs(behind.email).sort()).toEqual(["completed", "experienced", "registered"]);
  expect(JSON.stringify(statements)).not.toContain("@example.org");

  // Another organisation's admin is told none of it exists.
  const outsider = newAccount("outsider");
  const context = await browser.newContext();
  const other = await context.newPage();
  await signUp(other, outsider);
  createOrganisation("Other Org", [{ email: outsider.email, role: "admin" }]);
  expect((await other.request.get(`${base}/dashboard`)).status()).toBe(404);
  for (const path of [`${base}/export.csv`, `${base}/xapi.json`]) {
    const response = await other.request.post(path, { headers: { Origin: new URL(page.url()).origin } });
    expect(response.status(), path).toBe(404);
  }
  await context.close();
});
