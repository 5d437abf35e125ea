// Institutions: an organisation's admin sets up a cohort with two courses and due dates, imports
// learners from a CSV file (with a bad row, reported before anything is done), creates a join link;
// a learner opens it, signs up, joins and finds the due dates in My learning; an invited learner's
// e-mail arrives at the mail server and its link works; the dashboard and the CSV export show both. The CSV preview and
// confirmation also work without JavaScript, and uploading the same file twice invites no one twice.
import type { Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { queryTestDb } from "./db";
import { downloadWith, expect, expectAccessible, expectNoHorizontalScroll, newAccount, signUp, test } from "./fixtures";
import { linkTo, waitForMail } from "./support/mail";

const ESSENTIALS = "Green digital action essentials";
const CIRCULAR = "Circular ICT";

/** Creates both through the pages; `scan` runs the accessibility checks (they need JavaScript). */
async function createOrganisationAndCohort(page: Page, orgName: string, cohortName: string, scan = true) {
  await page.goto("/learn");
  await page.getByRole("link", { name: "Organisations and cohorts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  if (scan) await expectAccessible(page);
  await page.getByLabel("Organisation name").fill(orgName);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expect(page.getByText("Your role: Owner")).toBeVisible();
  if (scan) await expectAccessible(page);
  await page.getByLabel("Cohort name").fill(cohortName);
  await page.getByRole("button", { name: "Create cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: cohortName })).toBeVisible();
}

async function uploadCsv(page: Page, name: string, text: string) {
  await page
    .getByLabel("CSV file", { exact: true })
    .setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await page.getByRole("button", { name: "Preview the import" }).click();
  await expect(page.getByRole("heading", { name: `Preview of ${name}` })).toBeVisible();
}

const invitationsTo = (email: string) =>
  queryTestDb<{ kind: string; uses: number; maxUses: number | null }>(
    `SELECT kind, uses, maxUses FROM Invitation WHERE email = ?`,
    email,
  );

test("an organisation's admin sets up a cohort; a learner joins by link and sees the due dates", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const id = Date.now().toString(36);
  const orgName = `Ministry of ICT ${id}`;
  await signUp(page, newAccount("orgadmin"));
  await createOrganisationAndCohort(page, orgName, "Spring cohort");
  await expectAccessible(page);

  // Two courses with due dates: one next year, one already past.
  const essentials = page.getByRole("listitem").filter({ has: page.getByLabel(ESSENTIALS, { exact: true }) });
  await page.getByLabel(ESSENTIALS, { exact: true }).check();
  await page.getByLabel(`Due date for ${ESSENTIALS}`).fill("2099-06-30");
  await page.getByLabel(CIRCULAR, { exact: true }).check();
  await page.getByLabel(`Due date for ${CIRCULAR}`).fill("2026-01-15");
  await expect(essentials).toHaveCount(1);
  await page.getByRole("button", { name: "Save courses" }).click();
  await expect(page.getByRole("status")).toHaveText("2 courses are assigned.");
  await expect(page.getByLabel(ESSENTIALS, { exact: true })).toBeChecked();
  await expect(page.getByLabel(`Due date for ${CIRCULAR}`)).toHaveValue("2026-01-15");
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute("href", /\/dashboard$/);

  // CSV: a semicolon file with a byte-order mark, a header, a non-Latin name and one bad row.
  await page.getByRole("link", { name: "Invitations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Invitations" })).toBeVisible();
  await expectAccessible(page);
  const ama = `ama-${id}@example.org`;
  const ivan = `ivan-${id}@example.org`;
  await uploadCsv(
    page,
    "learners.csv",
    `\uFEFFName;E-mail\nAma Mensah;${ama}\n"Петров; Иван";${ivan}\nNo Address;not-an-email\n`,
  );
  const report = page.getByRole("table", { name: "What will happen to each row" });
  await expect(report.getByRole("row").filter({ hasText: "not-an-email" })).toContainText("Invalid e-mail address.");
  await expect(report.getByRole("row").filter({ hasText: ama })).toContainText("Will be invited by e-mail");
  await expect(report.getByRole("row").filter({ hasText: ivan })).toContainText("Петров; Иван");
  await expectAccessible(page);
  // Nothing is done before the confirmation.
  expect(invitationsTo(ama)).toEqual([]);
  await page.getByRole("button", { name: "Confirm: add 0 and invite 2" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported: 0 added to the cohort, 2 invited by e-mail.");
  expect(invitationsTo(ama)).toEqual([{ kind: "email", uses: 0, maxUses: 1 }]);
  const [mail] = queryTestDb<{ payload: string }>(
    `SELECT payload FROM OutboxMessage WHERE channel = 'email' AND payload LIKE ?`,
    `%${ama}%`,
  );
  expect(JSON.parse(mail.payload)).toMatchObject({
    to: ama,
    subject: `Join Spring cohort at ${orgName} · Green Digital Academy`,
  });

  // A join link, shown once.
  await page.getByLabel("Most uses (optional)").fill("5");
  await page.getByRole("button", { name: "Create join link" }).click();
  await expect(page.getByText("Copy it now: it is shown only once.")).toBeVisible();
  const link = await page.getByRole("textbox", { name: "Your new join link" }).inputValue();
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("row").filter({ hasText: "Join link" }).first()).toContainText("0 of 5");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Your new join link" })).toHaveCount(0);
  // On a narrow phone the pages fit the window.
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoHorizontalScroll(page);
  await page.getByRole("link", { name: "Spring cohort" }).click();
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The learner opens the link signed out, signs up and comes back to join.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  const path = new URL(link).pathname;
  await learner.goto(path);
  await expect(learner.getByRole("heading", { level: 1, name: "Spring cohort" })).toBeVisible();
  await expect(learner.getByText(`${orgName} invites you to join`)).toBeVisible();
  await expectAccessible(learner);
  await learner.getByRole("link", { name: "Sign up to join" }).click();
  const account = newAccount("cohortlearner");
  await learner.getByLabel("Full name").fill(account.name);
  await learner.getByLabel("E-mail").fill(account.email);
  await learner.getByLabel("Password", { exact: true }).fill(account.password);
  await learner.getByRole("button", { name: "Sign up" }).click();
  await expect(learner).toHaveURL(new RegExp(`${path}$`));
  await learner.getByRole("button", { name: "Join Spring cohort" }).click();
  await expect(learner).toHaveURL(/\/learn$/);

  // My learning: both courses, with organisation, cohort and due date; the past one is overdue.
  const essentialsCard = learner
    .getByRole("listitem")
    .filter({ has: learner.getByRole("heading", { name: ESSENTIALS }) });
  await expect(essentialsCard).toContainText(`${orgName} · Spring cohort · due 30 Jun 2099`);
  await expect(essentialsCard).not.toContainText("overdue");
  const circularCard = learner.getByRole("listitem").filter({ has: learner.getByRole("heading", { name: CIRCULAR }) });
  await expect(circularCard).toContainText("due 15 Jan 2026");
  await expect(circularCard).toContainText("overdue");
  await expectAccessible(learner);

  // …and takes a lesson.
  await learner.getByRole("link", { name: `Start ${ESSENTIALS}` }).click();
  const complete = learner.getByRole("button", { name: /^Mark complete and/ });
  await expect(complete).toBeVisible();
  const lessonUrl = learner.url();
  await complete.click();
  // The completion is stored once the next page has come (leaving earlier would cancel it).
  await learner.waitForURL((url) => url.href !== lessonUrl);
  await learner.goto("/learn");
  await expect(learner.getByLabel(`Your progress in ${ESSENTIALS}`)).toHaveAttribute("value", "25");

  // The link counted one use; joining again changes nothing.
  await learner.goto(path);
  await expect(learner.getByText("You are already in this cohort.")).toBeVisible();
  const [use] = queryTestDb<{ uses: number }>(
    `SELECT i.uses FROM Invitation i JOIN Cohort c ON c.id = i.cohortId JOIN Organisation o ON o.id = c.organisationId WHERE i.kind = 'link' AND o.name = ?`,
    orgName,
  );
  expect(use.uses).toBe(1);

  // The learner's organisation page shows only their cohort; the cohort page is not found for them.
  await learner.locator("header summary").click();
  await learner.getByRole("link", { name: "Organisations" }).click();
  await learner.getByRole("link", { name: orgName }).click();
  await expect(learner.getByRole("heading", { name: "Your cohorts" })).toBeVisible();
  await expect(learner.getByRole("heading", { name: "Members" })).toHaveCount(0);
  await expectAccessible(learner);
  const cohortPath = new URL(page.url()).pathname.replace(/\/invitations$/, "");
  expect((await learner.goto(cohortPath))!.status()).toBe(404);
  expect((await learner.goto(`${cohortPath}/invitations`))!.status()).toBe(404);
  await learnerContext.close();

  // Ama's invitation arrives at the mail server, and its link works: she signs up with that address,
  // joins and takes two lessons.
  const invitation = await waitForMail(ama, /^Join Spring cohort at /);
  expect(invitation.text).toContain(`the cohort “Spring cohort” of ${orgName}`);
  const amaContext = await browser.newContext();
  const amaPage = await amaContext.newPage();
  await amaPage.goto(new URL(linkTo(invitation, "/join/")).pathname);
  await amaPage.getByRole("link", { name: "Sign up to join" }).click();
  const amaAccount = { ...newAccount("ama"), name: "Ama Mensah", email: ama };
  await amaPage.getByLabel("Full name").fill(amaAccount.name);
  await amaPage.getByLabel("E-mail").fill(amaAccount.email);
  await amaPage.getByLabel("Password", { exact: true }).fill(amaAccount.password);
  await amaPage.getByRole("button", { name: "Sign up" }).click();
  await amaPage.getByRole("button", { name: "Join Spring cohort" }).click();
  await expect(amaPage).toHaveURL(/\/learn$/);
  await amaPage.getByRole("link", { name: `Start ${ESSENTIALS}` }).click();
  await expect(amaPage).toHaveURL(/\/courses\/green-digital-action-essentials\/[^/]+\/[^/]+$/);
  for (let i = 0; i < 2; i++) {
    const here = amaPage.url();
    // Click once the page is hydrated, so that the click is not lost between server HTML and React.
    await amaPage.waitForLoadState("networkidle");
    await amaPage.getByRole("button", { name: /^Mark complete and/ }).click();
    await expect(amaPage).not.toHaveURL(here);
  }
  await amaPage.goto("/learn");
  await expect(amaPage.getByLabel(`Your progress in ${ESSENTIALS}`)).toHaveAttribute("value", "50");
  await amaContext.close();
  expect(invitationsTo(ama)).toEqual([{ kind: "email", uses: 1, maxUses: 1 }]);

  // The dashboard reflects both learners: the essentials course in progress…
  await page.goto(cohortPath);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await page
    .getByRole("navigation", { name: "Courses of this cohort" })
    .getByRole("link", { name: ESSENTIALS })
    .click();
  const figure = (term: string) => page.locator(`xpath=//dt[normalize-space()="${term}"]/following-sibling::dd[1]`);
  await expect(figure("Learners")).toHaveText("2");
  await expect(figure("Started")).toHaveText("2 (100%)");
  const table = page.getByRole("table", { name: /Each learner’s status/ });
  await expect(table.getByRole("row").filter({ hasText: "Ama Mensah" }).getByRole("cell").nth(1)).toHaveText("50%");
  await expect(table.getByRole("row").filter({ hasText: account.name }).getByRole("cell").nth(1)).toHaveText("25%");
  await expectAccessible(page);
  // …and the Circular ICT course, past its due date, with both learners at risk for that reason.
  await page.getByRole("navigation", { name: "Courses of this cohort" }).getByRole("link", { name: CIRCULAR }).click();
  await expect(figure("Overdue")).toHaveText("2");
  const atRisk = page.getByRole("region", { name: "At risk" });
  await expect(atRisk.getByText("Ama Mensah")).toBeVisible();
  await expect(atRisk.getByText(/Past the due date/).first()).toBeVisible();

  // The CSV export has a row per learner and course.
  const csv = await downloadWith(page, "Download progress (CSV)");
  const rows = parse(csv.body, { bom: true, columns: true }) as Record<string, string>[];
  const percentOf = (name: string, course: string) => rows.find((r) => r.Name === name && r.Course === course)?.Percent;
  expect(rows).toHaveLength(4);
  expect(percentOf("Ama Mensah", ESSENTIALS)).toBe("50");
  expect(percentOf(account.name, ESSENTIALS)).toBe("25");
  expect(percentOf("Ama Mensah", CIRCULAR)).toBe("0");
});

test("unknown and revoked join links answer with a clear page", async ({ page }) => {
  const response = await page.goto("/join/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Unknown invitation" })).toBeVisible();
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the CSV preview and confirmation work, and the same file twice invites no one twice", async ({ page }) => {
    test.setTimeout(120_000);
    const id = Date.now().toString(36);
    const existing = await signUp(page, newAccount("existing"));
    await page.locator("header summary").click();
    await page.getByRole("button", { name: "Log out" }).click();
    await signUp(page, newAccount("nojsadmin"));
    await createOrganisationAndCohort(page, `University ${id}`, "Evening cohort", false);
    await page.getByRole("link", { name: "Invitations" }).click();
    const fresh = `fresh-${id}@example.org`;
    const csv = `${existing.email},${existing.name}\n"Nguyễn, Văn An",${fresh}\n${fresh},Twice\n`;
    await uploadCsv(page, "class.csv", csv);
    const report = page.getByRole("table", { name: "What will happen to each row" });
    // An account outside the organisation is invited like anyone else: joining is the person's choice,
    // and the report does not tell who has an account.
    await expect(report.getByRole("row").filter({ hasText: existing.email })).toContainText(
      "Will be invited by e-mail",
    );
    await expect(report.getByRole("row").filter({ hasText: "Twice" })).toContainText("Duplicate in the file");
    await page.getByRole("button", { name: "Confirm: add 0 and invite 2" }).click();
    await expect(page.getByRole("status")).toHaveText("Imported: 0 added to the cohort, 2 invited by e-mail.");

    await uploadCsv(page, "class.csv", csv);
    await expect(report.getByRole("row").filter({ hasText: existing.email })).toContainText("Already invited");
    await expect(report.getByRole("row").filter({ hasText: "Nguyễn, Văn An" })).toContainText("Already invited");
    await expect(page.getByRole("button", { name: "Confirm: add 0 and invite 0" })).toBeDisabled();
    expect(invitationsTo(fresh)).toHaveLength(1);
    expect(invitationsTo(existing.email)).toHaveLength(1);

    // A file that is not CSV text is refused with a reason.
    await page.getByRole("link", { name: "Cancel" }).click();
    await page.getByLabel("CSV file", { exact: true }).setInputFiles({
      name: "photo.csv",
      mimeType: "text/csv",
      buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]),
    });
    await page.getByRole("button", { name: "Preview the import" }).click();
    await expect(page.getByRole("alert")).toContainText("not");
  });
});
