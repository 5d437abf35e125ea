// The primary process of `npm start` with several workers: forks them (they share the port through
// Node's cluster module), replaces one that dies, and on SIGTERM/SIGINT asks each to finish its
// requests in flight and waits for them (they stop themselves within their grace period).
import cluster, { type Worker } from "node:cluster";
import { log } from "../app/log.server";
import { shutdownTimeoutMs } from "./lifecycle";

/** A worker that dies sooner than this after starting is replaced only after a pause. */
const QUICK_DEATH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;
/** The workers get SHUTDOWN_TIMEOUT to stop (lifecycle.ts); past it and a margin, the primary stops waiting. */
const STOP_WAIT_MS = shutdownTimeoutMs() + 2_000;

export function superviseWorkers(count: number) {
  let stopping = false;
  const started = new Map<Worker, { index: number; at: number }>();
  // Worker 0 also runs the hourly reminders; every worker delivers the outbox (each message is
  // claimed by exactly one sender).
  const fork = (index: number) => started.set(cluster.fork({ WORKER_INDEX: String(index) }), { index, at: Date.now() });
  for (let i = 0; i < count; i++) fork(i);
  log.info(`Serving from ${count} worker processes (WEB_CONCURRENCY=${count}).`);

  cluster.on("exit", (worker, code, signal) => {
    const info = started.get(worker);
    started.delete(worker);
    if (stopping || !info) {
      if (started.size === 0) process.exit(0);
      return;
    }
    log.error(`Worker ${info.index} stopped (${signal ?? `exit code ${code}`}); starting a new one.`);
    const quick = Date.now() - info.at < QUICK_DEATH_MS;
    setTimeout(() => !stopping && fork(info.index), quick ? RESTART_PAUSE_MS : 0);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: asking the workers to finish the requests in flight.`);
    for (const worker of started.keys()) worker.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), STOP_WAIT_MS).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
