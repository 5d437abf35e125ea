// `npm run bench`: the academy's performance figures on SQLite and on PostgreSQL, against a static
// baseline. For each database it starts the production server as `npm start` does (one worker per
// core), seeds the 10,000-learner cohort, load-tests the pages and actions that matter most with
// 32 connections, checks that no write was lost or doubled, times the cohort dashboard and its
// downloads one request at a time, and (on SQLite) measures page weights in Chromium. Figures,
// never pass/fail. Everything it starts is stopped at the end, on errors and on Ctrl-C.
//
// BENCH_DB=sqlite|postgres|both (both), BENCH_SECONDS (10 per run), BENCH_WARM_SECONDS (10 of load,
// not counted, before each page's run), COHORT_SIZE (10,000), BENCH_BUILD=1 (rebuild first),
// BENCH_ONLY=cohort (the cohort timings only), BENCH_PROFILE=<folder> (CPU profiles of the
// server's processes). The footprint footer's figures (measured.json) are written by
// scripts/measure-weights.ts, with the same page-weight module, not by the benchmark.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "~/db/db.server";
import { paths } from "~/paths";
import {
  checkCompletions,
  cohortLearners,
  completionPairs,
  openDb,
  pendingMessages,
  someCertificateId,
  startedAttempts,
  submittedCount,
  writesSettled,
  type Pair,
} from "./lib/bench-data";
import {
  CONNECTIONS,
  freePort,
  load,
  startAppServer,
  staticBaseline,
  type AppServer,
  type Figures,
} from "./lib/bench-load";
import { measurePageWeights, RESOURCE_KINDS, type PageWeights } from "./lib/page-weight";
import { postgresMissing, startPostgres } from "./lib/postgres";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Seconds of load, not counted, before each page's run (BENCH_WARM_SECONDS). */
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 10);
const COURSE = process.env.BENCH_COURSE ?? "circular-ict";
const COHORT_SIZE = Number(process.env.COHORT_SIZE ?? 10_000);
/** Seeded learners signed in for the write runs (mark complete, quiz submissions). */
const WRITERS = Number(process.env.BENCH_WRITERS ?? 600);
const ONLY_COHORT = process.env.BENCH_ONLY === "cohort";
const DATABASES = ({ sqlite: ["sqlite"], postgres: ["postgres"], both: ["sqlite", "postgres"] } as const)[
  (process.env.BENCH_DB ?? "both") as "both"
] ?? ["sqlite", "postgres"];

type Kind = "sqlite" | "postgres";
const NAME: Record<Kind, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

// ---------------------------------------------------------------------------------------------
// Cleanup: everything started registers how to stop it; it all stops at the end, on an error and
// on Ctrl-C.

