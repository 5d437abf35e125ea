// `npm run test:faults`: the production server killed mid-load. Against SQLite and (when its
// programs are installed) a throwaway PostgreSQL, it starts the server as `npm start` does (real
// processes, WEB_CONCURRENCY=2, on the existing build), runs lesson completions, quiz submissions
// and cohort invitations (e-mailed through the outbox to a real local SMTP server), SIGKILLs the
// whole server (every process of it) twice during the load and starts it again; then checks that
// every request answered with success is in the database, that nothing is duplicated, that the
// enrolment aggregates equal a recount, that the database passes its integrity check, and that
// the outbox delivered each invitation exactly once. Prints a short report; exits 1 on a failure.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { postgresMissing, startPostgres } from "./lib/postgres";

const BASE_PORT = Number(process.env.FAULT_PORT ?? 3445);
const LOAD_MS = Number(process.env.FAULT_LOAD_MS ?? 24_000);
const KILLS_AT = [LOAD_MS * 0.25, LOAD_MS * 0.6];
const LEARNERS = 6;
const COURSE = "green-digital-action-essentials";
const PASSWORD = "a long test password";

/** Everything started, so that a watchdog can stop it all. */
const children = new Set<ChildProcess>();
const stops = new Set<() => void>();

type Query = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;
type Db = { url: string; query: Query; integrity: () => Promise<string[]>; stop: () => Promise<void> };

/** SQL is written with quoted names and `?` placeholders; PostgreSQL gets `$n`. */
async function openDb(kind: "sqlite" | "postgres", dir: string, port: number): Promise<Db> {
  if (kind === "sqlite") {
    const file = join(dir, "fault.db");
    return {
      url: `file:${file}`,
      query: async (sql, ...params) => {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare(sql).all(...params) as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      integrity: async () => {
        const db = new Database(file, { readonly: true });
        try {
          const rows = db.pragma("integrity_check") as { integrity_check: string }[];
          return rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
        } finally {
          db.close();
        }
      },
      stop: async () => {},
    };
  }
  const server = await startPostgres({ port });
  stops.add(() => server.stop());
  const client = new pg.Client({ connectionString: server.url });
  let connected = false;
  const query: Query = async (sql, ...params) => {
    if (!connected) {
      await client.connect();
      connected = true;
    }
    let n = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      )
    ).rows;
  };
  return {
    url: server.url,
    query,
    integrity: async () => {
      // amcheck verifies every B-tree index of the app's tables against its heap.
      await query("CREATE EXTENSION IF NOT EXISTS amcheck");
      const problems: string[] = [];
      const indexes = await query(
        `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam
         WHERE n.nspname = 'public' AND a.amname = 'btree'`,
      );
      for (const { name } of indexes) {
        try {
          await query(`SELECT bt_index_check('public."${String(name)}"'::regclass, true)`);
        } catch (e) {
          problems.push(`${String(name)}: ${(e as Error).message}`);
        }
      }
      return problems;
    },
    stop: async () => {
      if (connected) await client.end();
      server.stop();
    },
  };
}

