// `npm run bench`: load-tests the production build on a fresh database and prints requests per
// second and latency for the pages that matter most. Figures, not pass/fail.
import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";

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

try {
  await waitForServer();
  const { cookie, lesson } = await signedInLearner();
  console.log(`\n${DURATION} s per page, 10 connections, gzip, production build on SQLite\n`);
  await run("Catalogue (/courses)", "/courses");
  await run("Catalogue, signed in", "/courses", { Cookie: cookie });
  await run("Lesson page, signed in", lesson, { Cookie: cookie });
  await lessonWhileAuthorPreviews(lesson, cookie);
} finally {
  server.kill();
}
