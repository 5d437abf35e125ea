// Page weight as a learner on a slow or metered link pays it: the bytes on the wire (compressed,
// headers included) that Chromium reports for every response (CDP Network.loadingFinished's
// encodedDataLength), for a signed-in learner's lesson page:
//   - firstVisit: the lesson with an empty cache;
//   - nextLesson: "Mark complete and continue" to the next lesson, with the cache warm;
//   - dataSaver: the first visit again, empty cache, with the browser sending `Save-Data: on`.
// `npm run bench` imports measurePageWeights; `tsx scripts/lib/page-weight.ts URL` prints a table.
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";

export const RESOURCE_KINDS = ["document", "script", "stylesheet", "font", "image", "other"] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export type Weight = {
  /** Bytes on the wire, all responses together. */
  total: number;
  /** Bytes on the wire per kind of resource. */
  byType: Record<ResourceKind, number>;
  /** Responses per kind of resource (those answered from the cache count, with their 0 bytes). */
  requests: Record<ResourceKind, number>;
};

export type PageWeights = { lesson: string; firstVisit: Weight; nextLesson: Weight; dataSaver: Weight };

export type MeasureOptions = {
  /** The course whose second lesson is weighed. */
  course?: string;
  /** Chromium to run: CHROMIUM_PATH, else /usr/bin/chromium. */
  executablePath?: string;
};

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];
const NEXT_BUTTON = /mark complete and continue|complete and continue|next/i;

/** The kind of a CDP resource type (Document, Script, Stylesheet, Font, Image; Fetch, XHR, … are other). */
export function kindOf(cdpType: string | undefined): ResourceKind {
  const kind = (cdpType ?? "").toLowerCase();
  return (RESOURCE_KINDS as readonly string[]).includes(kind) ? (kind as ResourceKind) : "other";
}

const emptyWeight = (): Weight => ({
  total: 0,
  byType: Object.fromEntries(RESOURCE_KINDS.map((k) => [k, 0])) as Record<ResourceKind, number>,
  requests: Object.fromEntries(RESOURCE_KINDS.map((k) => [k, 0])) as Record<ResourceKind, number>,
});

/** How long the network must stay quiet (no request in flight) before a measurement ends. */
const QUIET_MS = 1_500;
const QUIET_TIMEOUT_MS = 15_000;

/**
 * Counts the bytes of every response `page` receives, through one CDP session. `take()` first
 * waits until the network has been quiet for QUIET_MS (responses still streaming, data requests
 * after a client-side navigation, route discovery), then returns what arrived since the previous
 * `take()` (or since the meter started) and starts counting afresh. A response's weight is its
 * `loadingFinished.encodedDataLength`; a response the page stopped reading before its end (aborted,
 * or never finished) counts with the bytes received so far (headers and data chunks).
 */
