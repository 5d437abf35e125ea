// A refused form is explained in the reader's language: a learner who chose Arabic for their account
// reads the refusal in Arabic even though their browser asks for English.
import { expect, signUp, test } from "./fixtures";
import { message as m } from "./support/messages";

test.use({ locale: "en-GB", javaScriptEnabled: false });

test("a refused form is explained in the account's language, not the browser's", async ({ page }) => {
  await signUp(page);
  await page.goto("/account");
  await page.getByLabel("Interface language").selectOption("ar");
  await page.getByRole("button", { name: "Save language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  // Only the account says Arabic from here on: the language switcher's cookie goes.
  await page.context().clearCookies({ name: "gda_lang" });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");

  // A name pasted from somewhere that carried a NUL character along, which no field accepts.
  const profile = page.locator("form:has(input[name=intent][value=profile])");
  await profile.locator("input[name=name]").evaluate((input: HTMLInputElement) => {
    input.value = "نور\u0000 الهدى";
  });
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    profile.locator("button[type=submit]").click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.locator("body")).toContainText(m("ar", "common:formRefusals.nul"));
  await expect(page.locator("body")).not.toContainText(m("en", "common:formRefusals.nul"));
});
