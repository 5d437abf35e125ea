// The load side of `npm run bench`: the production server as a child process (with the processes
// of its cluster, for CPU and memory figures), load runs with autocannon, and the static baseline
// (one page served from memory by plain Node `http`).
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

/** Concurrent connections of every load run. */
export const CONNECTIONS = 32;

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject()));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `url` answers 2xx (or 3xx), or fails after `seconds`, or as soon as `child` exits. */
export async function waitFor(url: string, seconds: number, child?: ChildProcess) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}).`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 400) return;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${seconds} s.`);
}

/** Process ids of `pid`'s children and their children (read from /proc). */
function descendants(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* gone meanwhile */
    }
  }
  const all: number[] = [];
  const visit = (p: number) => {
    for (const child of parents.get(p) ?? []) {
      all.push(child);
      visit(child);
    }
  };
  visit(pid);
  return all;
}

export type AppServer = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** The primary and its workers (and any helper process they started, such as the lesson compiler). */
  pids(): number[];
  /** CPU time (user + system, ms) used so far by all of them. */
  cpuMs(): number;
  /** Resident memory summed over them, MiB: now ("VmRSS") or the peak since `resetPeak` ("VmHWM"). */
  memory(field: "VmRSS" | "VmHWM"): number;
  /** Resets the peak memory of each process (Linux clear_refs); false where not allowed. */
  resetPeak(): boolean;
  stop(): Promise<void>;
};

/** Starts the production server as `npm start` does (one worker per core unless WEB_CONCURRENCY). */
export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<AppServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      NODE_ENV: "production",
      COOKIE_SECURE: "false",
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const pid = child.pid!;
  const url = `http://127.0.0.1:${options.port}`;
  const pids = () => [pid, ...descendants(pid)];
  const proc = (p: number, file: string) => {
    try {
      return readFileSync(`/proc/${p}/${file}`, "utf8");
    } catch {
      return "";
    }
  };
  const server: AppServer = {
    url,
    pid,
    child,
    pids,
    cpuMs: () =>
      pids().reduce((sum, p) => {
        const stat = proc(p, "stat");
        if (!stat) return sum;
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
      }, 0),
    memory: (field) =>
      pids().reduce((sum, p) => {
        const line = proc(p, "status")
          .split("\n")
          .find((l) => l.startsWith(`${field}:`));
        return sum + Number(line?.match(/(\d+)/)?.[1] ?? 0) / 1024;
      }, 0),
    resetPeak: () =>
      pids().every((p) => {
        try {
          writeFileSync(`/proc/${p}/clear_refs`, "5");
          return true;
        } catch {
          return false;
        }
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const workers = descendants(pid);
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      // The primary asks its workers to finish the requests in flight (up to 12 s); past 15 s, end all.
      const timer = setTimeout(() => {
        for (const p of [pid, ...workers]) {
          try {
            process.kill(p, "SIGKILL");
          } catch {
            /* already gone */
          }
        }
      }, 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitFor(`${url}/courses`, 180, child);
  } catch (e) {
    await server.stop();
    throw e;
  }
  return server;
}

export type Figures = {
  rps: number;
  p50: number;
  p99: number;
  /** Bytes received per response, headers included. */
  bytes: number;
  /** Responses other than 2xx/3xx, plus connection errors and timeouts. */
  failed: number;
  /** What the failures were, e.g. "3 × 500, 2 timeouts" (empty when none). */
  failures: string;
  requests: number;
  seconds: number;
};

type Outgoing = { method?: "GET" | "POST"; path?: string; headers?: Record<string, string>; body?: string };

/**
 * One load run: `connections` connections for `seconds`, each sending its next request as soon as
 * the last one is answered. `next` (when given) builds each request and `answered` hears each
 * response with what `next` returned for it; `next` returning null ends the run early (nothing
 * left to send).
 */
export function load<T>(options: {
  url: string;
  seconds: number;
  connections?: number;
  headers?: Record<string, string>;
  method?: string;
  body?: string;
  next?: () => { request: Outgoing; tag: T } | null;
  answered?: (tag: T, status: number, headers: Record<string, string | string[]>) => void;
}): Promise<Figures & { ranOut: boolean }> {
  let ranOut = false;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections ?? CONNECTIONS,
        duration: options.seconds,
        method: (options.method ?? "GET") as "GET",
        body: options.body,
        headers: { "accept-encoding": "gzip", ...options.headers },
        requests: options.next
          ? [
              {
                setupRequest: (request, ctx) => {
                  const context = ctx as { tag?: T; last?: Outgoing };
                  const made = options.next!();
                  if (!made) {
                    // Nothing left: stop, and resend this connection's last request meanwhile.
                    if (!ranOut) setImmediate(() => instance.stop());
                    ranOut = true;
                    return { ...request, ...context.last };
                  }
                  context.tag = made.tag;
                  context.last = made.request;
                  return { ...request, ...made.request, headers: { ...request.headers, ...made.request.headers } };
                },
                onResponse: (status, _body, ctx, headers) => {
                  const context = ctx as { tag?: T };
                  if (context.tag !== undefined)
                    options.answered?.(context.tag, status, (headers ?? {}) as Record<string, string | string[]>);
                },
              },
            ]
          : undefined,
      },
      (err, r) => {
        if (err) return reject(err);
        // autocannon counts a timeout as an error too.
        const failed = r["4xx"] + r["5xx"] + r.errors;
        const codes = Object.entries(
          (r as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {},
        )
          .filter(([code]) => Number(code) >= 400)
          .map(([code, { count }]) => `${count} × ${code}`);
        const failures = [
          ...codes,
          ...(r.timeouts ? [`${r.timeouts} timeouts (no answer in 10 s)`] : []),
          ...(r.errors - r.timeouts > 0 ? [`${r.errors - r.timeouts} connection errors`] : []),
        ].join(", ");
        resolve({
          rps: r.requests.average,
          p50: r.latency.p50,
          p99: r.latency.p99,
          bytes: r.requests.total ? r.throughput.total / r.requests.total : 0,
          failed,
          failures,
          requests: r.requests.total,
          seconds: r.duration,
          ranOut,
        });
      },
    );
  });
}

/**
 * The static baseline: `html`, gzip-compressed once, served from memory by a plain Node `http`
 * server in its own process (so that it does not share a thread with the load generator).
 */
export async function staticBaseline(html: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const code = `
    const http = require("node:http");
    const body = Buffer.from(process.env.BASELINE_BODY, "base64");
    http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Content-Length": body.length, "Vary": "Accept-Encoding" });
      res.end(body);
    }).listen(${port}, "127.0.0.1");`;
  const child = spawn(process.execPath, ["-e", code], {
    env: { ...process.env, BASELINE_BODY: gzipSync(html).toString("base64") },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, 10, child);
  return { url, stop: () => void child.kill() };
}
