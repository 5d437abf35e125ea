// A learner who reads Arabic: the browser asks for Arabic, the pages come right to left and in
// Arabic, the Arabic translation of Circular ICT comes first, and its certificate is written in
// Arabic (page, verify page and PDF). Every step is a plain page load (no JavaScript needed).
import type { Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, newAccount, test } from "./fixtures";
import { takeWholeCourse } from "./support/course";
import { message as m } from "./support/messages";

const AR = "ar";
const COURSE = { slug: "circular-ict-ar", original: "circular-ict" };

test.use({ locale: "ar", javaScriptEnabled: false });

/** The horizontal centre of an element: mirrored layouts swap which of two elements is further right. */
const centre = async (page: Page, selector: string) => {
  const box = (await page.locator(selector).first().boundingBox())!;
  return box.x + box.width / 2;
};

test("the interface in Arabic, right to left, mirrored, with the Arabic course first", async ({ page, browser }) => {
  await page.goto("/courses");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(m(AR, "catalogue:list.heading"));
  await expect(page.getByRole("link", { name: m(AR, "common:nav.courses") })).toBeVisible();

  // The site's name sits on the right of the header and the navigation on the left; in English the other way round.
  const brandAr = await centre(page, "header a[href='/']");
  const navAr = await centre(page, "header nav");
  expect(brandAr).toBeGreaterThan(navAr);
  const english = await (await browser.newContext({ locale: "en", javaScriptEnabled: false })).newPage();
  await english.goto("/courses");
  await expect(english.locator("html")).toHaveAttribute("dir", "ltr");
  expect(await centre(english, "header a[href='/']")).toBeLessThan(await centre(english, "header nav"));
  await english.context().close();

  // One entry per course: the Arabic translation instead of the English original, naming English as another language.
  const cards = page.locator("main ul li h2 a");
  const hrefs = await cards.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs[0]).toBe(`/courses/${COURSE.slug}`);
  expect(hrefs).not.toContain(`/courses/${COURSE.original}`);
  await expect(page.locator(`main a[href="/courses/${COURSE.original}"][lang="en"]`)).toHaveText(/English/);
});

test("an Arabic learner takes the Arabic course and receives a certificate written in Arabic", async ({ page }) => {
  test.setTimeout(300_000);
  const account = { ...newAccount("arabic"), name: "أمينة حداد" };
  await page.goto("/signup");
  await page.getByLabel(m(AR, "account:fields.fullName")).fill(account.name);
  await page.getByLabel(m(AR, "account:fields.email")).fill(account.email);
  await page.getByLabel(m(AR, "account:fields.password"), { exact: true }).fill(account.password);
  await page.getByRole("button", { name: m(AR, "account:signup.submit") }).click();
  await expect(page.locator("header summary")).toContainText(account.name);

  await page.goto(`/courses/${COURSE.slug}`);
  await expect(page.locator("main h1")).toHaveAttribute("lang", "ar");
  await page.getByRole("button", { name: m(AR, "catalogue:course.aside.enrol") }).click();

  // The first lesson: Arabic text, right to left, with Latin codes isolated.
  await expect(page.locator("main article [lang=ar][dir=rtl] h1")).toBeVisible();
  await expect(page.locator("main article bdi[dir=ltr]").first()).toBeAttached();

  const { lessons, quizzes } = await takeWholeCourse(page, COURSE.slug, AR);
  expect(lessons).toBe(22);
  expect(quizzes).toBe(6);

  await expect(page.getByText(m(AR, "quiz:completed.heading"))).toBeVisible();
  await page
    .getByRole("link", { name: m(AR, "quiz:completed.see") })
    .first()
    .click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { name: m(AR, "certificates:mine.title") })).toBeVisible();
  const id = (await page.locator("main code").first().textContent())!;

  // The PDF is in Arabic too.
  const pdfLink = page.locator('main a[href$=".pdf"]').first();
  const pdf = await page.request.get(new URL((await pdfLink.getAttribute("href"))!, page.url()).href);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), { mergePages: true });
  expect(text.replace(/[\p{Cc}\s]/gu, "")).toContain("شهادةإتمام");

  // A verifier whose browser asks for English still reads the certificate in its language, Arabic.
  const verifier = await (
    await page.context().browser()!.newContext({ locale: "en", javaScriptEnabled: false })
  ).newPage();
  await verifier.goto(`/verify/${id}`);
  await expect(verifier.locator("html")).toHaveAttribute("lang", "ar");
  await expect(verifier.getByText(m(AR, "certificates:verify.status.valid"))).toBeVisible();
  await expect(verifier.getByText(account.name)).toBeVisible();
  await verifier.context().close();
});
