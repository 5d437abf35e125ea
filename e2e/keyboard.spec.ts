// A learner who uses only the keyboard: signs up (meeting a form error first), enrols, completes
// lessons, uses a calculator in a lesson, takes the quizzes and opens the certificate. No mouse: the
// test presses Tab, Shift+Tab, Enter, Space, the arrow keys and Escape, and types into the focused
// field; page.goto stands for typing an address. At every stop the focused control shows a visible
// focus indicator inside the window, and every navigation puts the focus on the new main content.
import type { Page } from "@playwright/test";
import { expect, hydrated, newAccount, test } from "./fixtures";
import { readQuiz } from "./quiz";

const SHORT = "green-digital-action-essentials";
const CALCULATOR_LESSON = "/courses/circular-ict/lifetime-extension-and-repair/estimating-lifetime-savings";

type Focused = {
  tag: string;
  type: string;
  name: string;
  text: string;
  label: string;
  legend: string;
  checked: boolean;
  indicator: boolean;
  inViewport: boolean;
};

/** What has the focus: its kind, name, label, and whether a focus indicator shows inside the window. */
const focused = (page: Page) =>
  page.evaluate((): Focused | null => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const input = el as HTMLInputElement;
    const shows = (e: Element) => {
      const s = getComputedStyle(e);
      return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
    };
    // A quiz option draws the ring around the whole label that holds the control.
    const ringed = el.closest(".quiz-option");
    const r = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      type: input.type ?? "",
      name: input.name ?? "",
      text: (el.textContent ?? "").replace(/\s+/g, " ").trim(),
      label: (input.labels?.[0]?.textContent ?? el.getAttribute("aria-label") ?? "").replace(/\s+/g, " ").trim(),
      legend: (el.closest("fieldset")?.textContent ?? "").replace(/\s+/g, " ").trim(),
      checked: Boolean(input.checked),
      indicator: shows(el) || (ringed !== null && shows(ringed)),
      inViewport: r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
    };
  });

/** Checks the focus shows: an outline or a ring, on screen. */
async function expectVisibleFocus(page: Page) {
  const f = await focused(page);
  expect(f, "something has the focus").not.toBeNull();
  expect(f!.indicator, `focus indicator on <${f!.tag}> ${f!.text || f!.label}`).toBe(true);
  expect(f!.inViewport, `<${f!.tag}> ${f!.text || f!.label} is in the window`).toBe(true);
  return f!;
}

/** Presses Tab (or Shift+Tab) until the focused control matches, checking the focus shows at every stop. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, back = false) {
  await hydrated(page);
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const f = await focused(page);
    if (!f) continue; // past the last control, the browser's own interface
    await expectVisibleFocus(page);
    if (matches(f)) return f;
  }
  throw new Error(`Tab never reached ${what} on ${page.url()}`);
}
const named = (text: string | RegExp) => (f: Focused) =>
  typeof text === "string" ? f.text === text || f.label === text : text.test(f.text) || text.test(f.label);

/** After a navigation, the focus is on the main content. */
async function expectFocusOnMain(page: Page) {
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
}

/** Answers the open quiz rightly with the keyboard alone: arrows in radio groups, Space on checkboxes. */
async function answerByKeyboard(page: Page, courseSlug: string, quizKey: string) {
  const quiz = readQuiz(courseSlug, quizKey);
  const rightFor = (legend: string) => {
    const q = quiz.questions.find((x) =>
      legend.includes(x.prompt.replace(/\s*\(?(select|choose|tick|check) all that apply\.?\)?\s*$/i, "").trim()),
    );
    if (!q) throw new Error(`No question for "${legend}"`);
    return q.type === "truefalse"
      ? [q.answer ? "True" : "False"]
      : q.options!.filter((o) => o.correct).map((o) => o.text);
  };
  const done = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const f = await tabTo(
      page,
      (x) => x.type === "radio" || x.type === "checkbox" || x.text === "Submit answers",
      "a question",
    );
    if (f.text === "Submit answers") break;
    const right = rightFor(f.legend);
    if (f.type === "checkbox") {
      if (right.some((t) => f.label.startsWith(t)) !== f.checked) await page.keyboard.press("Space");
      continue;
    }
    if (done.has(f.name)) continue;
    // In a radio group the arrow keys move and choose; stop on the right answer.
    let g = f;
    for (let n = 0; n < 10 && !(g.checked && right.some((t) => g.label.startsWith(t))); n++) {
      await page.keyboard.press(n === 0 && !g.checked ? "Space" : "ArrowDown");
      g = (await focused(page))!;
    }
    expect(
      right.some((t) => g.label.startsWith(t)),
      g.legend,
    ).toBe(true);
    done.add(f.name);
  }
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/attempts\//);
  await expectFocusOnMain(page);
  await expect(page.getByText("Passed").first()).toBeVisible();
}

