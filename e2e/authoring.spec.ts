import type { Browser, Page } from "@playwright/test";
import sharp from "sharp";
import { queryTestDb } from "./db";
import { downloadWith, expect, expectAccessible, logIn, newAccount, signUp, test } from "./fixtures";

const ADMIN = { name: "Priya Raman", email: "admin@example.org", password: "admin-demo-2026" };
const SAME_ORIGIN = { Origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` };

async function pageFor(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  return context.newPage();
}

/** A new account that an admin makes an instructor through the users page. */
async function newInstructor(
  browser: Browser,
  admin: Page,
  prefix: string,
  options: { javaScriptEnabled?: boolean } = {},
) {
  const page = await pageFor(browser, options);
  const account = await signUp(page, newAccount(prefix));
  await admin.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  const row = admin.getByRole("row").filter({ has: admin.getByRole("cell", { name: account.email, exact: true }) });
  await row.getByRole("button", { name: /^Grant instructor/ }).click();
  await expect(admin.getByRole("status")).toContainText("is now an instructor");
  await page.reload();
  return { page, account };
}

/** Replaces the editor's text (CodeMirror with JavaScript, the textarea without). */
async function setEditorText(page: Page, text: string) {
  const cm = page.locator(".cm-content");
  if (await cm.count()) {
    await cm.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    await cm.fill(text);
  } else {
    await page.getByLabel("Lesson (MDX)").fill(text);
  }
}

const lessonSource = (title: string, body: string) =>
  `---\ntitle: ${title}\nsummary: Why repairing laptops keeps their value longest.\nminutes: 6\n---\n\n${body}\n`;

test("an instructor builds, previews and publishes a course in the browser; a learner takes it; two authors never overwrite each other; version 2 keeps progress", async ({
  page: admin,
  browser,
}) => {
  test.setTimeout(240_000);
  await logIn(admin, ADMIN);
  await expect(admin.locator("header summary")).toContainText(ADMIN.name);
  const owner = await newInstructor(browser, admin, "owner");
  const coauthor = await newInstructor(browser, admin, "coauthor");

  // The owner creates a course: it starts as a valid draft with one module and one lesson.
  const page = owner.page;
  await page.getByRole("link", { name: "Authoring" }).click();
  await expect(page.getByRole("heading", { name: "Authoring", level: 1 })).toBeVisible();
  const slug = `repair-${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill("Repairable laptops for public offices");
  await page.getByLabel("Address (optional)").fill(slug);
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("heading", { name: "Repairable laptops for public offices", level: 1 })).toBeVisible();
  await expect(page.getByText("Not published yet")).toBeVisible();
  await expectAccessible(page);

  // Two modules, three lessons.
  await page.getByLabel("New module").fill("Keeping devices in use");
  await page.getByRole("button", { name: "Add module" }).click();
  await expect(page.getByRole("status")).toContainText("Module “Keeping devices in use” added");
  await page.getByLabel("New lesson in this module").first().fill("Why repair first");
  await page.getByRole("button", { name: "Add lesson" }).first().click();
  await expect(page.getByRole("link", { name: "1.2 Why repair first" })).toBeVisible();
  await expect(page.getByRole("link", { name: "2.1 First lesson" })).toBeVisible();
  // Reordering: drag the new lesson to the top (with JavaScript), then back with a button.
  await page.waitForLoadState("networkidle");
  await page
    .getByRole("link", { name: "1.2 Why repair first" })
    .dragTo(page.getByRole("link", { name: "1.1 First lesson" }));
  await expect(page.getByRole("link", { name: "1.1 Why repair first" })).toBeVisible();
  await page.getByRole("button", { name: "Move down lesson Why repair first" }).click();
  await expect(page.getByRole("link", { name: "1.2 Why repair first" })).toBeVisible();
  await page.getByRole("button", { name: "Add a module quiz to Getting started" }).click();
  await expect(page.getByRole("status")).toContainText("Module quiz added");

  // An image, uploaded, checked and re-encoded.
  await page.getByRole("link", { name: "Images" }).click();
  const png = await sharp({ create: { width: 640, height: 360, channels: 3, background: "#2f855a" } })
    .png()
    .toBuffer();
  await page.getByLabel(/^Image/).setInputFiles({ name: "laptop.png", mimeType: "image/png", buffer: png });
  await page.getByLabel("Text alternative").fill("A laptop opened for repair on a workbench");
  await page.getByRole("button", { name: "Upload image" }).click();
  await expect(page.getByRole("status")).toContainText("Uploaded: 640 × 360 px");
  const figure = (await page.getByRole("status").locator("pre").textContent())!;
  expect(figure).toMatch(/^<Figure media="[0-9a-f]{32}"/);

  // The lesson editor: a typo is reported with its line, then fixed, previewed and saved.
  await page.getByRole("link", { name: "Repairable laptops for public offices" }).click();
  await page.getByRole("link", { name: "1.2 Why repair first" }).click();
  await expect(page.locator(".cm-content")).toBeVisible();
  const body = `Repair keeps a laptop's value for longest.\n\n${figure.replace("Caption, with the image's source.", "A repair bench.")}\n`;
  await setEditorText(
    page,
    lessonSource("Why repair first", `${body}\n<Calout type="note">\n\nCheck the warranty first.\n\n</Calout>`),
  );
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { name: /Problems \(\d+\)/ })).toBeVisible();
  await expect(page.locator("#file-problems")).toContainText(
    /^Problems \(1\)Line 11, column 1: unknown component <Calout>/,
  );
  await expect(page.locator(".cm-lint-marker-error").first()).toBeVisible();
  await setEditorText(
    page,
    lessonSource("Why repair first", `${body}\n<Callout type="note">\n\nCheck the warranty first.\n\n</Callout>`),
  );
  // With JavaScript the preview follows the text after a pause in typing.
  const preview = page.getByRole("region", { name: /Preview/ });
  await expect(preview.getByText("Check the warranty first.")).toBeVisible({ timeout: 30_000 });
  await expect(preview.locator("img[srcset]")).toHaveAttribute("alt", "A laptop opened for repair on a workbench");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expectAccessible(page);

  // Publish version 1.
  await page.getByRole("link", { name: "Repairable laptops for public offices" }).click();
  await page.getByLabel("What changed").fill("First edition");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Version 1 is published", { timeout: 60_000 });

  // A learner takes it: the image is served as WebP in several widths.
  const learnerPage = await pageFor(browser);
  await signUp(learnerPage, newAccount("author-learner"));
  await learnerPage.goto(`/courses/${slug}`);
  await expect(
    learnerPage.getByRole("heading", { name: "Repairable laptops for public offices", level: 1 }),
  ).toBeVisible();
  await learnerPage.getByRole("button", { name: "Enrol for free" }).click();
  await learnerPage.getByRole("button", { name: "Mark complete and continue" }).click();
  await expect(learnerPage.getByRole("heading", { name: "Why repair first", level: 1 })).toBeVisible();
  const img = learnerPage.locator("img[srcset]").first();
  await expect(img).toBeVisible();
  const src = (await img.getAttribute("src"))!;
  const served = await learnerPage.request.get(src);
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["cache-control"]).toContain("immutable");

  // The owner adds a co-author; both edit the same lesson at once.
  await page.getByLabel("Add a co-author (an instructor’s e-mail)").fill(coauthor.account.email);
  await page.getByRole("button", { name: "Add co-author" }).click();
  await expect(page.getByRole("status")).toContainText("can now edit this course");
  const lessonUrl = `/author/${slug}/files/01-getting-started/02-why-repair-first.mdx`;
  await page.goto(lessonUrl);
  await coauthor.page.goto(lessonUrl);
  await expect(page.locator(".cm-content")).toBeVisible();
  await expect(coauthor.page.locator(".cm-content")).toBeVisible();
  const ownerText = lessonSource("Why repair first", `${body}\nOwner's paragraph on spare parts.`);
  const coauthorText = lessonSource("Why repair first", `${body}\nCo-author's paragraph on repair cafés.`);
  await setEditorText(page, ownerText);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await setEditorText(coauthor.page, coauthorText);
  await coauthor.page.getByRole("button", { name: "Save", exact: true }).click();
  const conflict = coauthor.page.getByRole("alert").filter({ hasText: "while you were editing" });
  await expect(conflict).toContainText(owner.account.name);
  await expect(conflict.locator("pre")).toContainText("Owner's paragraph on spare parts.");
  await expect(coauthor.page.locator(".cm-content")).toContainText("Co-author's paragraph on repair cafés.");
  // Nothing lost: the owner's text is still the draft until the co-author saves again, having seen it.
  const draftBody = () =>
    queryTestDb<{ body: string }>(
      `SELECT d.body FROM "DraftFile" d JOIN "Course" c ON c.id = d.courseId WHERE c.slug = ? AND d.path = ?`,
      slug,
      "01-getting-started/02-why-repair-first.mdx",
    )[0].body;
  expect(draftBody()).toContain("Owner's paragraph");
  await setEditorText(
    coauthor.page,
    lessonSource(
      "Why repair first",
      `${body}\nOwner's paragraph on spare parts.\n\nCo-author's paragraph on repair cafés.`,
    ),
  );
  await coauthor.page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(coauthor.page.getByRole("status")).toHaveText("Saved.");
  expect(draftBody()).toContain("Owner's paragraph");
  expect(draftBody()).toContain("Co-author's paragraph");

  // Version 2 adds a lesson; the learner's progress carries over.
  await page.goto(`/author/${slug}`);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("New lesson in this module").nth(1).fill("Repair cafés");
  await page.getByRole("button", { name: "Add lesson" }).nth(1).click();
  await expect(page.getByRole("link", { name: "2.2 Repair cafés" })).toBeVisible();
  await page.getByLabel("What changed").fill("A lesson on repair cafés");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Version 2 is published", { timeout: 60_000 });
  await page.getByRole("link", { name: "Version history" }).click();
  await page.getByRole("link", { name: "What changed in version 2" }).click();
  await expect(page.getByText("Added lesson: 02-keeping-devices-in-use/02-repair-cafes.mdx")).toBeVisible();
  await expect(page.getByText("Edited lesson: 01-getting-started/02-why-repair-first.mdx")).toBeVisible();

  await learnerPage.goto(`/courses/${slug}`);
  await expect(learnerPage.getByRole("progressbar", { name: "Your progress in this course" })).toHaveAttribute(
    "value",
    "25",
  );
  const stored = queryTestDb<{ completedLessons: number; percent: number }>(
    `SELECT e.completedLessons, e.percent FROM "Enrollment" e JOIN "Course" c ON c.id = e.courseId WHERE c.slug = ?`,
    slug,
  );
  expect(stored).toEqual([{ completedLessons: 1, percent: 25 }]);

  // Insights show the learner.
  await page.goto(`/author/${slug}/insights`);
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await expect(page.getByText(/1 learner/).first()).toBeVisible();
  await expectAccessible(page);
});