const stops: { name: string; stop: () => unknown }[] = [];
function started(name: string, stop: () => unknown) {
  const entry = { name, stop };
  stops.push(entry);
  return async () => {
    stops.splice(stops.indexOf(entry), 1);
    await stop();
  };
}
async function stopAll() {
  while (stops.length) {
    const { name, stop } = stops.pop()!;
    try {
      await stop();
    } catch (e) {
      console.error(`Could not stop ${name}: ${(e as Error).message}`);
    }
  }
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping everything the benchmark started…`);
    void stopAll().then(() => process.exit(130));
  });

// ---------------------------------------------------------------------------------------------
// Printing

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const whole = (n: number) => Math.round(n).toLocaleString("en");

type Run = Figures & { title: string; note?: string };

function print(run: Run) {
  console.log(
    `  ${run.title.padEnd(34)} ${run.rps.toFixed(0).padStart(6)} req/s   p50 ${String(run.p50).padStart(4)} ms   p99 ${String(
      run.p99,
    ).padStart(
      4,
    )} ms   ${kib(run.bytes).padStart(9)}/response   not 2xx/3xx: ${run.failed}${run.failures ? ` (${run.failures})` : ""}${run.note ? `   ${run.note}` : ""}`,
  );
}

function table(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  // Columns of figures are right-aligned; a column with any sentence in it is left-aligned.
  const right = widths.map((_, i) => i > 0 && rows.slice(1).every((r) => r[i]!.length <= 16));
  const line = (r: string[]) =>
    `| ${r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  console.log(line(rows[0]!));
  console.log(`| ${widths.map((w, i) => (right[i] ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`);
  for (const r of rows.slice(1)) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------
// HTTP as a visitor

const form = (base: string, fields: Record<string, string>, cookie?: string): RequestInit => ({
  method: "POST",
  redirect: "manual",
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    Origin: base,
    ...(cookie ? { Cookie: cookie } : {}),
  },
  body: new URLSearchParams(fields),
});
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;

/** The redirect a form post answers with; anything else is an error worth reading. */
async function redirected(response: Response, what: string) {
  const location = response.headers.get("location");
  if (response.status < 300 || response.status >= 400 || !location)
    throw new Error(`${what}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  return location;
}

/** A new learner, signed up, enrolled in COURSE, on its second lesson (one only the enrolled may see). */
async function signedInLearner(base: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      const signup = await fetch(
        `${base}/signup`,
        form(base, { name: "Bench Learner", email: `bench-${Date.now()}@example.org`, password: "benchmark password" }),
      );
      await redirected(signup, "Signing up");
      const cookie = cookieOf(signup);
      const first = await redirected(await fetch(`${base}/courses/${COURSE}`, form(base, {}, cookie)), "Enrolling");
      const lesson = await redirected(await fetch(`${base}${first}`, form(base, {}, cookie)), "Completing lesson 1");
      return { cookie, lesson };
    } catch (e) {
      // A busy machine can make a first write wait too long: try again.
      if (attempt === 5) throw e;
      console.error(`${(e as Error).message.slice(0, 40)}…: trying again in 5 s`);
      await new Promise((r) => setTimeout(r, 5000));
    }
  }
}

async function logIn(base: string, email: string, password: string) {
  const response = await fetch(`${base}/login`, form(base, { email, password }));
  if (response.status >= 400) throw new Error(`Logging in as ${email}: ${response.status}`);
  return cookieOf(response);
}

// ---------------------------------------------------------------------------------------------
// The lesson page while an author previews (SQLite): the editor's live preview compiles lessons in
// a separate low-priority process; this shows what it costs the learners.

async function authorPreviewing(base: string, stop: { done: boolean }, atLeast = 0) {
  const cookie = await logIn(base, "admin@example.org", "admin-demo-2026");
  const path = "01-the-e-waste-challenge/01-sixty-two-million-tonnes.mdx";
  const source = readFileSync(join("content/courses/01-circular-ict", path), "utf8");
  let previews = 0;
  while (!stop.done || previews < atLeast) {
    // As the editor's fetcher asks: the action's data only (Remix's single fetch), not the whole page.
    const response = await fetch(`${base}/author/circular-ict/files/${path}.data`, {
      ...form(base, { intent: "preview", revision: "0", body: `${source}\nPreview number ${previews}.\n` }, cookie),
      redirect: "follow",
    });
    if (!response.ok) throw new Error(`preview: ${response.status}`);
    await response.arrayBuffer();
    previews++;
    if (stop.done && previews >= atLeast) break;
    // The editor asks for a preview 800 ms after the author stops typing: as often as a person can.
    await new Promise((r) => setTimeout(r, 800));
  }
  return previews;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Alternating rounds (lesson alone, lesson while previewing), so drift does not count as the previews' cost. */
async function lessonWhileAuthorPreviews(base: string, lesson: string, cookie: string, rounds = 3) {
  const alone: Figures[] = [];
  const together: Figures[] = [];
  let previews = 0;
  let previewSeconds = 0;
  const seconds = Math.max(3, Math.round(SECONDS / 2));
  // The author opens the editor first: its first preview starts the lesson compiler.
  await authorPreviewing(base, { done: true }, 1);
  for (let round = 0; round < rounds; round++) {
    alone.push(await load({ url: `${base}${lesson}`, headers: { cookie }, seconds }));
    const stop = { done: false };
    const author = authorPreviewing(base, stop);
    const began = Date.now();
    together.push(await load({ url: `${base}${lesson}`, headers: { cookie }, seconds }));
    stop.done = true;
    previews += await author;
    previewSeconds += (Date.now() - began) / 1000;
  }
  const summary = (runs: Figures[], title: string): Run => ({
    title,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    bytes: median(runs.map((r) => r.bytes)),
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    failures: runs
      .map((r) => r.failures)
      .filter(Boolean)
      .join("; "),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
  });
  const a = summary(alone, "Lesson page alone");
  const t = summary(together, "…while an author previews");
  console.log(`\nLesson page while an author previews: ${rounds} alternating rounds of ${seconds} s, medians`);
  print(a);
  print(t);
  const share = t.rps / a.rps;
  console.log(
    `  ${((share * 100).toFixed(0) + " %").padStart(4)} of the lesson page's throughput alone (rounds: ${together
      .map((r, i) => `${((r.rps / alone[i]!.rps) * 100).toFixed(0)} %`)
      .join(", ")}); ${(previews / previewSeconds).toFixed(1)} previews/s compiled meanwhile`,
  );
  return share;
}

// ---------------------------------------------------------------------------------------------
// The cohort dashboard and its downloads, one request at a time, with the server's CPU and memory
// (summed over the cluster's processes).

type Seeded = {
  dashboard: string;
  organisation: string;
  cohortId: string;
  learners: number;
  certificates: number;
  seconds: number;
  rowsSeconds: number;
  manager: { email: string; password: string };
};

function seedCohort(databaseUrl: string) {
  return new Promise<Seeded>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed-cohort.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, COHORT_SIZE: String(COHORT_SIZE) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const stop = started("the cohort seeding", () => child.kill());
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      void stop();
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0) resolve(JSON.parse(last) as Seeded);
      else reject(new Error(`seed-cohort exited with ${code}: ${out}`));
    });
  });
}

/** One request, timed to its last byte; `post` for downloads (a form post from the page, with its origin). */
async function timed(base: string, path: string, cookie: string, method: "GET" | "POST" = "GET") {
  const began = performance.now();
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Cookie: cookie, ...(method === "POST" ? { Origin: base } : {}) },
  });
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - began;
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return { ms, body };
}

async function medianOf(server: AppServer, path: string, cookie: string, runs = 9) {
  await timed(server.url, path, cookie); // warm up (with the cluster, one worker only)
  const times: number[] = [];
  let bytes = 0;
  const cpu = server.cpuMs();
  for (let i = 0; i < runs; i++) {
    const { ms, body } = await timed(server.url, path, cookie);
    times.push(ms);
    bytes = body.length;
  }
  return {
    median: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    bytes,
    cpu: (server.cpuMs() - cpu) / runs,
  };
}

async function cohortTimings(server: AppServer, seeded: Seeded, cookie: string) {
  const timings: Record<string, number> = {};
  const line = (title: string, f: { median: number; min: number; max: number; bytes: number; cpu: number }) => {
    timings[title] = f.median;
    console.log(
      `  ${title.padEnd(44)} median ${f.median.toFixed(0).padStart(4)} ms   (min ${f.min.toFixed(0)}, max ${f.max.toFixed(0)})   server CPU ${f.cpu.toFixed(0)} ms/request   ${(f.bytes / 1024).toFixed(0)} KiB`,
    );
  };
  const base = seeded.dashboard;
  console.log(
    `\nCohort of ${whole(seeded.learners)} learners, one request at a time (loopback, 9 requests after a warm-up; CPU summed over the server's processes):`,
  );
  line("Dashboard, first page, default sort", await medianOf(server, base, cookie));
  line(
    "Sorted by progress, in progress, page 3",
    await medianOf(server, `${base}?status=in-progress&sort=progress&page=3`, cookie),
  );
  line(
    "At risk, by last activity, searched",
    await medianOf(server, `${base}?status=at-risk&sort=activity&q=garc`, cookie),
  );

  console.log("Downloads (a warm-up, then the median of 3; peak RSS summed over the server's processes):");
  const org = { slug: seeded.organisation };
  const cohort = { id: seeded.cohortId };
  for (const [title, path] of [
    ["CSV export", paths.cohortExport(org, cohort)],
    ["xAPI download", paths.cohortStatements(org, cohort)],
  ] as const) {
    await timed(server.url, path, cookie, "POST");
    const peakReset = server.resetPeak();
    const before = server.memory("VmRSS");
    const cpu = server.cpuMs();
    const runs: { ms: number; body: Buffer }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await timed(server.url, path, cookie, "POST"));
    const cpuEach = (server.cpuMs() - cpu) / runs.length;
    const peak = server.memory(peakReset ? "VmHWM" : "VmRSS");
    const body = runs[0]!.body;
    const ms = median(runs.map((r) => r.ms));
    timings[title] = ms;
    console.log(
      `  ${title.padEnd(44)} median ${ms.toFixed(0).padStart(4)} ms   server CPU ${cpuEach.toFixed(0)} ms   ${(body.length / 1024 / 1024).toFixed(1)} MiB, ${body.toString("utf8").split("\n").length - 1} lines   server RSS ${before.toFixed(0)} MiB → peak ${peak.toFixed(0)} MiB (+${(peak - before).toFixed(0)} MiB)`,
    );
  }
  return timings;
}