/** Marks the open lesson complete with the keyboard; returns where that led. */
async function completeLesson(page: Page) {
  const from = page.url();
  await tabTo(page, named(/^Mark complete and/), "Mark complete");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.href !== from);
  await expectFocusOnMain(page);
}

test("a keyboard-only learner signs up, enrols, learns, calculates, passes the quizzes and opens the certificate", async ({
  page,
}) => {
  test.setTimeout(300_000);
  const account = newAccount("keyboard");

  // Sign-up with a wrong e-mail address and a short password: the errors are announced, tied to
  // their fields, and the focus goes to the first field in error.
  await page.goto("/signup");
  await tabTo(page, named("Full name"), "Full name");
  await page.keyboard.type(account.name);
  await tabTo(page, named("E-mail"), "E-mail");
  await page.keyboard.type("not-an-address");
  await tabTo(page, named("Password"), "Password");
  await page.keyboard.type("short");
  await page.keyboard.press("Enter");
  const email = page.getByLabel("E-mail");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
  await expectVisibleFocus(page);
  const describedBy = (await email.getAttribute("aria-describedby"))!.split(/\s+/);
  const error = page.locator(`[id="${describedBy.find((id) => id.endsWith("-error"))}"]`);
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).not.toBeEmpty();
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  // Corrected, with the keyboard only.
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(account.email);
  await tabTo(page, named("Password"), "Password");
  await page.keyboard.type(account.password);
  await page.keyboard.press("Enter");
  await expect(page.locator("header summary")).toContainText(account.name);
  await expectFocusOnMain(page);

  // The account menu opens with Enter and closes with Escape, giving the focus back.
  await tabTo(page, (f) => f.tag === "summary", "the account menu", true);
  await page.keyboard.press("Enter");
  await expect(page.locator("header details")).toHaveAttribute("open", "");
  await tabTo(page, named("Account"), "Account");
  await page.keyboard.press("Escape");
  await expect(page.locator("header details")).not.toHaveAttribute("open", "");
  expect((await expectVisibleFocus(page)).tag).toBe("summary");

  // Enrol, then the two lessons of module 1 and its quiz.
  await page.goto(`/courses/${SHORT}`);
  await tabTo(page, named("Enrol for free"), "Enrol for free");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname !== `/courses/${SHORT}`);
  await expectFocusOnMain(page);
  await completeLesson(page);
  await completeLesson(page);
  expect(new URL(page.url()).pathname).toBe(`/courses/${SHORT}/quiz/why-it-matters`);
  await tabTo(page, named("Start the quiz"), "Start the quiz");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Submit answers" })).toBeVisible();
  await expectFocusOnMain(page);
  await answerByKeyboard(page, SHORT, "why-it-matters");

  // Module 2 and the final assessment.
  await tabTo(page, named(/^Continue with module 2/), "Continue with module 2");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.pathname.includes("/attempts/"));
  await expectFocusOnMain(page);
  await completeLesson(page);
  await completeLesson(page);
  await tabTo(page, named("Start the quiz"), "Start the quiz");
  await page.keyboard.press("Enter");
  await expectFocusOnMain(page);
  await answerByKeyboard(page, SHORT, "acting-on-it");
  await tabTo(page, named("Go to the final assessment"), "Go to the final assessment");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/quiz\/final$/);
  await expectFocusOnMain(page);
  await tabTo(page, named("Start the quiz"), "Start the quiz");
  await page.keyboard.press("Enter");
  await expectFocusOnMain(page);
  await answerByKeyboard(page, SHORT, "final");

  // The certificate.
  await tabTo(page, named("See your certificate"), "See your certificate");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/certificates\//);
  await expectFocusOnMain(page);
  await expect(page.locator("main code").first()).toHaveText(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);

  // A calculator in a lesson of another course: a new value, Enter, a new result.
  await page.goto("/courses/circular-ict");
  await tabTo(page, named("Enrol for free"), "Enrol for free");
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname !== "/courses/circular-ict");
  await page.goto(CALCULATOR_LESSON);
  const result = page.locator("#device-calculator [role=status]");
  const before = await result.textContent();
  await tabTo(page, (f) => f.name === "dev_years", "the calculator's years");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("5");
  await page.keyboard.press("Enter");
  await page.waitForURL(/dev_years=5/);
  await expect(result).not.toHaveText(before!);

  // No trap: from the last control Tab leaves the page's controls, and comes back round to the start.
  let left = false;
  for (let i = 0; i < 300 && !left; i++) {
    await page.keyboard.press("Tab");
    left = (await focused(page)) === null;
  }
  expect(left, "Tab reaches past the last control").toBe(true);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
});
