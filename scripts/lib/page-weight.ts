// Page weight as a visitor on a slow or metered link pays it: the bytes on the wire (compressed,
// headers included) that Chromium reports for every response (CDP Network.loadingFinished's
// encodedDataLength). The one place page weights are measured, for every view the footprint figures
// (app/footprint/measured.json) name:
//   - a signed-in learner's lesson page (the second lesson of a course):
//     - firstVisit ("lesson-first"): the lesson with an empty cache;
//     - nextLesson ("lesson-next"): "Mark complete and continue" to the next lesson, cache warm;
//     - dataSaver ("lesson-data-saver"): the first visit again, empty cache, `Save-Data: on`;
//   - signed out, each in a fresh browser context (empty cache): the catalogue, the course's page,
//     the home page and the footprint page.
// `npm run bench` imports measurePageWeights (the lesson views); scripts/measure-weights.ts imports
// measureFootprintViews (every view) and writes measured.json; `tsx scripts/lib/page-weight.ts URL`
// prints a table of every view.
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import type { MeasuredView } from "~/footprint/measured";
import { paths } from "~/paths";

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

/** One view's weight and the address it was measured at. */
export type ViewWeight = Weight & { path: string };

/** A signed-in learner's lesson views. */
export type PageWeights = { firstVisit: ViewWeight; nextLesson: ViewWeight; dataSaver: ViewWeight };

/** The pages weighed signed out, each on a first visit with an empty cache. */
export const SIGNED_OUT_VIEWS = ["catalogue", "course", "home", "footprint"] as const satisfies readonly MeasuredView[];
export type SignedOutView = (typeof SIGNED_OUT_VIEWS)[number];
export type SignedOutWeights = Record<SignedOutView, ViewWeight>;

/** Every view of the footprint figures, and the Chromium that measured them. */
export type FootprintViews = { chromium: string; views: Record<MeasuredView, ViewWeight> };