test("without JavaScript an instructor edits, previews and saves a lesson with the plain form", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await pageFor(browser);
  await logIn(admin, ADMIN);
  await expect(admin.locator("header summary")).toContainText(ADMIN.name);
  const { page } = await newInstructor(browser, admin, "nojs", { javaScriptEnabled: false });
  await page.goto("/author");
  const slug = `nojs-${Date.now().toString(36)}`;
  await page.getByLabel("Title").fill("Green software basics");
  await page.getByLabel("Address (optional)").fill(slug);
  await page.getByRole("button", { name: "Create course" }).click();
  await page.getByRole("link", { name: "1.1 First lesson" }).click();
  const editor = page.getByLabel("Lesson (MDX)");
  await editor.fill(
    lessonSource(
      "First lesson",
      '<KeyFigure value="62 Mt" label="e-waste in 2022" source="Global E-waste Monitor 2024" />',
    ),
  );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("#file-problems")).toContainText("year is required");
  await editor.fill(
    lessonSource(
      "First lesson",
      '<KeyFigure value="62 Mt" label="e-waste in 2022" source="Global E-waste Monitor 2024" year="2024" />',
    ),
  );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" })).toContainText("62 Mt");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");

  // Course details, without JavaScript: a wrong value answers with its message; a right one is saved.
  await page.goto(`/author/${slug}`);
  await page.getByRole("link", { name: "Course details" }).click();
  await page.getByLabel("Pass mark (%)").fill("40");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByText("The pass mark is at least 50.")).toBeVisible();
  await page.getByLabel("Pass mark (%)").fill("80");
  await page.getByLabel("Summary").fill("Write software that uses less energy and fewer devices.");
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { name: "Green software basics", level: 1 })).toBeVisible();
  const courseMd = queryTestDb<{ body: string }>(
    `SELECT d.body FROM "DraftFile" d JOIN "Course" c ON c.id = d.courseId WHERE c.slug = ? AND d.path = 'course.md'`,
    slug,
  )[0].body;
  expect(courseMd).toContain("passMark: 80");
  expect(courseMd).toContain("summary: Write software that uses less energy and fewer devices.");

  // The quiz form, without JavaScript: add a quiz, write two questions, reorder them, save.
  await page.goto(`/author/${slug}`);
  await page.getByRole("button", { name: "Add a module quiz to Getting started" }).click();
  await page.getByRole("link", { name: "Module quiz" }).click();
  await page
    .getByLabel("Question", { exact: true })
    .fill("Which e-waste figure did the Global E-waste Monitor 2024 report for 2022?");
  await page.getByLabel("Option 1", { exact: true }).fill("62 million tonnes");
  await page.getByLabel("Option 2", { exact: true }).fill("34 million tonnes");
  await page.getByLabel("Option 3", { exact: true }).fill("82 million tonnes");
  await page.getByRole("button", { name: "Add a question" }).click();
  const second = page.getByRole("group", { name: "Question 2" });
  await second.getByLabel("Type").selectOption("truefalse");
  await second.getByLabel("Question", { exact: true }).fill("Recycling sits at the top of the R-ladder.");
  await second.getByLabel("Explanation (why the right answer is right)").fill("Recycling is near the bottom.");
  await page.getByRole("button", { name: "Move up question 2" }).click();
  await expect(page.getByRole("group", { name: "Question 1" }).getByLabel("Question", { exact: true })).toHaveValue(
    "Recycling sits at the top of the R-ladder.",
  );
  await page.getByRole("group", { name: "Question 1" }).getByLabel("The statement is").selectOption("false");
  await page.getByRole("button", { name: "Save quiz" }).click();
  await expect(page.getByRole("status")).toHaveText("Quiz saved.");
  await expect(page.getByRole("region", { name: "As a learner sees it" })).toContainText("62 million tonnes");
  const quizYaml = queryTestDb<{ body: string }>(
    `SELECT d.body FROM "DraftFile" d JOIN "Course" c ON c.id = d.courseId WHERE c.slug = ? AND d.path = ?`,
    slug,
    "01-getting-started/quiz.yml",
  )[0].body;
  expect(quizYaml.indexOf("R-ladder")).toBeLessThan(quizYaml.indexOf("62 million tonnes"));
  expect(quizYaml).toContain("answer: false");

  await page.goto(`/author/${slug}`);
  await page.getByLabel("What changed").fill("First edition");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status")).toContainText("Version 1 is published", { timeout: 60_000 });
});

