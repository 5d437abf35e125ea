// `npm start`: build when there is no build yet (else bring the compiled course content up to date
// with content/, failing on broken content), migrate, sync the course catalogue, seed when empty,
// then serve the production build on PORT (default 3000) from one worker process per core
// (WEB_CONCURRENCY sets how many; 1 serves from this process). Workers share nothing in memory that
// another would need: sessions, rate limits, the outbox, media and published courses are in the database.
import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { log } from "../app/log.server";

process.env.NODE_ENV ??= "production";
const port = Number(process.env.PORT ?? 3000);

/** How many worker processes serve: WEB_CONCURRENCY, else one per core. */
export function workerCount(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const configured = Number(env.WEB_CONCURRENCY);
  return Number.isInteger(configured) && configured > 0 ? configured : cores;
}

if (cluster.isPrimary) {
  if (!existsSync("build/server/index.js")) {
    log.info("No production build yet: building…");
    await import("./build");
  } else {
    const { buildContent } = await import("./content-build");
    try {
      await buildContent();
    } catch (e) {
      log.error((e as Error).message);
      process.exit(1);
    }
  }
  const { prepare } = await import("./prepare");
  await prepare();
  const count = workerCount();
  if (count === 1) {
    const { serve } = await import("./server");
    await serve(port);
  } else {
    const { superviseWorkers } = await import("./cluster");
    superviseWorkers(count);
  }
} else {
  const { serve } = await import("./server");
  await serve(port, { background: process.env.WORKER_INDEX === "0" ? "all" : "sender" });
}