/** The whole server as `npm start` runs it, in its own process group so that one signal reaches every process. */
function startServer(env: NodeJS.ProcessEnv, log: string[]): ChildProcess {
  const child = spawn("npx", ["tsx", "scripts/start.ts"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.stdout!.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr!.on("data", (d: Buffer) => log.push(d.toString()));
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntilUp(base: string, ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server at ${base} did not come up.`);
}

/** A client with a cookie jar of one session cookie; never follows redirects. */
function client(base: string) {
  let cookie = "";
  return async (path: string, form?: Record<string, string> | URLSearchParams) => {
    const response = await fetch(base + path, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        Origin: base,
        ...(cookie ? { Cookie: cookie } : {}),
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    for (const set of response.headers.getSetCookie()) if (set.startsWith("gda_session=")) cookie = set.split(";")[0]!;
    return { status: response.status, location: response.headers.get("location") ?? "", text: await response.text() };
  };
}

/** Signs up, trying again while the server is busy hashing passwords (503). */
async function signUp(http: ReturnType<typeof client>, name: string, email: string) {
  for (let i = 0; i < 10; i++) {
    const r = await http("/signup", { name, email, password: PASSWORD });
    if (r.status === 302) return;
    if (process.env.FAULT_DEBUG) console.error("signup", r.status, JSON.stringify(r.text.match(/error[^<]{0,200}/g)));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`Could not sign up ${email}.`);
}

async function runOn(kind: "sqlite" | "postgres", offset: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), `fault-${kind}-`));
  const port = BASE_PORT + offset;
  const base = `http://127.0.0.1:${port}`;
  const smtpPort = port + 1;
  const mailDir = join(dir, "mail");
  const db = await openDb(kind, dir, port + 2);
  const log: string[] = [];
  const smtp = spawn("npx", ["tsx", "e2e/support/smtp-capture.ts"], {
    env: { ...process.env, SMTP_CAPTURE_PORT: String(smtpPort), MAIL_CAPTURE_DIR: mailDir },
    stdio: "ignore",
    detached: true,
  });
  children.add(smtp);
  // The mail server must outlive the kills of the app: if it ends, undelivered mail is its fault.
  let smtpExit: string | undefined;
  smtp.once("exit", (code, signal) => (smtpExit = `the test's mail server ended (${signal ?? `exit code ${code}`})`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    WEB_CONCURRENCY: "2",
    DATABASE_URL: db.url,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    CERT_KEY_FILE: join(dir, "cert-key.json"),
    RATE_LIMIT_LOGIN_IP: "100000",
    RATE_LIMIT_SIGNUP_IP: "100000",
    RATE_LIMIT_INVITE_USER: "100000",
    // A claim left by a killed process is taken over after 5 s instead of 5 minutes.
    OUTBOX_LEASE_SECONDS: "5",
  };
  let server = startServer(env, log);
  const failures: string[] = [];
  try {
    await waitUntilUp(base);

    // People: learners enrolled in the course, and an organisation's owner with a cohort.
    const learners: { http: ReturnType<typeof client>; email: string; next: string }[] = [];
    for (let i = 0; i < LEARNERS; i++) {
      const http = client(base);
      const email = `fault-${kind}-${i}@example.org`;
      await signUp(http, `Fault learner ${i}`, email);
      const enrolled = await http(`/courses/${COURSE}`, {});
      learners.push({ http, email, next: enrolled.location });
    }
    const owner = client(base);
    await signUp(owner, "Fault owner", `fault-${kind}-owner@example.org`);
    const org = (await owner("/org", { name: `Fault ${kind}` })).location;
    const cohort = (
      await owner(org, { intent: "create-cohort", name: "Fault cohort", inactivityDays: "7", startsAt: "", endsAt: "" })
    ).location;
    if (!org.startsWith("/org/") || !cohort.includes("/cohorts/")) throw new Error(`No cohort: ${org} ${cohort}`);

    // What the server said it did.
    const completed: { email: string; path: string }[] = [];
    const submitted: string[] = [];
    const invited: string[] = [];
    let refusedOrLost = 0;
    const started = Date.now();
    const running = () => Date.now() - started < LOAD_MS;

    const learnerLoad = async (l: (typeof learners)[number]) => {
      while (running()) {
        try {
          const quiz = /\/quiz\/([^/]+)$/.exec(l.next);
          if (!l.next || /\/quiz\/final$/.test(l.next)) l.next = (await l.http(`/courses/${COURSE}`, {})).location;
          if (quiz) {
            await l.http(l.next, { intent: "start" });
            const page = await l.http(l.next);
            const attempt = /name="attempt" value="([^"]+)"/.exec(page.text)?.[1];
            if (!attempt) throw new Error("no open attempt");
            // Any answers will do; every question answered with its first option.
            const form = new URLSearchParams({ attempt, confirm: "yes" });
            for (const m of page.text.matchAll(/name="(q-[^"]+)" value="([^"]+)"/g))
              if (!form.has(m[1]!)) form.append(m[1]!, m[2]!);
            const r = await l.http(l.next, form);
            if (r.status === 302 && r.location.endsWith(`/attempts/${attempt}`)) submitted.push(attempt);
            l.next = (await l.http(`/courses/${COURSE}`, {})).location;
          } else {
            const r = await l.http(l.next, {});
            if (r.status === 302) {
              completed.push({ email: l.email, path: l.next });
              l.next = r.location;
            }
          }
        } catch (e) {
          if (process.env.FAULT_DEBUG) console.error(l.email, l.next, (e as Error).message);
          refusedOrLost++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    let n = 0;
    const inviteLoad = async () => {
      while (running()) {
        const email = `invitee-${kind}-${n++}@example.org`;
        try {
          const r = await owner(`${cohort}/invitations`, { intent: "email", emails: email });
          if (r.status === 200) invited.push(email);
          else if (process.env.FAULT_DEBUG) console.error("invite", r.status, r.text.slice(0, 200));
        } catch (e) {
          if (process.env.FAULT_DEBUG) console.error("invite", (e as Error).message);
          refusedOrLost++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const killer = async () => {
      for (const at of KILLS_AT) {
        await new Promise((r) => setTimeout(r, Math.max(0, started + at - Date.now())));
        killGroup(server, "SIGKILL");
        await new Promise((r) => setTimeout(r, 300));
        server = startServer(env, log);
        await waitUntilUp(base);
      }
    };
    await Promise.all([...learners.map(learnerLoad), inviteLoad(), killer()]);

    // Checks. Every success answered is stored.
    for (const c of completed) {
      const [course, module, lesson] = c.path.replace(/^\/courses\//, "").split("/");
      const rows = await db.query(
        `SELECT COUNT(*) AS n FROM "LessonCompletion" lc JOIN "User" u ON u."id" = lc."userId"
         JOIN "Lesson" l ON l."id" = lc."lessonId" JOIN "Course" co ON co."id" = l."courseId"
         WHERE u."email" = ? AND co."slug" = ? AND l."slug" = ?`,
        c.email,
        course,
        lesson,
      );
      if (Number(rows[0]!.n) !== 1)
        failures.push(`completion of ${module}/${lesson} by ${c.email}: ${rows[0]!.n} rows`);
    }
    for (const id of submitted) {
      const [a] = await db.query(`SELECT "submittedAt", "score" FROM "QuizAttempt" WHERE "id" = ?`, id);
      if (!a || a.submittedAt === null || a.score === null)
        failures.push(`quiz attempt ${id} answered as submitted, not stored`);
    }
    for (const email of invited) {
      const [row] = await db.query(`SELECT COUNT(*) AS n FROM "Invitation" WHERE "email" = ?`, email);
      if (Number(row!.n) !== 1) failures.push(`invitation to ${email}: ${row!.n} rows`);
    }
    // Nothing duplicated.
    const dupCompletions = await db.query(
      `SELECT "userId", "lessonId" FROM "LessonCompletion" GROUP BY "userId", "lessonId" HAVING COUNT(*) > 1`,
    );
    if (dupCompletions.length) failures.push(`${dupCompletions.length} duplicated lesson completions`);
    const halfGraded = await db.query(
      `SELECT "id" FROM "QuizAttempt" WHERE ("submittedAt" IS NULL) <> ("score" IS NULL) OR ("score" IS NULL) <> ("answers" IS NULL)`,
    );
    if (halfGraded.length) failures.push(`${halfGraded.length} quiz attempts graded half-way`);
    const results = await db.query(
      `SELECT r."userId", r."quizKey", r."attempts" AS counted,
        (SELECT COUNT(*) FROM "QuizAttempt" a WHERE a."userId" = r."userId" AND a."courseId" = r."courseId"
          AND a."quizKey" = r."quizKey" AND a."submittedAt" IS NOT NULL) AS actual
       FROM "QuizResult" r`,
    );
    for (const r of results)
      if (Number(r.counted) !== Number(r.actual))
        failures.push(`quiz result ${String(r.quizKey)}: counts ${r.counted} attempts, ${r.actual} submitted`);
    // Enrolment aggregates equal a recount from the rows.
    const enrolments = await db.query(
      `SELECT e."id", e."completedLessons" AS counted,
        (SELECT COUNT(*) FROM "LessonCompletion" lc JOIN "Lesson" l ON l."id" = lc."lessonId"
          WHERE lc."userId" = e."userId" AND l."courseId" = e."courseId") AS actual
       FROM "Enrollment" e`,
    );
    for (const e of enrolments)
      if (Number(e.counted) !== Number(e.actual))
        failures.push(`enrolment ${String(e.id)}: ${e.counted} lessons counted, ${e.actual} completed`);
    const modules = await db.query(
      `SELECT mp."enrollmentId", mp."moduleKey", mp."lessonsDone" AS counted,
        (SELECT COUNT(*) FROM "LessonCompletion" lc JOIN "Lesson" l ON l."id" = lc."lessonId"
          JOIN "Module" m ON m."id" = l."moduleId" JOIN "Enrollment" e ON e."id" = mp."enrollmentId"
          WHERE lc."userId" = e."userId" AND l."courseId" = e."courseId" AND m."key" = mp."moduleKey") AS actual
       FROM "ModuleProgress" mp`,
    );
    for (const m of modules)
      if (Number(m.counted) !== Number(m.actual))
        failures.push(`module ${String(m.moduleKey)}: ${m.counted} lessons counted, ${m.actual} completed`);
    // The database's own integrity check.
    for (const problem of await db.integrity()) failures.push(`integrity: ${problem}`);

    // The outbox delivers each invitation exactly once (after the restarts, once it has drained).
    const stored = (await db.query(`SELECT "email" FROM "Invitation" WHERE "email" IS NOT NULL`)).map((r) =>
      String(r.email),
    );
    const until = Date.now() + 60_000;
    let pending = 1;
    while (Date.now() < until) {
      const [row] = await db.query(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE "status" = 'pending'`);
      pending = Number(row!.n);
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (smtpExit) failures.push(smtpExit);
    if (pending) {
      const rows = await db.query(
        `SELECT "attempts", "nextAttemptAt", "lastError" FROM "OutboxMessage" WHERE "status" = 'pending'`,
      );
      failures.push(`${pending} outbox messages still pending after 60 s: ${JSON.stringify(rows)}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
    // One message is one Message-ID: a message the mail server accepted just before a kill, and that
    // was therefore sent again, arrives twice with the same Message-ID (mail systems collapse them).
    const received = new Map<string, Map<string, number>>();
    for (const f of existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith(".json")) : []) {
      const mail = JSON.parse(readFileSync(join(mailDir, f), "utf8")) as { to: string[]; messageId: string };
      for (const to of mail.to) {
        const ids = received.get(to) ?? new Map<string, number>();
        ids.set(mail.messageId, (ids.get(mail.messageId) ?? 0) + 1);
        received.set(to, ids);
      }
    }
    let resent = 0;
    for (const email of stored) {
      const ids = received.get(email);
      if (ids?.size !== 1) failures.push(`invitation to ${email} delivered as ${ids?.size ?? 0} messages`);
      for (const copies of ids?.values() ?? []) resent += copies - 1;
    }
    const delivered = [...received.values()].reduce((a, ids) => a + ids.size, 0);

    console.log(
      `${kind}: ${completed.length} completions, ${submitted.length} quiz submissions, ${invited.length} invitations answered ` +
        `(${stored.length} stored, ${delivered} e-mails received, ${resent} sent again after a kill); ` +
        `${KILLS_AT.length} SIGKILLs; ${refusedOrLost} requests failed while the server was down; ${failures.length} problems`,
    );
    if (completed.length === 0 || submitted.length === 0 || invited.length === 0)
      failures.push("the load did not exercise every kind of request");
  } catch (e) {
    failures.push(`run: ${(e as Error).message}`);
    console.error(log.join("").slice(-3000));
  } finally {
    killGroup(server, "SIGKILL");
    killGroup(smtp, "SIGKILL");
    await db.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  return failures.map((f) => `${kind}: ${f}`);
}

// A run that hangs (a server that never comes back, a stuck connection) fails instead of waiting forever.
const WATCHDOG_MS = Number(process.env.FAULT_TIMEOUT_MS ?? 8 * 60_000);
setTimeout(() => {
  console.error(`Fault test: FAIL, not finished after ${WATCHDOG_MS / 1000} s.`);
  for (const child of children) killGroup(child, "SIGKILL");
  for (const stop of stops) stop();
  process.exit(1);
}, WATCHDOG_MS).unref();

if (!existsSync("build/server/index.js")) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
const runs: { database: string; problems: string[] }[] = [];
if (process.env.FAULT_ONLY !== "postgres") runs.push({ database: "sqlite", problems: await runOn("sqlite", 0) });
const missing = postgresMissing();
if (process.env.FAULT_ONLY === "sqlite") {
  // SQLite only.
} else if (missing) {
  console.log(`PostgreSQL skipped: ${missing}`);
  if (process.env.REQUIRE_POSTGRES) runs.push({ database: "postgres", problems: [`PostgreSQL missing: ${missing}`] });
} else runs.push({ database: "postgres", problems: await runOn("postgres", 2) });
const failures = runs.flatMap((r) => r.problems);
for (const f of failures.slice(0, 50)) console.error(`FAIL ${f}`);
console.log(failures.length ? `Fault test: ${failures.length} problems.` : "Fault test: passed.");
// `npm test` counts each database's run as one test (scripts/lib/summarise-tests.mjs).
if (process.env.FAULT_REPORT) writeFileSync(process.env.FAULT_REPORT, JSON.stringify({ runs }, null, 2));
process.exit(failures.length ? 1 : 0);