export type MeasureOptions = {
  /** The course whose second lesson (and, signed out, whose page) is weighed: circular-ict. */
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

/** What `meter()` returns. */
export type Meter = { take: () => Promise<Weight>; close: () => Promise<void> };

/**
 * Counts the bytes of every response `page` receives, through one CDP session. `take()` first
 * waits until the network has been quiet for QUIET_MS (responses still streaming, data requests
 * after a client-side navigation, route discovery), then returns what arrived since the previous
 * `take()` (or since the meter started) and starts counting afresh. A response's weight is its
 * `loadingFinished.encodedDataLength`; a response the page stopped reading before its end (aborted,
 * or never finished) counts with the bytes received so far (headers and data chunks).
 */
export async function meter(page: Page): Promise<Meter> {
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

/** How the views are measured, in words, for measured.json (the footprint page quotes it). */
export const MEASUREMENT_METHOD =
  "Chromium; bytes on the wire are every response's compressed body and headers (DevTools Protocol " +
  "encodedDataLength), counted from the navigation (or the click) until the page has loaded (and, when " +
  "it has scripts, hydrated), no request awaits its answer and the network has been quiet for " +
  `${QUIET_MS / 1000} seconds. Lesson views are a signed-in learner's: the second lesson of a course on ` +
  "a first visit (empty cache), then “Mark complete and continue” to the next lesson in the same tab " +
  "(cache warm, page changed in place), then the second lesson again in a new browser context (empty " +
  "cache) sending Save-Data: on. The catalogue, course, home and footprint pages are signed out, each " +
  "in a new browser context (empty cache).";

const DEFAULT_COURSE = "circular-ict";

/** Signs a new learner up, enrols them and completes the first lesson; returns the second lesson's path. */
async function newLearnerOnSecondLesson(context: BrowserContext, base: string, course: string): Promise<string> {
  const post = async (path: string, form: Record<string, string> = {}) => {
    const response = await context.request.post(base + path, { form, headers: { Origin: base }, maxRedirects: 0 });
    const location = response.headers()["location"];
    if (response.status() >= 400 || !location)
      throw new Error(
        `POST ${path} answered ${response.status()} without a redirect (over plain HTTP the server needs COOKIE_SECURE=false)`,
      );
    return new URL(location, base).pathname;
  };
  const email = `weight-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await post(paths.signUp(), { name: "Weight Learner", email, password: "a-long-weight-passphrase" });
  const first = await post(paths.course({ slug: course }));
  return post(first);
}

/**
 * Opens `path` in `page` and returns what `bytes` counted: until the page has loaded, Remix has
 * hydrated it when it has scripts (a visitor who reads first gets that far), and the network is quiet.
 */
async function visit(page: Page, bytes: Meter, base: string, path: string): Promise<ViewWeight> {
  await page.goto(base + path, { waitUntil: "networkidle" });
  if (await page.locator("script[type=module]").count())
    await page.waitForFunction(() => "__remixRouter" in window, undefined, { timeout: 15_000 });
  return { ...(await bytes.take()), path: new URL(page.url()).pathname };
}

/** The signed-in learner's lesson views (see the top of this file). */
async function lessonViews(browser: Browser, base: string, course: string): Promise<PageWeights> {
  const context = await browser.newContext();
  try {
    const lesson = await newLearnerOnSecondLesson(context, base, course);
    const page = await context.newPage();
    const bytes = await meter(page);
    const firstVisit = await visit(page, bytes, base, lesson);

    await page.getByRole("button", { name: NEXT_BUTTON }).first().click();
    await page.waitForURL((u) => u.pathname !== lesson, { timeout: 15_000 });
    const nextLesson: ViewWeight = { ...(await bytes.take()), path: new URL(page.url()).pathname };
    await bytes.close();

    // The same learner on another device whose browser asks to save data: a fresh, empty cache.
    const saver = await browser.newContext({
      storageState: await context.storageState(),
      extraHTTPHeaders: { "Save-Data": "on" },
    });
    try {
      const saverPage = await saver.newPage();
      const saving = await meter(saverPage);
      const dataSaver = await visit(saverPage, saving, base, lesson);
      await saving.close();
      return { firstVisit, nextLesson, dataSaver };
    } finally {
      await saver.close();
    }
  } finally {
    await context.close();
  }
}

/** The address of each signed-out view. */
export function signedOutPath(view: SignedOutView, course = DEFAULT_COURSE): string {
  switch (view) {
    case "catalogue":
      return paths.courses();
    case "course":
      return paths.course({ slug: course });
    case "home":
      return paths.home();
    case "footprint":
      return paths.footprint();
  }
}

/** The signed-out views, each a first visit in its own new context (empty cache, no cookies). */
async function signedOutViews(browser: Browser, base: string, course: string): Promise<SignedOutWeights> {
  const weights: Partial<SignedOutWeights> = {};
  for (const view of SIGNED_OUT_VIEWS) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const bytes = await meter(page);
      weights[view] = await visit(page, bytes, base, signedOutPath(view, course));
      await bytes.close();
    } finally {
      await context.close();
    }
  }
  return weights as SignedOutWeights;
}

async function withChromium<T>(options: MeasureOptions, measure: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    return await measure(browser);
  } finally {
    await browser.close();
  }
}

const baseOf = (baseUrl: string) => baseUrl.replace(/\/+$/, "");

/** Weighs a signed-in learner's lesson page: first visit, next lesson, and first visit with Save-Data. */
export function measurePageWeights(baseUrl: string, options: MeasureOptions = {}): Promise<PageWeights> {
  return withChromium(options, (browser) => lessonViews(browser, baseOf(baseUrl), options.course ?? DEFAULT_COURSE));
}

/** Weighs every view of the footprint figures (app/footprint/measured.ts), in one Chromium. */
export function measureFootprintViews(baseUrl: string, options: MeasureOptions = {}): Promise<FootprintViews> {
  const base = baseOf(baseUrl);
  const course = options.course ?? DEFAULT_COURSE;
  return withChromium(options, async (browser) => {
    const lesson = await lessonViews(browser, base, course);
    const signedOut = await signedOutViews(browser, base, course);
    const views: Record<MeasuredView, ViewWeight> = {
      "lesson-first": lesson.firstVisit,
      "lesson-next": lesson.nextLesson,
      "lesson-data-saver": lesson.dataSaver,
      ...signedOut,
    };
    return { chromium: browser.version(), views };
  });
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);

/** A plain-text table of weights in KiB, one row per view: its name, total and bytes per kind. */
export function formatWeights(rows: [string, Weight][]): string {
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
  const { chromium: version, views } = await measureFootprintViews(base);
  console.log(`Chromium ${version}\n`);
  console.log(formatWeights(Object.entries(views).map(([view, w]) => [`${view} ${w.path}`, w])));
}
