// How pages travel: the same-for-everyone pages of signed-out visitors (cached, ETag, hashed CSP),
// and the lesson HTML sent once.
import { expect, hydrated, newAccount, signUp, test } from "./fixtures";

test("a page that is the same for everyone is revalidated with its ETag and allowed only its own inline scripts", async ({
  request,
}) => {
  const first = await request.get("/courses");
  expect(first.status()).toBe(200);
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect(first.headers()["cache-control"]).toBe("public, max-age=0, must-revalidate");
  const csp = first.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+;/);
  expect(csp).not.toContain("nonce-");

  const again = await request.get("/courses");
  expect(again.headers()["etag"]).toBe(etag);
  const revalidated = await request.get("/courses", { headers: { "If-None-Match": etag } });
  expect(revalidated.status()).toBe(304);
  expect(await revalidated.body()).toHaveLength(0);

  // A filtered catalogue is another page; a signed-in visitor's pages are never shared.
  expect((await request.get("/courses?level=advanced")).headers()["etag"]).not.toBe(etag);
});

test("a signed-in person's page is private and carries a fresh nonce each time", async ({ page }) => {
  await signUp(page);
  const one = await page.request.get("/courses");
  const two = await page.request.get("/courses");
  for (const r of [one, two]) {
    expect(r.headers()["cache-control"]).toBe("private, no-store");
    expect(r.headers()["etag"]).toBeUndefined();
  }
  const nonce = (r: typeof one) => r.headers()["content-security-policy"].match(/'nonce-([^']+)'/)?.[1];
  expect(nonce(one)).toBeTruthy();
  expect(nonce(one)).not.toBe(nonce(two));
});

test("a cached page runs its scripts: links navigate in place, without a new document", async ({ page }) => {
  await page.goto("/courses");
  await page.goto("/courses"); // served from the cache this time
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.getByRole("link", { name: "Circular ICT" }).first().click();
  await expect(page).toHaveURL(/\/courses\/circular-ict$/);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test("the lesson's HTML is in the page once, and stays after hydration and in-place navigation", async ({ page }) => {
  await signUp(page);
  await page.goto("/courses/circular-ict");
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await page.waitForURL(/\/courses\/circular-ict\/[^/]+\/[^/]+$/);
  const lessonUrl = page.url();
  const html = await (await page.request.get(lessonUrl)).text();
  const body = page.locator('[data-html="lesson"]');
  await page.waitForLoadState("networkidle");
  const sentence = (await body.locator("p").first().innerText()).slice(0, 60);
  expect(sentence.length).toBeGreaterThan(20);
  const escaped = sentence.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  expect(html.split(escaped).length - 1).toBe(1);

  await page.locator('nav[aria-label="Course contents"] ol a:not([aria-current])').first().click();
  await expect(page).not.toHaveURL(lessonUrl);
  await expect(body.locator("p").first()).not.toHaveText(sentence);
  await page.goBack();
  await expect(page).toHaveURL(lessonUrl);
  await expect(body.locator("p").first()).toContainText(sentence);
});

test("learners with the same view of a lesson share its rendering, each page with its own person", async ({
  browser,
}) => {
  // Two learners on the second lesson with the first done: the same view, told apart by who they are.
  const atSecondLesson = async (name: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && errors.push(m.text())));
    page.on("pageerror", (e) => errors.push(e.message));
    await signUp(page, { ...newAccount(), name });
    await page.goto("/courses/circular-ict");
    await page.getByRole("button", { name: "Enrol for free" }).click();
    await page.waitForURL(/\/courses\/circular-ict\/[^/]+\/[^/]+$/);
    const firstLesson = page.url();
    await page.getByRole("button", { name: /^Mark complete/ }).click();
    // The next lesson: a lesson address other than the one just completed.
    await page.waitForURL(
      (url) => url.href !== firstLesson && /^\/courses\/circular-ict\/[^/]+\/[^/]+$/.test(url.pathname),
    );
    const lesson = page.url();
    const response = await page.goto(lesson);
    return { context, page, errors, lesson, cache: response!.headers()["x-page-cache"] };
  };
  const first = await atSecondLesson(`Sharing Learner ${Date.now()}`);
  expect(first.cache).toMatch(/^(miss|hit)$/);
  const name = `O'Neil "Nour" <b>&amp; $& ✓ ${Date.now()}`;
  const second = await atSecondLesson(name);
  expect(second.lesson).toBe(first.lesson);
  expect(second.cache).toBe("hit");

  // The second learner's page is theirs: their name, their id in the data React hydrates from, and
  // nothing of the first learner's.
  const { page } = second;
  await expect(page.locator("details[data-menu] summary")).toContainText(name);
  const html = await (await page.request.get(second.lesson)).text();
  expect(html).not.toContain("Sharing Learner");
  // A client whose best encoding is gzip gets the kept page's own gzip form: the same page.
  const gzipped = await page.request.get(second.lesson, { headers: { "Accept-Encoding": "gzip" } });
  expect(gzipped.headers()["x-page-cache"]).toBe("hit");
  expect(gzipped.headers()["content-encoding"]).toBe("gzip");
  const withoutNonce = (text: string) => text.replace(/nonce="[^"]*"/g, "");
  expect(withoutNonce(await gzipped.text())).toBe(withoutNonce(html));
  await hydrated(page);
  const user = await page.evaluate(
    () =>
      (window as unknown as { __remixRouter: { state: { loaderData: { root: { user: { name: string } } } } } })
        .__remixRouter.state.loaderData.root.user,
  );
  expect(user.name).toBe(name);
  // It works as a page rendered for them: links navigate in place, without a new document.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  await page.locator('nav[aria-label="Course contents"] ol a:not([aria-current])').first().click();
  await expect(page).not.toHaveURL(second.lesson);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  expect(second.errors).toEqual([]);
  await first.context.close();
  await second.context.close();
});
