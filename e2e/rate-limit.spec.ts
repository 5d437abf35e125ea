import { expect, logIn, newAccount, signUp, logOut, test } from "./fixtures";

const ACCOUNT_LIMIT = 10; // the default failed log-ins per account per 15 minutes

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("ten wrong passwords lock the account for a while, even for the right password; other accounts are not affected", async ({
    page,
    request,
    baseURL,
  }) => {
    const account = await signUp(page, newAccount("lockout"));
    await logOut(page);
    const other = await signUp(page, newAccount("neighbour"));
    await logOut(page);

    const wrong = (email: string) =>
      request.post("/login", {
        form: { email, password: "not the password" },
        headers: { Origin: baseURL! },
        maxRedirects: 0,
      });
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await wrong(account.email)).status()).toBe(400);

    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/login",
    );
    await logIn(page, account);
    const response = await answered;
    expect(response.status()).toBe(429);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    await expect(page.getByRole("alert")).toContainText(
      /Too many log-in attempts\. Please wait \d+ minutes? and try again\./,
    );
    await expect(page.getByLabel("E-mail")).toHaveValue(account.email);
    await expect(page.locator("header summary")).toHaveCount(0);

    // Upper or lower case makes no difference to the count.
    expect((await wrong(account.email.toUpperCase())).status()).toBe(429);

    // Someone else on the same network logs in as usual.
    await logIn(page, other);
    await expect(page.locator("header summary")).toContainText(other.name);
  });
});

test("a right password does not count towards the lockout", async ({ playwright, baseURL }) => {
  const account = newAccount("steady");
  // Each request from a new, signed-out context.
  const post = async (path: string, form: Record<string, string>) => {
    const context = await playwright.request.newContext({ baseURL });
    const status = (await context.post(path, { form, headers: { Origin: baseURL! }, maxRedirects: 0 })).status();
    await context.dispose();
    return status;
  };
  const logInWith = (password: string) => post("/login", { email: account.email, password });
  expect(await post("/signup", account)).toBe(302);
  for (let i = 0; i < ACCOUNT_LIMIT - 1; i++) expect(await logInWith("wrong password")).toBe(400);
  for (let i = 0; i < 5; i++) expect(await logInWith(account.password)).toBe(302);
  expect(await logInWith("wrong password")).toBe(400);
  expect(await logInWith("wrong password")).toBe(429);
});
