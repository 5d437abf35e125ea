// A real server process (lifecycle.fixture.ts) on this test file's database: health endpoints and
// what happens to requests in flight when it is asked to stop.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { shutdownTimeoutMs } from "./lifecycle";

type Running = { child: ChildProcess; port: number; exited: Promise<number | null>; output: () => string };
const running: ChildProcess[] = [];

async function startServer(env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/lifecycle.fixture.ts"], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 30_000);
    child.stdout!.on("data", () => {
      const match = /listening (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", () => reject(new Error(`the server stopped: ${output}`)));
  });
  return { child, port, exited, output: () => output };
}

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves once the server has said that it is stopping. */
async function stoppingSaid(server: Running) {
  while (!/SIGTERM: finishing/.test(server.output())) await sleep(20);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("health endpoints", () => {
  it("/healthz says the process is up and /readyz that the database, migrations and catalogue are ready, never cached", async () => {
    const { port } = await startServer();
    const health = await get(port, "/healthz");
    expect(health).toMatchObject({ status: 200, body: "ok" });
    expect(health.headers["cache-control"]).toBe("no-store");
    const ready = await get(port, "/readyz");
    expect(ready.status, ready.body).toBe(200);
    expect(ready.headers["cache-control"]).toBe("no-store");
    expect(JSON.parse(ready.body)).toEqual({
      ready: true,
      checks: { database: { ok: true }, migrations: { ok: true }, catalogue: { ok: true } },
    });
  });

  it("/readyz answers 503 with the reason when the database does not answer", async () => {
    const notADatabase = join(mkdtempSync(join(tmpdir(), "gda-lifecycle-")), "broken.db");
    writeFileSync(notADatabase, "this is not a database\n".repeat(200));
    const broken = process.env.DATABASE_URL!.startsWith("file:")
      ? `file:${notADatabase}`
      : "postgres://app@127.0.0.1:1/nothing"; // nobody listens there
    const { port } = await startServer({ DATABASE_URL: broken });
    expect((await get(port, "/healthz")).status).toBe(200);
    const ready = await get(port, "/readyz");
    expect(ready.status).toBe(503);
    const body = JSON.parse(ready.body) as { ready: boolean; checks: Record<string, { ok: boolean; reason?: string }> };
    expect(body.ready).toBe(false);
    expect(body.checks.database.ok).toBe(false);
    expect(body.checks.database.reason).toBeTruthy();
    expect(body.checks.migrations).toEqual({ ok: false, reason: "database unavailable" });
  });
});

describe("request logs", () => {
  type Line = Record<string, unknown> & { msg: string; requestId?: string };
  const lines = (output: string): Line[] =>
    output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Line);

  it("are JSON lines that share the request's id from X-Request-Id, with one access line and nothing secret", async () => {
    const server = await startServer();
    const answer = await get(server.port, "/slow?ms=50&token=s3cret", { "X-Request-Id": "edge-7f3a:42.b_c" });
    expect(answer.headers["x-request-id"]).toBe("edge-7f3a:42.b_c");
    const other = await get(server.port, "/slow?ms=1", { "X-Request-Id": "not a sane id" });
    const generated = other.headers["x-request-id"] as string;
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await sleep(200);
    const mine = lines(server.output()).filter((l) => l.requestId === "edge-7f3a:42.b_c");
    expect(mine.map((l) => l.msg)).toEqual(["slow request started", "slow request answered", "request"]);
    expect(mine[1].user).toEqual({ email: "j***@example.org", password: "[redacted]" });
    expect(mine[2]).toMatchObject({
      level: "info",
      method: "GET",
      path: "/slow?ms=[redacted]&token=[redacted]",
      status: 200,
    });
    expect(mine[2].durationMs).toBeGreaterThanOrEqual(50);
    expect(mine[2].bytes).toBeGreaterThan("finished".length);
    expect(lines(server.output()).filter((l) => l.requestId === generated)).toHaveLength(3);
    expect(server.output()).not.toMatch(/s3cret|hunter2|jane\.doe/);
  });
});

describe("stopping on SIGTERM", () => {
  it("lets a slow request in flight finish, answers /readyz 503 from then on, refuses new connections, and exits 0", async () => {
    const server = await startServer();
    // One connection: a slow request whose body is still on its way when the stop begins; the rest
    // of the body and a /readyz request follow on the same connection once the server is stopping.
    const socket = connect(server.port, "127.0.0.1");
    let received = "";
    socket.setEncoding("utf8").on("data", (d) => (received += d));
    const closed = new Promise((resolve) => socket.on("close", resolve));
    socket.write("POST /slow?ms=1000 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\n12345");
    await sleep(300);
    server.child.kill("SIGTERM");
    await stoppingSaid(server);
    await expect(get(server.port, "/healthz")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    socket.write("67890GET /readyz HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await closed;
    const [slow, readiness] = received.split(/(?=HTTP\/1\.1 )/);
    expect(slow).toMatch(/^HTTP\/1\.1 200/);
    expect(slow).toMatch(/finished$/);
    expect(readiness).toMatch(/^HTTP\/1\.1 503/);
    expect(readiness).toMatch(/Connection: close/i);
    expect(JSON.parse(readiness.split("\r\n\r\n")[1])).toEqual({
      ready: false,
      checks: { shutdown: { ok: false, reason: "shutting down" } },
    });
    expect(await server.exited).toBe(0);
  });

  it("cuts what is still running after SHUTDOWN_TIMEOUT seconds", async () => {
    const server = await startServer({ SHUTDOWN_TIMEOUT: "1" });
    const slow = get(server.port, "/slow?ms=20000").then(
      () => "answered",
      (e: NodeJS.ErrnoException) => e.code,
    );
    await sleep(300);
    const stoppedAt = Date.now();
    server.child.kill("SIGTERM");
    await stoppingSaid(server);
    expect(await slow).toBe("ECONNRESET");
    expect(await server.exited).toBe(0);
    const took = Date.now() - stoppedAt;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5000);
  });
});

describe("SHUTDOWN_TIMEOUT", () => {
  it("is 10 seconds unless set to a number of seconds", () => {
    expect(shutdownTimeoutMs({})).toBe(10_000);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT: "3" })).toBe(3_000);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT: "0" })).toBe(0);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT: "soon" })).toBe(10_000);
    expect(shutdownTimeoutMs({ SHUTDOWN_TIMEOUT: " " })).toBe(10_000);
  });
});
