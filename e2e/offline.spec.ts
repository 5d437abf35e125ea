// Offline reading: a learner saves a course, reads its lessons and marks one complete without a
// network, and the completion is recorded once when the connection returns; pages that were not
// saved do not open; logging out deletes what was saved, and the next person signed in on the
// browser never sees someone else's saved pages.
import type { Page } from "@playwright/test";
import { queryTestDb } from "./db";
import { expect, expectAccessible, hydrated, logOut, signUp, test } from "./fixtures";

const COURSE = { slug: "green-digital-action-essentials", title: "Green digital action essentials" };

/** Enrols the signed-in learner and saves the course for offline reading; returns its lessons. */
async function enrolAndSave(page: Page) {
  await page.goto(`/courses/${COURSE.slug}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await expect(page.getByRole("button", { name: /^Mark complete and/ })).toBeVisible();
  await page.goto(`/courses/${COURSE.slug}`);
  const lessons = await page
    .locator(`main ol a[href^="/courses/${COURSE.slug}/"]:not([href*="/quiz/"]):not([href$="/glossary"])`)
    .evaluateAll((links) => links.map((a) => ({ path: a.getAttribute("href")!, title: a.textContent!.trim() })));
  expect(lessons).toHaveLength(4);
  const offline = page.getByRole("region", { name: "Offline reading" });
  await expect(offline.getByText("Not saved on this device.", { exact: false })).toBeVisible();
  await offline.getByRole("button", { name: "Save for offline" }).click();
  await expect(offline.getByText(/^Saved on this device: 4 lessons \(\d+(\.\d)? (kB|MB)\)\.$/)).toBeVisible();
  await expect(offline.getByText("The glossary is saved too.")).toBeVisible();
  await expect(offline.getByRole("button", { name: "Remove" })).toBeVisible();
  return lessons;
}

const userIdOf = (email: string) => queryTestDb<{ id: string }>("SELECT id FROM User WHERE email = ?", email)[0]!.id;
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

/** Without a network, this page does not open: the browser shows its own error page. */
async function expectNoPage(page: Page, path: string) {
  // The error page arrives after goto gives up; the next navigation must not run into it.
  const errorPage = page.waitForEvent(
    "framenavigated",
    (frame) => frame === page.mainFrame() && frame.url().startsWith("chrome-error:"),
  );
  await expect(page.goto(path)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
  await errorPage;
}

test("save a course, read and complete lessons offline, sync once online again, then log out", async ({
  page,
  context,
}) => {
  // A long journey: twice the usual time.
  test.setTimeout(120_000);
  const account = await signUp(page);
  const lessons = await enrolAndSave(page);
  // Kept in the learner's own cache, named after their user id.
  expect(await cacheNames(page)).toEqual([`gda-offline-v1-${userIdOf(account.email)}`]);

  await context.setOffline(true);
  // A saved lesson opens without a network, with its text.
  await page.goto(lessons[1]!.path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lessons[1]!.title);
  expect((await page.locator("article").innerText()).length).toBeGreaterThan(500);
  await expect(page.getByText("You are offline. Lessons saved on this device still open.")).toBeVisible();
  // A link opens the other saved lesson as a whole page, from its saved copy too.
  await page.getByRole("link", { name: "← Previous lesson" }).click();
  await expect(page).toHaveURL(new RegExp(`${lessons[0]!.path}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lessons[0]!.title);
  // So does the glossary.
  await page.goto(`/courses/${COURSE.slug}/glossary`);
  await expect(page.getByRole("heading", { level: 1, name: "Glossary" })).toBeVisible();
  // Pages that were not saved do not open: another course, the catalogue.
  await expectNoPage(page, "/courses/circular-ict");
  await expectNoPage(page, "/courses");

  // "Mark complete" without a network: the completion waits on this device.
  await page.goto(lessons[0]!.path);
  // Offline, only the page's script can keep the completion (a plain form post has no network).
  await hydrated(page);
  await page.getByRole("button", { name: /^Mark complete and/ }).click();
  await expect(page.getByText("1 lesson waiting to sync")).toBeVisible();
  await expect(
    page.getByText("✓ Completed on this device: it will be recorded when you are back online."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /^Mark complete and/ })).toHaveCount(0);
  expect(completions(account.email)).toEqual([]);

  await context.setOffline(false);
  await expect(page.getByText("Synced: 1 lesson completed offline is now recorded.")).toBeVisible();
  await expect(page.getByText("1 lesson waiting to sync")).toHaveCount(0);
  // The page now shows what the server recorded.
  await expect(page.getByText("✓ Completed", { exact: true })).toBeVisible();
  expect(completions(account.email)).toEqual([{ lesson: lessons[0]!.path.split("/").pop(), n: 1 }]);
  const [enrolment] = queryTestDb<{ completedLessons: number; percent: number }>(
    `SELECT e.completedLessons, e.percent FROM Enrollment e JOIN User u ON u.id = e.userId WHERE u.email = ?`,
    account.email,
  );
  expect(enrolment).toEqual({ completedLessons: 1, percent: 25 });
  await page.goto(`/courses/${COURSE.slug}`);
  await expect(page.getByLabel("Your progress in this course")).toHaveAttribute("value", "25");
  // A saved lesson opened online replaces its saved copy, which now shows it completed.
  await page.goto(lessons[0]!.path);
  await expect(page.getByText("✓ Completed", { exact: true })).toBeVisible();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByText("✓ Completed", { exact: true })).toBeVisible();
  await context.setOffline(false);

  // Logging out deletes the saved pages and the queue.
  await logOut(page);
  await expect.poll(() => cacheNames(page)).toEqual([]);
  await expect
    .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .not.toContain("gda-offline");
  await context.setOffline(true);
  await expectNoPage(page, lessons[0]!.path);
});

test("Remove deletes the saved course from the device", async ({ page }) => {
  await signUp(page);
  await enrolAndSave(page);
  await expectAccessible(page);
  const offline = page.getByRole("region", { name: "Offline reading" });
  await offline.getByRole("button", { name: "Remove" }).click();
  await expect(offline.getByText("Removed from this device.")).toBeVisible();
  await expect(offline.getByRole("button", { name: "Save for offline" })).toBeVisible();
  expect(await cacheNames(page)).toEqual([]);
  // Nothing else is saved and nothing waits: the service worker goes too.
  await expect
    .poll(() => page.evaluate(async () => Boolean(await navigator.serviceWorker.getRegistration("/"))))
    .toBe(false);
  await page.reload();
  await expect(offline.getByText("Not saved on this device.", { exact: false })).toBeVisible();
});

test("someone else signed in on the same browser never gets the saved pages", async ({ page, context }) => {
  const first = await signUp(page);
  const lessons = await enrolAndSave(page);
  // The session ends without logging out (it expired, or the cookies were cleared).
  await context.clearCookies();
  const second = await signUp(page);
  // The first learner's copies are deleted as soon as a page knows who is signed in now.
  await expect.poll(() => cacheNames(page)).not.toContain(`gda-offline-v1-${userIdOf(first.email)}`);
  expect(userIdOf(second.email)).not.toBe(userIdOf(first.email));
  await context.setOffline(true);
  await expectNoPage(page, lessons[1]!.path);
});

/** The learner's lesson completions, by lesson (its address's last part), with how many rows each has. */
function completions(email: string) {
  return queryTestDb<{ lesson: string; n: number }>(
    `SELECT l.slug AS lesson, COUNT(*) AS n FROM LessonCompletion c JOIN Lesson l ON l.id = c.lessonId
     JOIN User u ON u.id = c.userId WHERE u.email = ? GROUP BY l.slug`,
    email,
  );
}
