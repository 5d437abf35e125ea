import { expect, expectAccessible, expectSignedInAs, logIn, logOut, newAccount, signUp, test } from "./fixtures";

test("sign up, log out, log in again, and a wrong password", async ({ page }) => {
  const account = await signUp(page);
  await expect(page).toHaveURL(/\/learn$/);
  await logOut(page);

  await logIn(page, { email: account.email, password: "not my password" });
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(account.email);

  await logIn(page, account);
  await expectSignedInAs(page, account.name);
});

test("a protected page sends you to log in, then back", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await logOut(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByLabel("Full name")).toHaveValue(account.name);
});

test("sign-up errors show next to their fields and keep what was typed", async ({ page }) => {
  const taken = await signUp(page);
  await logOut(page);
  await page.goto("/signup");
  await page.getByLabel("Full name").fill("Zoë Al-Hassan");
  await page.getByLabel("E-mail").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Enter an e-mail address like name@example.org.")).toBeVisible();
  await expect(page.getByText(/Use at least 10 characters/)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Zoë Al-Hassan");
  await expect(page.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("E-mail").fill(taken.email);
  await page.getByLabel("Password", { exact: true }).fill("long enough password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText(/already exists/)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Zoë Al-Hassan");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign up, see field errors, log out and log in", async ({ page }) => {
    const account = newAccount("nojs");
    await page.goto("/signup");
    await page.getByLabel("Full name").fill(account.name);
    await page.getByLabel("E-mail").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByText(/Use at least 10 characters/)).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue(account.name);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expectSignedInAs(page, account.name);
    await logOut(page);
    await logIn(page, account);
    await expectSignedInAs(page, account.name);
  });
});

test("account: change profile and password", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/account");
  await page.getByLabel("Full name").fill("Renamed Person");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await expectSignedInAs(page, "Renamed Person");

  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the new password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText(/Use at least 10 characters/)).toBeVisible();
  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("my brand new password");
  await page.getByLabel("Repeat the new password").fill("my brand new password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password is changed.", { exact: false })).toBeVisible();
  await logOut(page);
  await logIn(page, { email: account.email, password: "my brand new password" });
  await expectSignedInAs(page, "Renamed Person");
});

test("the demo learner can log in", async ({ page }) => {
  await logIn(page, { email: "learner@example.org", password: "learner-demo-2026" });
  await expectSignedInAs(page, "Amina Haddad");
});

test("security headers and a refused cross-origin post", async ({ page, request }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const cross = await request.post("/login", {
    headers: { Origin: "https://evil.example" },
    form: { email: "a@b.c", password: "x" },
  });
  expect(cross.status()).toBe(403);
});

test("a page that does not exist answers 404 with a helpful page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

for (const path of ["/", "/signup", "/login"]) {
  test(`no accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectAccessible(page);
  });
}

test("no accessibility violations on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  await expectAccessible(page);
});