// ---------------------------------------------------------------------------------------------
// Page weights in Chromium (scripts/lib/page-weight.ts).

function printWeights(w: PageWeights) {
  console.log("\nPage weights in Chromium (bytes on the wire, signed-in learner):");
  table([
    ["view", "total", ...RESOURCE_KINDS],
    ...(
      [
        [`lesson, first visit (empty cache) ${w.firstVisit.path}`, w.firstVisit],
        [`next lesson (warm cache) ${w.nextLesson.path}`, w.nextLesson],
        [`lesson, data saver, first visit ${w.dataSaver.path}`, w.dataSaver],
      ] as const
    ).map(([title, v]) => [title, kib(v.total), ...RESOURCE_KINDS.map((k) => (v.byType[k] ? kib(v.byType[k]) : "–"))]),
  ]);
}

const availableCores = () => readFileSync("/proc/cpuinfo", "utf8").match(/^processor/gm)?.length ?? 1;

// ---------------------------------------------------------------------------------------------
// One database: start it, start the server, seed, measure, stop.

type Report = {
  kind: Kind;
  seeded?: Seeded;
  runs: Run[];
  lesson?: Run;
  catalogue?: Run;
  markComplete?: Run;
  baseline?: Run;
  checks: string[];
  previewShare?: number;
  cohort?: Record<string, number>;
  /** The lesson's page weights, or why they could not be measured. */
  weights?: PageWeights | string;
};

