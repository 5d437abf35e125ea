// `npm run bench`: load-tests the production build on a fresh database and prints requests per
// second and latency for the pages that matter most. Figures, not pass/fail.
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { paths } from "~/paths";

const PORT = Number(process.env.BENCH_PORT ?? 3200);
const BASE = `http://localhost:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const COURSE = process.env.BENCH_COURSE ?? "circular-ict";

rmSync("data/bench", { recursive: true, force: true });
// BENCH_PROFILE=<folder> writes a CPU profile of the server (every thread) there, to read in Chrome's
// DevTools or with `npx cpupro`.
const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
const server = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/start.ts"], {
  env: {
    ...process.env,
    PORT: String(PORT),
    DATABASE_URL: "file:./data/bench/bench.db",
    NODE_ENV: "production",
    COOKIE_SECURE: "false",
  },
  stdio: ["ignore", "inherit", "inherit"],
});

async function waitForServer() {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(BASE)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The server did not start.");
}

async function signedInLearner() {
  const form = (fields: Record<string, string>) => ({
    method: "POST",
    redirect: "manual" as const,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams(fields),
  });
  const signup = await fetch(
    `${BASE}/signup`,
    form({ name: "Bench Learner", email: `bench-${Date.now()}@example.org`, password: "benchmark password" }),
  );
  const cookie = signup.headers.get("set-cookie")!.split(";")[0];
  const enrol = await fetch(`${BASE}/courses/${COURSE}`, {
    ...form({}),
    headers: { ...form({}).headers, Cookie: cookie },
  });
  const lesson = enrol.headers.get("location");
  // Open the second lesson, so that the page is one only an enrolled learner may see.
  const first = await fetch(`${BASE}${lesson}`, { ...form({}), headers: { ...form({}).headers, Cookie: cookie } });
  return { cookie, lesson: first.headers.get("location")! };
}

/**
 * One author previewing a lesson continuously, as the editor does while they type (a new text each
 * time, so every preview compiles in the sandboxed worker), until `stop` is set. Returns the number
 * of previews made.
 */
async function authorPreviewing(stop: { done: boolean }, atLeast = 0) {
  const login = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams({ email: "admin@example.org", password: "admin-demo-2026" }),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const path = "01-the-e-waste-challenge/01-sixty-two-million-tonnes.mdx";
  const source = readFileSync(join("content/courses/01-circular-ict", path), "utf8");
  let previews = 0;
  while (!stop.done || previews < atLeast) {
    // As the editor's fetcher asks: the action's data only (Remix's single fetch), not the whole page.
    const response = await fetch(`${BASE}/author/circular-ict/files/${path}.data`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE, Cookie: cookie },
      body: new URLSearchParams({ intent: "preview", revision: "0", body: `${source}\nPreview number ${previews}.\n` }),
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

type Figures = { rps: number; p50: number; p99: number; kib: number };

function load(title: string, path: string, headers: Record<string, string>, duration: number) {
  return new Promise<Figures>((resolve, reject) => {
    autocannon(
      {
        url: `${BASE}${path}`,
        connections: 10,
        duration,
        headers: { "Accept-Encoding": "gzip", ...headers },
      },
      (err, r) => {
        if (err) return reject(err);
        if (r.non2xx) return reject(new Error(`${title}: ${r.non2xx} responses were not 2xx`));
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          kib: r.throughput.average / r.requests.average / 1024,
        });
      },
    );
  });
}

function print(title: string, f: Figures) {
  console.log(
    `${title.padEnd(28)} ${f.rps.toFixed(0).padStart(6)} req/s   p50 ${String(f.p50).padStart(4)} ms   p99 ${String(f.p99).padStart(4)} ms   ${f.kib.toFixed(1)} KiB/response`,
  );
}

async function run(title: string, path: string, headers: Record<string, string> = {}) {
  const figures = await load(title, path, headers, DURATION);
  print(title, figures);
  return figures.rps;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The lesson page alone and while an author previews, in alternating rounds, so that drift over the
 * run (warming up, the machine's other work) does not count as the previews' cost; medians of each.
 */
async function lessonWhileAuthorPreviews(lesson: string, cookie: string, rounds = 3) {
  const alone: Figures[] = [];
  const together: Figures[] = [];
  let previews = 0;
  let previewSeconds = 0;
  const seconds = Math.max(3, Math.round(DURATION / 2));
  // The author opens the editor first: its first preview starts the lesson compiler (once per server).
  await authorPreviewing({ done: true }, 1);
  for (let round = 0; round < rounds; round++) {
    alone.push(await load("lesson", lesson, { Cookie: cookie }, seconds));
    const stop = { done: false };
    const author = authorPreviewing(stop);
    const started = Date.now();
    together.push(await load("lesson while previewing", lesson, { Cookie: cookie }, seconds));
    stop.done = true;
    previews += await author;
    previewSeconds += (Date.now() - started) / 1000;
  }
  const summary = (runs: Figures[]): Figures => ({
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    kib: median(runs.map((r) => r.kib)),
  });
  const [a, t] = [summary(alone), summary(together)];
  console.log(`\nLesson page while an author previews: ${rounds} alternating rounds of ${seconds} s, medians`);
  print("  Lesson page alone", a);
  print("  …while an author previews", t);
  console.log(
    `${"".padEnd(28)} ${((t.rps / a.rps) * 100).toFixed(0)} % of the lesson page's throughput alone (rounds: ${together
      .map((r, i) => `${((r.rps / alone[i].rps) * 100).toFixed(0)} %`)
      .join(", ")}); ${(previews / previewSeconds).toFixed(1)} previews/s compiled meanwhile`,
  );
}

// ---------------------------------------------------------------------------------------------
// The cohort dashboard and its exports at 10,000 learners (scripts/seed-cohort.ts).

/** Peak memory of the server process: reset the peak (Linux clear_refs), then read it. */
const rss = {
  resetPeak() {
    try {
      writeFileSync(`/proc/${server.pid}/clear_refs`, "5");
      return true;
    } catch {
      return false;
    }
  },
  read(field: "VmRSS" | "VmHWM") {
    const line = readFileSync(`/proc/${server.pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith(`${field}:`));
    return Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024; // MiB
  },
};