export async function meter(page: Page): Promise<{ take: () => Promise<Weight>; close: () => Promise<void> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  /** Requests not finished yet: their type once known, and the bytes received so far. */
  const open = new Map<string, { type?: string; bytes: number; answered: boolean }>();
  let weight = emptyWeight();
  let lastActivity = Date.now();
  const add = (type: string | undefined, bytes: number) => {
    const kind = kindOf(type);
    weight.total += bytes;
    weight.byType[kind] += bytes;
    weight.requests[kind] += 1;
  };
  const touch = () => (lastActivity = Date.now());
  cdp.on("Network.requestWillBeSent", (e) => {
    open.set(e.requestId, { bytes: 0, answered: false });
    touch();
  });
  cdp.on("Network.responseReceived", (e) => {
    const request = open.get(e.requestId);
    if (request) Object.assign(request, { type: e.type, bytes: e.response.encodedDataLength, answered: true });
    touch();
  });
  cdp.on("Network.dataReceived", (e) => {
    const request = open.get(e.requestId);
    if (request) request.bytes += e.encodedDataLength;
    touch();
  });
  cdp.on("Network.loadingFinished", (e) => {
    add(open.get(e.requestId)?.type, e.encodedDataLength);
    open.delete(e.requestId);
    touch();
  });
  cdp.on("Network.loadingFailed", (e) => {
    // E.g. a form's data request, which the page stops reading once it has the redirect: its bytes came.
    const request = open.get(e.requestId);
    if (request?.answered) add(request.type, request.bytes);
    open.delete(e.requestId);
    touch();
  });
  return {
    take: async () => {
      await page.waitForLoadState("networkidle");
      const deadline = Date.now() + QUIET_TIMEOUT_MS;
      const waiting = () => [...open.values()].some((r) => !r.answered);
      while ((waiting() || Date.now() - lastActivity < QUIET_MS) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      for (const [id, request] of open) {
        if (!request.answered) continue;
        add(request.type, request.bytes);
        open.delete(id);
      }
      const taken = weight;
      weight = emptyWeight();
      return taken;
    },
    close: () => cdp.detach(),
  };
}

/** Starts counting the bytes `page` receives; `stop()` returns them once the network is quiet. */
export async function weigh(page: Page): Promise<{ stop: () => Promise<Weight> }> {
  const m = await meter(page);
  return {
    stop: async () => {
      const weight = await m.take();
      await m.close();
      return weight;
    },
  };
}

/** Signs a new learner up, enrols them and completes the first lesson; returns the second lesson's path. */
async function newLearnerOnSecondLesson(context: BrowserContext, base: string, course: string): Promise<string> {
  const post = async (path: string, form: Record<string, string> = {}) => {
    const response = await context.request.post(base + path, { form, headers: { Origin: base }, maxRedirects: 0 });
    const location = response.headers()["location"];
    if (response.status() >= 400 || !location)
      throw new Error(`POST ${path} answered ${response.status()} without a redirect`);
    return new URL(location, base).pathname;
  };
  const email = `weight-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await post("/signup", { name: "Weight Learner", email, password: "a-long-weight-passphrase" });
  const first = await post(`/courses/${course}`);
  return post(first);
}

/** Weighs a signed-in learner's lesson page: first visit, next lesson, and first visit with Save-Data. */
export async function measurePageWeights(baseUrl: string, options: MeasureOptions = {}): Promise<PageWeights> {
  const base = baseUrl.replace(/\/+$/, "");
  const browser: Browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext();
    const lesson = await newLearnerOnSecondLesson(context, base, options.course ?? "circular-ict");
    const page = await context.newPage();

    const bytes = await meter(page);
    await page.goto(base + lesson, { waitUntil: "networkidle" });
    // Hydrated (Remix's router is up) before moving on, as a learner who reads first would be.
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
    const firstVisit = await bytes.take();

    const before = page.url();
    await page.getByRole("button", { name: NEXT_BUTTON }).first().click();
    await page.waitForURL((u) => u.href !== before, { timeout: 15_000 });
    const nextLesson = await bytes.take();
    await bytes.close();

    // The same learner on another device whose browser asks to save data: a fresh, empty cache.
    const saver = await browser.newContext({
      storageState: await context.storageState(),
      extraHTTPHeaders: { "Save-Data": "on" },
    });
    const saverPage = await saver.newPage();
    const saving = await weigh(saverPage);
    await saverPage.goto(base + lesson, { waitUntil: "networkidle" });
    const dataSaver = await saving.stop();

    return { lesson, firstVisit, nextLesson, dataSaver };
  } finally {
    await browser.close();
  }
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** A plain-text table of the weights in KiB, one row per measurement. */
export function formatPageWeights(weights: Omit<PageWeights, "lesson">): string {
  const rows: [string, Weight][] = [
    ["first visit", weights.firstVisit],
    ["next lesson", weights.nextLesson],
    ["data saver", weights.dataSaver],
  ];
  const header = ["KiB on the wire", "total", ...RESOURCE_KINDS];
  const lines = [
    header,
    ...rows.map(([name, w]) => [name, kib(w.total), ...RESOURCE_KINDS.map((k) => kib(w.byType[k]))]),
  ];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  return lines
    .map((l) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  "))
    .join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const base = process.argv[2];
  if (!base) {
    console.error("Usage: tsx scripts/lib/page-weight.ts BASE_URL   (e.g. http://127.0.0.1:3000)");
    process.exit(2);
  }
  const weights = await measurePageWeights(base);
  console.log(`Lesson ${weights.lesson}, signed-in learner\n`);
  console.log(formatPageWeights(weights));
}
