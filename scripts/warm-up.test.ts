import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { LATE_MS, warmUp, warmUpMs } from "./warm-up";

/** A server that answers every request with `status` and records what it was asked. */
function recordingServer(status = 200) {
  const asked: { path: string; cookie?: string; encoding?: string }[] = [];
  let open = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    asked.push({ path: req.url ?? "", cookie: req.headers.cookie, encoding: req.headers["accept-encoding"] });
    res.writeHead(status, { "Content-Type": "text/html" }).end("<p>A page</p>".repeat(2000));
  });
  server.on("connection", (socket) => {
    open++;
    socket.on("close", () => open--);
  });
  return { server, asked, open: () => open };
}

describe("warming up before taking connections", () => {
  it("asks the server for each page in turn, in both encodings, as a visitor without a session", async () => {
    const { server, asked, open } = recordingServer();
    const outcome = await warmUp(server, ["/", "/courses", "/courses/circular-ict"], { ms: 300 });
    expect(outcome.failed).toBe(false);
    expect(outcome.answered).toBe(asked.length);
    expect(asked.length).toBeGreaterThanOrEqual(6);
    expect(new Set(asked.map((a) => a.path))).toEqual(new Set(["/", "/courses", "/courses/circular-ict"]));
    expect(new Set(asked.map((a) => a.encoding))).toEqual(new Set(["br, gzip", "gzip"]));
    // One made-up session id for the whole warm-up: looked up, found nowhere.
    expect(new Set(asked.map((a) => a.cookie)).size).toBe(1);
    expect(asked[0]!.cookie).toMatch(/^gda_session=[0-9a-f]{40}$/);
    // No port was opened, and every connection in memory is closed afterwards.
    expect(server.listening).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(open()).toBe(0);
  });

  it("stops at the first failed page, and not at all when it is switched off", async () => {
    const failing = recordingServer(500);
    const started = Date.now();
    const outcome = await warmUp(failing.server, ["/"], { ms: 5_000, connections: 2 });
    expect(outcome).toEqual({ answered: 0, failed: true });
    expect(failing.asked).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(2_000);

    const off = recordingServer();
    expect(await warmUp(off.server, ["/"], { ms: 0 })).toEqual({ answered: 0, failed: false });
    expect(off.asked).toHaveLength(0);
  });

  it("gives up on a page that never answers soon after its time is up", async () => {
    let open = 0;
    const server = createServer(() => {
      // Takes the request and never answers, like a page waiting on a database that hangs.
    });
    server.on("connection", (socket) => {
      open++;
      socket.on("close", () => open--);
    });
    const started = Date.now();
    const outcome = await warmUp(server, ["/"], { ms: 200, connections: 2 });
    expect(outcome).toEqual({ answered: 0, failed: true });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(200 + LATE_MS - 50);
    expect(took).toBeLessThan(200 + LATE_MS + 1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(open).toBe(0);
  });

  it("lasts WARM_UP_MS, 2 seconds unless set", () => {
    expect(warmUpMs({})).toBe(2_000);
    expect(warmUpMs({ WARM_UP_MS: "0" })).toBe(0);
    expect(warmUpMs({ WARM_UP_MS: "500" })).toBe(500);
    expect(warmUpMs({ WARM_UP_MS: "soon" })).toBe(2_000);
  });
});