async function startDatabase(kind: Kind): Promise<{ url: string; stop: () => Promise<void> } | string> {
  if (kind === "sqlite") {
    rmSync("data/bench", { recursive: true, force: true });
    return { url: "file:./data/bench/bench.db", stop: async () => {} };
  }
  const missing = postgresMissing();
  if (missing) return missing;
  const server = await startPostgres();
  return { url: server.url, stop: async () => void (await server.stop()) };
}

/** Fails at once when the server has stopped (rather than timing requests against nothing). */
function stillRunning(server: AppServer) {
  if (server.child.exitCode !== null || server.child.signalCode !== null)
    throw new Error(`The server stopped (${server.child.signalCode ?? `exit code ${server.child.exitCode}`}).`);
}

async function bench(kind: Kind): Promise<Report | string> {
  const report: Report = { kind, runs: [], checks: [] };
  const database = await startDatabase(kind);
  if (typeof database === "string") return database;
  const stopDatabase = started(`${NAME[kind]}`, database.stop);
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${join(process.env.BENCH_PROFILE, kind)}`]
    : [];
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  console.log(`\n=== ${NAME[kind]}: starting the production server on port ${port}…`);
  const server = await startAppServer({ port, databaseUrl: database.url, nodeArgs: profile });
  const serverStarted = Date.now();
  const stopServer = started("the app server", server.stop);
  const base = server.url;
  let db: Db | null = null;
  const stopDb = started("the database client", () => db?.$disconnect());
  try {
    console.log(`Seeding a cohort of ${whole(COHORT_SIZE)} learners on a 30-lesson course…`);
    const seeded = await seedCohort(database.url);
    report.seeded = seeded;
    console.log(
      `Seeded ${whole(seeded.learners)} learners, ${whole(seeded.certificates)} certificates in ${seeded.seconds.toFixed(1)} s (rows ${seeded.rowsSeconds.toFixed(1)} s, then certificates)`,
    );
    db = await openDb(database.url);
    // The server queues cohort reminders a minute after it starts (then hourly): with 10,000
    // learners, one long write. Measure after it, not during; the e-mails it queued are delivered
    // in the background meanwhile, as they would be in production.
    const quietFrom = serverStarted + 65_000;
    if (Date.now() < quietFrom) await new Promise((r) => setTimeout(r, quietFrom - Date.now()));
    let queued = await pendingMessages(db);
    for (let i = 0; i < 30; i++) {
      stillRunning(server);
      await new Promise((r) => setTimeout(r, 2000));
      const now = await pendingMessages(db);
      // Done when the queue stops growing (or stays empty three polls running: nothing to remind).
      if ((now <= queued && now > 0) || (now === 0 && i >= 2)) break;
      queued = now;
    }
    console.log(
      `The server's first cohort reminders are queued (${whole(queued)} messages, delivered in the background).`,
    );
    const managerCookie = await logIn(base, seeded.manager.email, seeded.manager.password);
    if (!ONLY_COHORT) {
      const { cookie, lesson } = await signedInLearner(base);
      // Before a page's run: it must answer, then it gets the same load for a few seconds, not
      // counted, so that the run measures workers whose code V8 has compiled and optimised (a server
      // that has been up a while) rather than their first seconds.
      const warm = async (path: string, cookie?: string) => {
        const headers: Record<string, string> = cookie ? { cookie } : {};
        const response = await fetch(`${base}${path}`, { headers });
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        await response.arrayBuffer();
        await load({ url: `${base}${path}`, headers, seconds: WARM_SECONDS });
      };
      const run = async (title: string, figures: Promise<Figures>, note?: string) => {
        const r: Run = { title, ...(await figures), note };
        stillRunning(server);
        print(r);
        report.runs.push(r);
        return r;
      };
      console.log(`\n${SECONDS} s per run, ${CONNECTIONS} connections, gzip accepted:`);
      await warm("/courses");
      report.catalogue = await run(
        "Catalogue (/courses), signed out",
        load({ url: `${base}/courses`, seconds: SECONDS }),
      );
      await warm(lesson, cookie);
      report.lesson = await run(
        "Lesson page, signed in",
        load({ url: `${base}${lesson}`, headers: { cookie }, seconds: SECONDS }),
      );

      // Mark complete: each request a different (learner, lesson) pair.
      const { courseId, learners, lessons } = await cohortLearners(db, WRITERS);
      const pairs = completionPairs(learners, lessons);
      let nextPair = 0;
      const succeeded: Pair[] = [];
      const marked = await load<Pair>({
        url: base,
        seconds: SECONDS,
        next: () => {
          const pair = pairs[nextPair++];
          if (!pair) return null;
          return {
            tag: pair,
            request: {
              method: "POST",
              path: pair.path,
              headers: { cookie: pair.learner.cookie, "content-type": "application/x-www-form-urlencoded" },
              body: "",
            },
          };
        },
        answered: (pair, status) => {
          if (status >= 300 && status < 400) succeeded.push(pair);
        },
      });
      report.markComplete = await run(
        "Mark complete (POST a lesson)",
        Promise.resolve(marked),
        `${learners.length} learners${marked.ranOut ? `, all ${pairs.length} pairs used` : ""}`,
      );
      await writesSettled(db, courseId);
      const check = await checkCompletions(db, courseId, succeeded);
      const sound = check.missing === 0 && check.doubled === 0 && check.wrongCounts === 0;
      const checkLine = sound
        ? `none lost or doubled: ${whole(check.pairs)} completions of ${check.learners} learners, each stored once, every enrolment's count equals its rows`
        : `LOST OR DOUBLED: ${check.missing} completions missing, ${check.doubled} doubled, ${check.wrongCounts} enrolments whose count differs from their rows (of ${check.pairs} completions; stored → recounted: ${check.examples.join(", ")})`;
      console.log(`  ${"".padEnd(34)} ${checkLine}`);
      report.checks.push(`mark complete: ${checkLine}`);

      // Quiz submissions: attempts started beforehand, only the submissions timed.
      const attempts = await startedAttempts(db, courseId, learners, Math.max(500, 250 * SECONDS));
      let nextAttempt = 0;
      let graded = 0;
      const submitted = await load<string>({
        url: base,
        seconds: SECONDS,
        next: () => {
          const attempt = attempts[nextAttempt++];
          if (!attempt) return null;
          return {
            tag: attempt.attemptId,
            request: {
              method: "POST",
              path: attempt.path,
              headers: { cookie: attempt.cookie, "content-type": "application/x-www-form-urlencoded" },
              body: attempt.body,
            },
          };
        },
        answered: (_id, status, headers) => {
          const location = Object.entries(headers).find(([k]) => k.toLowerCase() === "location")?.[1];
          if (status >= 300 && status < 400 && String(location).includes("/attempts/")) graded++;
        },
      });
      await run(
        "Quiz submission",
        Promise.resolve(submitted),
        `${whole(attempts.length)} attempts started beforehand${submitted.ranOut ? ", all submitted" : ""}`,
      );
      await writesSettled(db, courseId);
      const recorded = await submittedCount(
        db,
        attempts.map((a) => a.attemptId),
      );
      // Submissions sent as the run ended are graded too, without their answer being counted.
      const inFlight = recorded - graded;
      const quizLine =
        inFlight >= 0 && inFlight <= CONNECTIONS
          ? `each submission graded once: ${whole(graded)} answered, ${whole(recorded)} attempts recorded as submitted (${inFlight} still in flight as the run ended)`
          : `SUBMISSIONS LOST OR DOUBLED: ${whole(graded)} answered, ${whole(recorded)} attempts recorded as submitted`;
      console.log(`  ${"".padEnd(34)} ${quizLine}`);
      report.checks.push(`quiz: ${quizLine}`);

      await warm(seeded.dashboard, managerCookie);
      await run(
        `Cohort dashboard (${whole(seeded.learners)} learners)`,
        load({ url: `${base}${seeded.dashboard}`, headers: { cookie: managerCookie }, seconds: SECONDS }),
      );
      const certificate = await someCertificateId(db);
      if (certificate) await warm(paths.verify(certificate));
      if (certificate)
        await run(
          "Certificate verify page, signed out",
          load({ url: `${base}${paths.verify(certificate)}`, seconds: SECONDS }),
        );

      // The static baseline: the lesson page's HTML served from memory, compressed once.
      const html = await (await fetch(`${base}${lesson}`, { headers: { Cookie: cookie } })).text();
      const baseline = await staticBaseline(html);
      const stopBaseline = started("the static baseline server", baseline.stop);
      report.baseline = await run(
        "Static baseline (lesson HTML)",
        load({ url: baseline.url, seconds: SECONDS }),
        "plain Node http, gzip once, one process",
      );
      await stopBaseline();
      console.log(
        `  The lesson page serves ${((report.lesson.rps / report.baseline.rps) * 100).toFixed(1)} % of the static baseline's requests/s (1 : ${(report.baseline.rps / report.lesson.rps).toFixed(0)})`,
      );

      if (kind === "sqlite") report.previewShare = await lessonWhileAuthorPreviews(base, lesson, cookie);
    }

    report.cohort = await cohortTimings(server, seeded, managerCookie);

    if (kind === "sqlite" && !ONLY_COHORT) {
      try {
        report.weights = await measurePageWeights(base, { course: COURSE });
      } catch (e) {
        report.weights = `failed: ${(e as Error).message}`;
      }
      if (typeof report.weights === "string") console.log(`\nPage weights not measured: ${report.weights}`);
      else printWeights(report.weights);
    }
  } finally {
    await stopDb();
    await stopServer();
    await stopDatabase();
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// The summary: one table per database, and the goals.

function summarise(report: Report) {
  console.log(`\n${NAME[report.kind]} — every figure (${SECONDS} s per run, ${CONNECTIONS} connections)`);
  table([
    ["run", "req/s", "p50 ms", "p99 ms", "KiB/response", "not 2xx/3xx"],
    ...report.runs.map((r) => [
      r.title,
      r.rps.toFixed(0),
      String(r.p50),
      String(r.p99),
      (r.bytes / 1024).toFixed(1),
      String(r.failed),
    ]),
  ]);
  const extra: string[][] = [];
  if (report.seeded)
    extra.push([
      `Seeding ${whole(report.seeded.learners)} learners`,
      `${report.seeded.seconds.toFixed(1)} s (rows ${report.seeded.rowsSeconds.toFixed(1)} s)`,
    ]);
  if (report.lesson && report.baseline)
    extra.push(["Lesson page / static baseline", `${((report.lesson.rps / report.baseline.rps) * 100).toFixed(1)} %`]);
  if (report.previewShare !== undefined)
    extra.push(["Lesson page while an author previews", `${(report.previewShare * 100).toFixed(0)} % of alone`]);
  for (const [title, ms] of Object.entries(report.cohort ?? {}))
    extra.push([`Cohort: ${title}`, `${ms.toFixed(0)} ms`]);
  if (report.weights && typeof report.weights !== "string") {
    extra.push(["Lesson, first visit", kib(report.weights.firstVisit.total)]);
    extra.push(["Next lesson", kib(report.weights.nextLesson.total)]);
    extra.push(["Lesson, data saver", kib(report.weights.dataSaver.total)]);
  }
  for (const c of report.checks) extra.push([`Check, ${c.split(": ")[0]!}`, c.split(": ").slice(1).join(": ")]);
  if (extra.length) table([["figure", "value"], ...extra]);
}

function goals(report: Report) {
  const parts: string[] = [];
  const goal = (met: boolean, text: string) => parts.push(`${text} ${met ? "met" : "not met"}`);
  const { lesson, catalogue, markComplete } = report;
  if (lesson) {
    goal(lesson.rps >= 600, `lesson ≥ 600 req/s (goal 1,000): ${lesson.rps.toFixed(0)}`);
    goal(lesson.p99 <= 100, `lesson p99 ≤ 100 ms (goal 50): ${lesson.p99}`);
  }
  if (catalogue) goal(catalogue.rps >= 1500, `catalogue ≥ 1,500 req/s: ${catalogue.rps.toFixed(0)}`);
  if (markComplete) goal(markComplete.rps >= 300, `mark complete ≥ 300/s: ${markComplete.rps.toFixed(0)}`);
  if (report.weights && typeof report.weights !== "string") {
    const w = report.weights;
    goal(w.firstVisit.total <= 120 * 1024, `first visit ≤ 120 KiB: ${kib(w.firstVisit.total)}`);
    goal(w.dataSaver.total <= 40 * 1024, `data saver ≤ 40 KiB: ${kib(w.dataSaver.total)}`);
    goal(w.nextLesson.total <= 20 * 1024, `next lesson ≤ 20 KiB: ${kib(w.nextLesson.total)}`);
  }
  if (parts.length) console.log(`Goals on ${NAME[report.kind]}: ${parts.join("; ")}.`);
}

let failed = false;
const reports: Report[] = [];
try {
  if (process.env.BENCH_BUILD === "1" || !existsSync("build/server/index.js")) {
    console.log("Building the production app…");
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed.");
  }
  console.log(
    `Benchmark: ${DATABASES.map((k) => NAME[k]).join(" then ")}, ${SECONDS} s per run, ${CONNECTIONS} connections, cohort of ${whole(COHORT_SIZE)}; ${availableCores()} cores, WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY ?? "one worker per core"}.`,
  );
  for (const kind of DATABASES) {
    const result = await bench(kind);
    if (typeof result === "string") console.log(`\n=== ${NAME[kind]}: skipped (${result}).`);
    else reports.push(result);
  }
  for (const report of reports) summarise(report);
  console.log("");
  for (const report of reports) goals(report);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await stopAll();
}
process.exit(failed ? 1 : 0);