async function timed(path: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(`${BASE}${path}`, { headers: { Cookie: cookie } });
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return { ms, body };
}

/** CPU time (user + system, ms) the server process has used so far. */
function serverCpuMs() {
  const fields = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
}

async function medianOf(path: string, cookie: string, runs = 9) {
  await timed(path, cookie); // warm up
  const times: number[] = [];
  let bytes = 0;
  const cpu = serverCpuMs();
  for (let i = 0; i < runs; i++) {
    const { ms, body } = await timed(path, cookie);
    times.push(ms);
    bytes = body.length;
  }
  const cpuPerRequest = (serverCpuMs() - cpu) / runs;
  return { median: median(times), min: Math.min(...times), max: Math.max(...times), bytes, cpu: cpuPerRequest };
}

async function cohortDashboard() {
  console.log("\nCohort of 10,000 learners on a 30-lesson course: seeding…");
  const seeded = await new Promise<{
    dashboard: string;
    organisation: string;
    cohortId: string;
    learners: number;
    certificates: number;
    seconds: number;
    manager: { email: string; password: string };
  }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed-cohort.ts"], {
      env: { ...process.env, DATABASE_URL: "file:./data/bench/bench.db" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("exit", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0) resolve(JSON.parse(last));
      else reject(new Error(`seed-cohort exited with ${code}: ${out}`));
    });
  });
  console.log(
    `Seeded ${seeded.learners.toLocaleString("en")} learners, ${seeded.certificates.toLocaleString("en")} certificates in ${seeded.seconds.toFixed(1)} s`,
  );
  const login = await fetch(`${BASE}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
    body: new URLSearchParams(seeded.manager),
  });
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  const base = seeded.dashboard;
  const org = { slug: seeded.organisation };
  const cohort = { id: seeded.cohortId };
  const line = (title: string, f: { median: number; min: number; max: number; bytes: number; cpu: number }) =>
    console.log(
      `  ${title.padEnd(44)} median ${f.median.toFixed(0).padStart(4)} ms   (min ${f.min.toFixed(0)}, max ${f.max.toFixed(0)})   server CPU ${f.cpu.toFixed(0)} ms/request   ${(f.bytes / 1024).toFixed(0)} KiB`,
    );
  console.log("Server time per request (one at a time, loopback, 9 requests after a warm-up):");
  line("Dashboard, first page, default sort", await medianOf(base, cookie));
  line(
    "Sorted by progress, in progress, page 3",
    await medianOf(`${base}?status=in-progress&sort=progress&page=3`, cookie),
  );
  line("At risk, by last activity, searched", await medianOf(`${base}?status=at-risk&sort=activity&q=garc`, cookie));

  console.log("Downloads (a warm-up, then the median of 3; peak RSS of the server over those 3):");
  for (const [title, path] of [
    ["CSV export", paths.cohortExport(org, cohort)],
    ["xAPI download", paths.cohortStatements(org, cohort)],
  ] as const) {
    await timed(path, cookie);
    global.gc?.();
    const peakReset = rss.resetPeak();
    const before = rss.read("VmRSS");
    const cpu = serverCpuMs();
    const runs: { ms: number; body: Buffer }[] = [];
    for (let i = 0; i < 3; i++) runs.push(await timed(path, cookie));
    const cpuEach = (serverCpuMs() - cpu) / runs.length;
    const peak = rss.read(peakReset ? "VmHWM" : "VmRSS");
    const body = runs[0]!.body;
    console.log(
      `  ${title.padEnd(44)} median ${median(runs.map((r) => r.ms))
        .toFixed(0)
        .padStart(
          4,
        )} ms   server CPU ${cpuEach.toFixed(0)} ms   ${(body.length / 1024 / 1024).toFixed(1)} MiB, ${body.toString("utf8").split("\n").length - 1} lines   server RSS ${before.toFixed(0)} MiB → peak ${peak.toFixed(0)} MiB (+${(peak - before).toFixed(0)} MiB)`,
    );
  }
}

try {
  await waitForServer();
  if (process.env.BENCH_ONLY !== "cohort") {
    const { cookie, lesson } = await signedInLearner();
    console.log(`\n${DURATION} s per page, 10 connections, gzip, production build on SQLite\n`);
    await run("Catalogue (/courses)", "/courses");
    await run("Catalogue, signed in", "/courses", { Cookie: cookie });
    await run("Lesson page, signed in", lesson, { Cookie: cookie });
    await lessonWhileAuthorPreviews(lesson, cookie);
  }
  await cohortDashboard();
} finally {
  server.kill();
}
