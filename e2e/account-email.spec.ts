// Password reset and address verification, end to end, reading the e-mails the app really sent
// through SMTP (e2e/support/smtp-capture.ts).
import { expect, expectAccessible, expectSignedInAs, logIn, logOut, newAccount, signUp, test } from "./fixtures";
import { linkTo, waitForMail } from "./support/mail";

test("forgot password: the e-mailed link sets a new password, signs out every other device, and the old password stops working", async ({
  page,
  browser,
}) => {
  const account = await signUp(page);
  // Another device, signed out, asks for a reset.
  const other = await browser.newContext();
  const device = await other.newPage();
  await device.goto("/login");
  await device.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(device).toHaveURL(/\/forgot-password$/);
  await expectAccessible(device);
  await device.getByLabel("E-mail").fill(account.email.toUpperCase());
  await device.getByRole("button", { name: "Send me a link" }).click();
  await expect(device.getByRole("status")).toContainText("If an account uses that address");
  await expectAccessible(device);

  const mail = await waitForMail(account.email, /Reset your password/);
  expect(mail.text).toContain("The link works once, within one hour.");
  const link = linkTo(mail, "/reset-password/");
  expect(mail.html).toContain(link);

  // Opening the link twice changes nothing: a GET never uses the token.
  await device.goto(link);
  await device.goto(link);
  await expect(device.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectAccessible(device);
  await device.getByLabel("New password", { exact: true }).fill("short");
  await device.getByLabel("Repeat the new password").fill("different");
  await device.getByRole("button", { name: "Change my password" }).click();
  await expect(device.getByText(/Use at least 10 characters/)).toBeVisible();
  await expect(device.getByText("The two new passwords differ.")).toBeVisible();

  const newPassword = "a brand new long passphrase";
  await device.getByLabel("New password", { exact: true }).fill(newPassword);
  await device.getByLabel("Repeat the new password").fill(newPassword);
  await device.getByRole("button", { name: "Change my password" }).click();
  await expect(device).toHaveURL(/\/account\?password=reset$/);
  await expect(device.getByText("Your new password is set.")).toBeVisible();
  await expectSignedInAs(device, account.name);
  // Resetting proves the address.
  await expect(device.getByTestId("email-status")).toContainText("verified");
  await expect(device.getByTestId("email-status")).not.toContainText("not verified");

  // The first device's session has ended.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);

  // The link is spent.
  const again = await device.goto(link);
  expect(again?.status()).toBe(410);
  await expect(device.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expectAccessible(device);
  await other.close();

  await logIn(page, account);
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  await logIn(page, { email: account.email, password: newPassword });
  await expectSignedInAs(page, account.name);
});

test("forgot password answers the same for an address without an account", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(newAccount("nobody").email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account uses that address");
});

test("an unknown reset or confirmation link gets a clear page, not an error", async ({ page }) => {
  const reset = await page.goto("/reset-password/not-a-real-token");
  expect(reset?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await expectAccessible(page);
  const verify = await page.goto(`/verify-email/${"A".repeat(43)}`);
  expect(verify?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
});

test("sign-up sends a confirmation link; confirming it marks the address verified", async ({ page }) => {
  const account = await signUp(page);
  await page.goto("/account");
  await expect(page.getByTestId("email-status")).toContainText("not verified yet");
  await expectAccessible(page);

  const mail = await waitForMail(account.email, /Confirm your e-mail address/);
  await page.goto(linkTo(mail, "/verify-email/"));
  await expect(page.getByText(account.email)).toBeVisible();
  await expectAccessible(page);
  // Opening the link alone confirms nothing.
  await page.goto("/account");
  await expect(page.getByTestId("email-status")).toContainText("not verified yet");

  await page.goto(linkTo(mail, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Go to your account" }).click();
  await expect(page.getByTestId("email-status")).toHaveText(`${account.email}: verified`);
  await expect(page.getByRole("button", { name: "Send the link again" })).toHaveCount(0);
});

test("send the link again, and turn reminders off and on", async ({ page }) => {
  const account = await signUp(page);
  await waitForMail(account.email, /Confirm your e-mail address/);
  const since = new Date();
  await page.goto("/account");
  await page.getByRole("button", { name: "Send the link again" }).click();
  await expect(page.getByText("We sent the link again.")).toBeVisible();
  await waitForMail(account.email, /Confirm your e-mail address/, { since });

  await expect(page.getByText(/Reminders of due dates .* are on/)).toBeVisible();
  await page.getByRole("button", { name: "Turn reminders off" }).click();
  await expect(page.getByText(/Reminders of due dates .* are off/)).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Turn reminders on" }).click();
  await expect(page.getByText(/Reminders of due dates .* are on/)).toBeVisible();
});

test("a new e-mail address takes effect once confirmed, then logs in", async ({ page }) => {
  const account = await signUp(page);
  const newEmail = newAccount("moved").email;
  await page.goto("/account");
  await page.getByLabel("E-mail", { exact: true }).fill(newEmail);
  await page.getByLabel("Your password, to confirm a new e-mail").fill(account.password);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByTestId("pending-email")).toContainText(`Pending change to ${newEmail}`);
  await expect(page.getByTestId("email-status")).toContainText(account.email);
  await expectAccessible(page);

  const notice = await waitForMail(account.email, /change of e-mail address/);
  expect(notice.text).toContain(newEmail);
  const mail = await waitForMail(newEmail, /Confirm your new e-mail address/);
  // Until confirmed, the old address still logs in.
  await logOut(page);
  await logIn(page, account);
  await expectSignedInAs(page, account.name);

  await page.goto(linkTo(mail, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("status")).toContainText(`${newEmail} is now the verified e-mail address`);

  await logOut(page);
  await logIn(page, account);
  await expect(page.getByText("That e-mail and password do not match an account.")).toBeVisible();
  await logIn(page, { email: newEmail, password: account.password });
  await expectSignedInAs(page, account.name);
  await page.goto("/account");
  await expect(page.getByTestId("email-status")).toHaveText(`${newEmail}: verified`);
});
