// Measures page weights as a learner's browser pays them and writes app/footprint/measured.json,
// which the footer and the footprint page read. Against a running production server:
//   tsx scripts/measure-weights.ts http://localhost:3000      (COOKIE_SECURE=false over plain HTTP)
// The benchmark can call measurePageWeights() and writeMeasuredWeights() itself.
import { cpus } from "node:os";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { MeasuredView, MeasuredWeights } from "~/footprint/measured";
import { writeMeasuredWeights } from "~/footprint/measured.server";
import { paths } from "~/paths";

const COURSE = { slug: process.env.MEASURE_COURSE ?? "circular-ict" };

export const METHOD =
  "Chromium, a fresh browser profile for each view (empty cache) unless the view says otherwise; " +
  "bytes on the wire are every response's compressed body and headers (DevTools Protocol " +
  "encodedDataLength), counted until no request has been open for half a second. Lesson views are signed in (the second " +
  "lesson of a course, then “Mark complete and continue”); the other pages are signed out.";

/**
 * Bytes on the wire while `act` runs and until no request has been open for half a second (a page
 * changed in place keeps fetching after its address changes, so the load state is not enough).
 */
async function transferred(page: Page, act: () => Promise<unknown>) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let bytes = 0;
  const open = new Set<string>();
  let lastChange = Date.now();
  cdp.on("Network.requestWillBeSent", (e) => {
    open.add(e.requestId);
    lastChange = Date.now();
  });
  const done = (e: { requestId: string }) => {
    open.delete(e.requestId);
    lastChange = Date.now();
  };
  cdp.on("Network.loadingFinished", (e) => {
    bytes += e.encodedDataLength;
    done(e);
  });
  cdp.on("Network.loadingFailed", done);
  await act();
  const deadline = Date.now() + 15_000;
  while ((open.size || Date.now() - lastChange < 500) && Date.now() < deadline) await page.waitForTimeout(100);
  await cdp.detach();
  return bytes;
}

async function signedOut(browser: Browser, base: string, path: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bytes = await transferred(page, () => page.goto(base + path, { waitUntil: "load" }));
  await context.close();
  return { bytes, path };
}

/** A new learner enrolled in the course who has completed its first lesson; returns the second. */
async function learnerAtSecondLesson(context: BrowserContext, base: string) {
  const post = (path: string) =>
    context.request.post(base + path, { form: {}, headers: { Origin: base }, maxRedirects: 0 });
  const email = `weight-${Date.now().toString(36)}@example.org`;
  await context.request.post(base + paths.signUp(), {
    form: { name: "Weight Learner", email, password: "a-long-weight-passphrase" },
    headers: { Origin: base },
    maxRedirects: 0,
  });
  const first = (await post(paths.course(COURSE))).headers()["location"];
  if (!first) throw new Error(`Enrolling in ${COURSE.slug} did not open a lesson: is COOKIE_SECURE=false set?`);
  const second = (await post(first)).headers()["location"];
  if (!second) throw new Error("Completing the first lesson did not lead to a second one.");
  return second;
}

export async function measurePageWeights(base: string): Promise<MeasuredWeights> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const views: Partial<Record<MeasuredView, { bytes: number; path: string }>> = {};
    const context = await browser.newContext();
    const lesson = await learnerAtSecondLesson(context, base);
    const page = await context.newPage();
    views["lesson-first"] = {
      bytes: await transferred(page, () => page.goto(base + lesson, { waitUntil: "load" })),
      path: lesson,
    };
    const next = page.getByRole("button", { name: /complete and continue/i }).first();
    const nextBytes = await transferred(page, async () => {
      await next.click();
      await page.waitForURL((u) => u.pathname !== lesson, { timeout: 15_000 });
    });
    views["lesson-next"] = { bytes: nextBytes, path: new URL(page.url()).pathname };
    await context.close();

    views.catalogue = await signedOut(browser, base, paths.courses());
    views.course = await signedOut(browser, base, paths.course(COURSE));
    views.home = await signedOut(browser, base, paths.home());
    views.footprint = await signedOut(browser, base, paths.footprint());
    const machine =
      `${cpus().length} × ${cpus()[0]?.model.trim() ?? "CPU"}, Chromium ${browser.version()}, Node ${process.version}; ` +
      "production build on SQLite, server and browser on the same machine (no network delay).";
    return { measuredAt: new Date().toISOString().slice(0, 10), method: METHOD, machine, views };
  } finally {
    await browser.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2] ?? "http://localhost:3000";
  const weights = await measurePageWeights(base);
  for (const [view, w] of Object.entries(weights.views)) {
    console.log(`${view.padEnd(18)} ${(w.bytes / 1024).toFixed(1).padStart(7)} KiB  ${w.path}`);
  }
  writeMeasuredWeights(weights);
  console.log("Wrote app/footprint/measured.json.");
}