test("authoring pages answer only to the course's authors and admins", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await pageFor(browser);
  await logIn(admin, ADMIN);
  await expect(admin.locator("header summary")).toContainText(ADMIN.name);
  const owner = await newInstructor(browser, admin, "perm-owner");
  const other = await newInstructor(browser, admin, "perm-other");
  await owner.page.goto("/author");
  const slug = `perm-${Date.now().toString(36)}`;
  await owner.page.getByLabel("Title").fill("Permissions course");
  await owner.page.getByLabel("Address (optional)").fill(slug);
  await owner.page.getByRole("button", { name: "Create course" }).click();
  await expect(owner.page.getByRole("heading", { name: "Permissions course" })).toBeVisible();

  const learner = await pageFor(browser);
  await signUp(learner, newAccount("perm-learner"));
  const anonymous = await pageFor(browser);

  const routes = [
    `/author/${slug}`,
    `/author/${slug}/details`,
    `/author/${slug}/files/course.md`,
    `/author/${slug}/versions`,
    `/author/${slug}/media`,
    `/author/${slug}/insights`,
  ];
  const status = async (p: Page, method: "get" | "post", url: string) =>
    (
      await p.request.fetch(url, {
        method,
        headers: SAME_ORIGIN,
        maxRedirects: 0,
        ...(method === "post" ? { form: { intent: "check" } } : {}),
      })
    ).status();
  for (const url of routes) {
    expect(await status(anonymous, "get", url), `anonymous ${url}`).toBe(302);
    expect(await status(learner, "get", url), `learner ${url}`).toBe(403);
    expect(await status(other.page, "get", url), `other instructor ${url}`).toBe(403);
    expect(await status(owner.page, "get", url), `owner ${url}`).toBe(200);
    expect(await status(admin, "get", url), `admin ${url}`).toBe(200);
  }
  for (const url of [`/author/${slug}`, `/author/${slug}/versions`, `/author/${slug}/export.zip`]) {
    expect(await status(learner, "post", url), `learner POST ${url}`).toBe(403);
    expect(await status(other.page, "post", url), `other instructor POST ${url}`).toBe(403);
  }
  // The course's files download with the button on its page (a POST: each download is recorded).
  await owner.page.goto(`/author/${slug}`);
  const zip = await downloadWith(owner.page, "Export as zip");
  expect(zip.name).toBe(`${slug}.zip`);
  expect([...zip.body.subarray(0, 2)]).toEqual([0x50, 0x4b]); // "PK": a zip archive
  expect(await status(owner.page, "get", `/author/${slug}/export.zip`)).toBe(405);
  // Until it is published, learners cannot find or open the course.
  expect(await status(learner, "get", `/courses/${slug}`)).toBe(404);
  await learner.goto("/courses");
  await expect(learner.getByRole("heading", { name: "Courses", level: 1 })).toBeVisible();
  await expect(learner.getByRole("link", { name: "Permissions course" })).toHaveCount(0);
  expect(await status(learner, "get", "/author")).toBe(403);
  expect(await status(anonymous, "get", "/author")).toBe(302);
  expect(await status(other.page, "get", "/author")).toBe(200);
});
