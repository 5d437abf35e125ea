// A server process's life for load balancers and orchestrators: GET /healthz (the process is up),
// GET /readyz (it can serve: see app/health/readiness.server.ts), and a graceful stop on SIGTERM
// or SIGINT. Both endpoints are answered before sessions, compression and Remix, and never cached.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import express, { type Router } from "express";
import type { Readiness } from "../app/health/readiness.server";
import { log } from "../app/log.server";

/** Seconds that requests in flight get to finish once the process is asked to stop (SHUTDOWN_TIMEOUT). */
export function shutdownTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const seconds = Number(env.SHUTDOWN_TIMEOUT);
  return (Number.isFinite(seconds) && seconds >= 0 && env.SHUTDOWN_TIMEOUT?.trim() ? seconds : 10) * 1000;
}

/** Whether this process has begun to stop; /readyz then answers 503 so that balancers stop sending. */
export const lifecycle = { stopping: false };

export function healthRoutes(ready: () => Promise<Readiness>): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    res.type("text/plain").send("ok");
  });
  router.get("/readyz", async (_req, res) => {
    res.setHeader("Cache-Control", "no-store");
    if (lifecycle.stopping) {
      res.status(503).json({ ready: false, checks: { shutdown: { ok: false, reason: "shutting down" } } });
      return;
    }
    try {
      const readiness = await ready();
      res.status(readiness.ready ? 200 : 503).json(readiness);
    } catch (e) {
      res.status(503).json({ ready: false, checks: { server: { ok: false, reason: (e as Error).message } } });
    }
  });
  return router;
}

/**
 * Keeps count of the requests in flight on each connection of `server`, so that a graceful stop
 * can close each connection as soon as it has nothing left to answer. Call `track` for requests
 * that reach the app without the server's "request" event (e.g. after `Expect: 100-continue`).
 */
export function connectionTracker(server: Server) {
  const sockets = new Set<Socket>();
  const busy = new Map<Socket, number>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => {
      sockets.delete(socket);
      busy.delete(socket);
    });
  });
  const track = (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    busy.set(socket, (busy.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (busy.get(socket) ?? 1) - 1;
      if (left > 0) return void busy.set(socket, left);
      busy.delete(socket);
      if (lifecycle.stopping) socket.end();
    });
  };
  server.on("request", track);
  return {
    track,
    /** Ends the connections with nothing in flight (the others end after their last answer). */
    endIdle: () => sockets.forEach((s) => busy.has(s) || s.end()),
    destroyAll: () => sockets.forEach((s) => s.destroy()),
  };
}

/**
 * Stops the server gracefully: /readyz turns 503, the listening socket closes (new connections are
 * refused), idle keep-alive connections are closed, requests in flight may finish (each connection
 * closes after its last answer), and the background work stops after what it is doing (the outbox
 * sender finishes the message it is sending). After `timeoutMs` the remaining connections are cut.
 * Resolves when everything has stopped.
 */
export async function stopGracefully(
  server: Server,
  connections: ReturnType<typeof connectionTracker>,
  { timeoutMs, stopBackground }: { timeoutMs: number; stopBackground: () => Promise<void> },
): Promise<void> {
  lifecycle.stopping = true;
  const drained = new Promise<void>((resolve) => server.close(() => resolve()));
  connections.endIdle();
  const cut = setTimeout(connections.destroyAll, timeoutMs);
  try {
    await Promise.all([drained, stopBackground()]);
  } finally {
    clearTimeout(cut);
  }
}

/** Sends `Connection: close` with every answer once the process is stopping. */
export function closeConnectionsWhenStopping(_req: express.Request, res: express.Response, next: express.NextFunction) {
  if (lifecycle.stopping) res.setHeader("Connection", "close");
  next();
}

/**
 * On SIGTERM or SIGINT: stop gracefully (above): requests in flight get SHUTDOWN_TIMEOUT seconds
 * (default 10) to finish, the background work (the outbox sender) finishes what it is doing, then
 * the process exits. Outbox messages not yet sent stay there for the next start.
 */
export function stopOnSignal(
  server: Server,
  connections: ReturnType<typeof connectionTracker>,
  stopBackground: () => Promise<void>,
) {
  const timeoutMs = shutdownTimeoutMs();
  const stop = (signal: string) => {
    // A cluster's workers may get the signal twice: from the terminal and from the primary.
    if (lifecycle.stopping) return;
    log.info(`${signal}: finishing the requests in flight, then stopping.`);
    stopGracefully(server, connections, { timeoutMs, stopBackground })
      .catch((e: unknown) => log.error({ err: e }, "Stopping failed"))
      .finally(() => process.exit(0));
    // Whatever still runs a second after the connections were cut (e.g. a mail server that hangs) is abandoned.
    setTimeout(() => process.exit(0), timeoutMs + 1000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
