import { decodeJwt } from "jose";
import { queryTestDb } from "./db";
import { downloadWith, expect, expectAccessible, logIn, newAccount, signUp, test } from "./fixtures";
import { takeWholeCourse } from "./support/course";

const COURSE = { slug: "green-digital-action-essentials", title: "Green digital action essentials" };
const ADMIN = { email: "admin@example.org", password: "admin-demo-2026" };

test("a learner downloads their data, deletes their account keeping a certificate verifiable without a name; an admin sees both in the audit log", async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  const account = await signUp(page, { ...newAccount("privacy"), name: `Ayodele Privacy-${Date.now().toString(36)}` });
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await takeWholeCourse(page, COURSE.slug);
  await page.getByRole("link", { name: "See your certificate" }).click();
  const id = (await page.locator("main code").first().textContent())!;

  // The privacy page is linked from the footer.
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your data at Green Digital Academy" })).toBeVisible();

  // Download my data: a JSON file with the profile, progress, answers, certificate and audit entries.
  await page.goto("/account");
  const download = await downloadWith(page, "Download my data");
  expect(download.name).toMatch(/^green-digital-academy-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = download.body.toString("utf8");
  const data = JSON.parse(text) as {
    profile: { name: string; email: string };
    enrolments: { course: { slug: string }; percent: number }[];
    quizAttempts: { quiz: string; answers: Record<string, string[]>; passed: boolean }[];
    certificates: { id: string; courseTitle: string }[];
    auditLog: { action: string; by: string }[];
  };
  expect(data.profile).toMatchObject({ name: account.name, email: account.email });
  expect(data.enrolments).toMatchObject([{ course: { slug: COURSE.slug }, percent: 100 }]);
  expect(data.quizAttempts.some((a) => a.quiz === "final" && a.passed && Object.keys(a.answers).length > 0)).toBe(true);
  expect(data.certificates).toMatchObject([{ id, courseTitle: COURSE.title }]);
  expect(data.auditLog).toContainEqual(expect.objectContaining({ action: "account.exported", by: "you" }));
  expect(text).not.toMatch(/passwordHash|\$argon2|tokenHash/);

  // Delete the account: a wrong password is refused next to the field; then keep the certificate.
  await expectAccessible(page);
  const deletion = page.getByRole("region", { name: "Delete my account" });
  await deletion.getByRole("radio", { name: /Keep it verifiable/ }).check();
  await deletion.getByLabel("Your password, to confirm").fill("not my password");
  await deletion.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page.getByText("Your password is not right.")).toBeVisible();
  await page
    .getByRole("region", { name: "Delete my account" })
    .getByRole("radio", { name: /Keep it verifiable/ })
    .check();
  await page.getByLabel("Your password, to confirm", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Delete my account for good" }).click();
  await expect(page).toHaveURL(/\/privacy\?deleted=1$/);
  await expect(page.getByRole("status")).toContainText("Your account has been deleted.");
  await expect(page.getByRole("link", { name: "Log in" })).toBeVisible();
  expect(queryTestDb(`SELECT id FROM "User" WHERE email = ?`, account.email)).toEqual([]);

  // The certificate still verifies, issued to a deleted account, without the name anywhere.
  await page.goto(`/verify/${id}`);
  await expect(page.getByText("✓ Valid certificate")).toBeVisible();
  await expect(page.getByText("A deleted account (name withheld)")).toBeVisible();
  expect(await page.content()).not.toContain(account.name);
  const api = await (await page.request.get(`/api/verify/${id}`)).json();
  expect(api).toMatchObject({ status: "valid", certified: { learnerName: null } });
  const jwt = await (await page.request.get(`/verify/${id}/credential.jwt`)).text();
  const credential = decodeJwt(jwt);
  expect(JSON.stringify(credential)).not.toContain(account.name);
  expect((credential.credentialSubject as Record<string, unknown>).identifier).toBeUndefined();

  // An admin sees both events in the audit log, without the name.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, ADMIN);
  await admin.locator("header summary").click();
  await admin.getByRole("link", { name: "Audit log" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await admin.getByLabel("Action").selectOption({ label: "Account deleted" });
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(admin).toHaveURL(/action=account\.deleted/);
  const deletedRow = admin.getByRole("row").filter({ hasText: "Account deleted" }).first();
  await expect(deletedRow).toContainText("a deleted account (the person themselves)");
  await admin.getByLabel("Action").selectOption({ label: "Personal data downloaded" });
  await admin.getByRole("button", { name: "Show" }).click();
  await expect(admin.getByRole("row").filter({ hasText: "Personal data downloaded" }).first()).toBeVisible();
  expect(await admin.content()).not.toContain(account.name);
  await expectAccessible(admin);
  await adminContext.close();
});
