import AxeBuilder from "@axe-core/playwright";
import { expect, signUp, test } from "./fixtures";

const COURSE = "green-digital-skills";

test.describe("exercises without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a learner compares two hosting options and calculates an SCI score; the server explains each result", async ({
    page,
  }) => {
    await signUp(page);
    await page.goto(`/courses/${COURSE}`);
    await page.getByRole("button", { name: "Enrol for free" }).click();
    // Enrolled once the first lesson has opened (leaving earlier would cancel the enrolment).
    await page.waitForURL(new RegExp(`/courses/${COURSE}/[^/]+/[^/]+$`));

    await page.goto(`/courses/${COURSE}/devices-and-cloud/exercise-choose-a-cloud-region`);
    const hosting = page.locator("#hosting-tradeoff");
    await expect(hosting.getByRole("status")).toContainText("Option B emits");
    // Make option B's grid dirtier than A's: now A wins, and the page says why.
    await hosting
      .getByRole("group", { name: /^Option B/ })
      .getByLabel(/Grid carbon intensity/)
      .fill("900");
    await hosting.getByRole("button", { name: "Compare" }).click();
    await expect(page).toHaveURL(/host_b_grid=900/);
    await expect(hosting.getByRole("status")).toContainText("Option A emits");
    await expect(hosting.getByRole("status")).toContainText("What to do next");
    await expect(hosting.getByRole("group", { name: /^Option B/ }).getByLabel(/Grid carbon intensity/)).toHaveValue(
      "900",
    );

    await page.goto(`/courses/${COURSE}/measuring-software-carbon/exercise-calculate-an-sci-score`);
    const sci = page.locator("#sci-calculator");
    await sci.getByLabel(/^E: energy used/).fill("0");
    await sci.getByLabel(/^R: functional units/).fill("1");
    await sci.getByRole("button", { name: "Calculate SCI" }).click();
    await expect(sci.getByRole("status")).toContainText("SCI = 28.5 g CO2e per API call");
    await expect(sci.getByRole("status")).toContainText("hardware efficiency");
  });
});

test("an exercise and its explained result pass the WCAG checks", async ({ page }) => {
  await signUp(page);
  await page.goto(`/courses/${COURSE}`);
  await page.getByRole("button", { name: "Enrol for free" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/courses/${COURSE}$`)); // enrolled: the first lesson opens
  await page.goto(
    `/courses/${COURSE}/devices-and-cloud/exercise-choose-a-cloud-region?host_b_grid=900#hosting-tradeoff`,
  );
  await expect(page.locator("#hosting-tradeoff").getByRole("status")).toContainText("Option A emits");
  const axe = await new AxeBuilder({ page })
    .include("#hosting-tradeoff")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
