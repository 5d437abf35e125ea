import { randomBytes } from "node:crypto";
import { createServer, get, IncomingMessage, request, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, createGunzip, gunzipSync, gzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { describe, expect, it } from "vitest";
import {
  bodyLimitFor,
  httpServerFor,
  newNonce,
  sendPage,
  sendPageWhole,
  toWebRequest,
  writeWithoutFlushing,
} from "./server";

const KiB = 1024;

describe("CSP nonces", () => {
  it("are 16 random bytes each, never the same twice, across refills of their buffer", () => {
    const nonces = Array.from({ length: 1_000 }, () => newNonce());
    expect(new Set(nonces).size).toBe(1_000);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
    expect(nonces.every((nonce) => /^[A-Za-z0-9+/]{22}==$/.test(nonce))).toBe(true);
  });
});

describe("the HTTP server of the app", () => {
  it("makes requests and responses with Express's prototypes, on which Express's methods work", async () => {
    const app = express();
    app.get("/things/:id", (req, res) => {
      res.status(201).json({
        expressRequest: Object.getPrototypeOf(req) === app.request,
        expressResponse: Object.getPrototypeOf(res) === app.response,
        nodeClasses: req instanceof IncomingMessage && res instanceof ServerResponse,
        id: req.params.id,
        accept: req.get("Accept"),
      });
    });
    const server = httpServerFor(app);
    // What the objects are before Express sees them: born with its prototypes, not given them.
    const born: boolean[] = [];
    server.prependListener("request", (req: IncomingMessage, res: ServerResponse) =>
      born.push(Object.getPrototypeOf(req) === app.request, Object.getPrototypeOf(res) === app.response),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/things/42`, { headers: { Accept: "application/json" } });
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual({
        expressRequest: true,
        expressResponse: true,
        nodeClasses: true,
        id: "42",
        accept: "application/json",
      });
      expect(born).toEqual([true, true]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the web request handed to Remix", () => {
  /** Sends a request that is never answered and goes away after its headers (and part of its body). */
  async function leaveEarly(method: "GET" | "POST") {
    const app = express();
    const aborted = new Promise<boolean>((resolve) => {
      app.all("/leave", (req, res) => {
        const { request } = toWebRequest(req, res);
        res.on("close", () => setImmediate(() => resolve(request.signal.aborted)));
      });
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = request({
        port,
        host: "127.0.0.1",
        path: "/leave",
        method,
        headers: method === "POST" ? { "Content-Type": "text/plain", "Content-Length": "100" } : {},
      });
      client.on("error", () => {});
      if (method === "POST") client.write("part of it");
      else client.end();
      setTimeout(() => client.destroy(), 100);
      return await aborted;
    } finally {
      server.close();
    }
  }

  it("is aborted when a client sending a body goes away, and a GET carries no signal that aborts", async () => {
    expect(await leaveEarly("POST")).toBe(true);
    expect(await leaveEarly("GET")).toBe(false);
  });
});

describe("request body limits", () => {
  it("allow 6 MiB only for an image upload to a course's media", () => {
    for (const path of ["/author/green-it/media", "/author/green-it/media/", "/author/green-it/media.data"]) {
      expect(bodyLimitFor("POST", path), path).toBe(6 * 1024 * KiB);
    }
    expect(bodyLimitFor("post", "/author/green-it/media")).toBe(6 * 1024 * KiB);
  });

  it("keep 64 KiB everywhere else, other methods and neighbouring addresses included", () => {
    for (const [method, path] of [
      ["POST", "/login"],
      ["POST", "/"],
      ["PUT", "/author/green-it/media"],
      ["PATCH", "/author/green-it/media"],
      ["POST", "/author/media"],
      ["POST", "/author/a/b/media"],
      ["POST", "/author/green-it/media/extra"],
      ["POST", "/author/green-it/mediax"],
      ["POST", "/x/author/green-it/media"],
      ["POST", "/author/green-it/lessons"],
    ]) {
      expect(bodyLimitFor(method, path), `${method} ${path}`).toBe(64 * KiB);
    }
  });
});

describe("writing a streamed response to a slow client", () => {
  const CHUNK = 64 * KiB;
  const CHUNKS = 48;

  /** A server whose one route streams CHUNKS chunks of random (incompressible) bytes through compression. */
  async function streamingServer(onCancel: () => void) {
    const added: number[] = [];
    const app = express();
    app.use(compression());
    app.get("/download", async (_req, res) => {
      res.setHeader("Content-Type", "text/plain");
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ === CHUNKS) controller.close();
          else controller.enqueue(randomBytes(CHUNK));
        },
        cancel: onCancel,
      });
      const before = res.listenerCount("close");
      await writeWithoutFlushing(body, res);
      added.push(res.listenerCount("close") - before);
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { server, port, added };
  }

  it("waits for the client as often as needed with one listener per response, and sends every byte", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const { server, port, added } = await streamingServer(() => {});
    try {
      const received = await new Promise<number>((resolve, reject) => {
        get({ port, path: "/download", headers: { "Accept-Encoding": "gzip" } }, (response) => {
          expect(response.headers["content-encoding"]).toBe("gzip");
          const gunzip = response.pipe(createGunzip());
          let bytes = 0;
          // Read slowly, so that the server has to wait for the client many times.
          gunzip.on("data", (data: Buffer) => {
            bytes += data.length;
            gunzip.pause();
            setTimeout(() => gunzip.resume(), 2);
          });
          gunzip.on("end", () => resolve(bytes));
          gunzip.on("error", reject);
        }).on("error", reject);
      });
      expect(received).toBe(CHUNK * CHUNKS);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(added).toEqual([expect.any(Number)]);
      expect(added[0]).toBeLessThanOrEqual(1);
      expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
      server.close();
    }
  });

  it("stops reading the body when the client goes away", async () => {
    let cancelled!: () => void;
    const cancel = new Promise<void>((resolve) => (cancelled = resolve));
    const { server, port } = await streamingServer(() => cancelled());
    try {
      await new Promise<void>((resolve, reject) => {
        const request = get({ port, path: "/download", headers: { "Accept-Encoding": "gzip" } }, (response) => {
          response.once("data", () => {
            request.destroy();
            resolve();
          });
        }).on("error", () => {});
        request.on("error", reject);
      });
      await expect(
        Promise.race([cancel.then(() => "cancelled"), new Promise((r) => setTimeout(() => r("still reading"), 5000))]),
      ).resolves.toBe("cancelled");
    } finally {
      server.close();
    }
  });
});

describe("a page made for one request", () => {
  /** A server whose one route writes `page` in pieces of `piece` characters, as React does. */
  async function pageServer(page: string, piece: number, gzipped?: () => Buffer | null) {
    const app = express();
    app.use(compression());
    app.get("/page", async (_req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      // A kept page comes whole, beside its gzip form.
      if (gzipped) return sendPage(res, Buffer.from(page), gzipped);
      const pieces = page.match(new RegExp(`[\\s\\S]{1,${piece}}`, "g")) ?? [];
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = pieces.shift();
          if (next === undefined) controller.close();
          else controller.enqueue(new TextEncoder().encode(next));
        },
      });
      await sendPageWhole(res, new Response(body));
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, port: (server.address() as AddressInfo).port };
  }

  function fetchRaw(port: number, acceptEncoding: string) {
    return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      get({ port, host: "127.0.0.1", path: "/page", headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
  }

  it("is sent in the gzip form it comes with when gzip is the client's best encoding", async () => {
    const page = `<!DOCTYPE html><html><body>${"<p>A kept lesson page.</p>".repeat(800)}</body></html>`;
    const asked: string[] = [];
    let answer: "own" | "none" = "own";
    const own = () => (asked.push(page), answer === "own" ? gzipSync(page, { level: 1 }) : null);
    const { server, port } = await pageServer(page, 700, own);
    try {
      const gzip = await fetchRaw(port, "gzip");
      expect(asked).toEqual([page]);
      expect(gzip.body.equals(gzipSync(Buffer.from(page), { level: 1 }))).toBe(true);
      expect(gzip.headers["content-length"]).toBe(String(gzip.body.length));
      const br = await fetchRaw(port, "gzip, br");
      expect(asked).toHaveLength(1);
      expect(brotliDecompressSync(br.body).toString()).toBe(page);
      // Without a gzip form after all: compressed here, as any page.
      answer = "none";
      const fallback = await fetchRaw(port, "gzip");
      expect(asked).toHaveLength(2);
      expect(gunzipSync(fallback.body).toString()).toBe(page);
    } finally {
      server.close();
    }
  });

  it("is compressed once, whole, with its length, in the encoding the client prefers", async () => {
    const page = `<!DOCTYPE html><html><body>${"<p>Lesson text, written in pieces.</p>".repeat(800)}</body></html>`;
    const { server, port } = await pageServer(page, 700);
    try {
      const br = await fetchRaw(port, "gzip, br");
      expect(br.headers["content-encoding"]).toBe("br");
      expect(br.headers["content-length"]).toBe(String(br.body.length));
      expect(br.headers["transfer-encoding"]).toBeUndefined();
      expect(br.headers["vary"]).toMatch(/Accept-Encoding/);
      expect(brotliDecompressSync(br.body).toString()).toBe(page);
      const gzip = await fetchRaw(port, "gzip");
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      const gunzip = createGunzip();
      const text = new Promise<string>((resolve) => {
        const out: Buffer[] = [];
        gunzip.on("data", (c: Buffer) => out.push(c)).on("end", () => resolve(Buffer.concat(out).toString()));
      });
      gunzip.end(gzip.body);
      expect(await text).toBe(page);
      const plain = await fetchRaw(port, "identity");
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.body.toString()).toBe(page);
    } finally {
      server.close();
    }
  });

  it("is sent as it is when it is small", async () => {
    const page = "<!DOCTYPE html><p>Short.</p>";
    const { server, port } = await pageServer(page, 5);
    try {
      const res = await fetchRaw(port, "br");
      expect(res.headers["content-encoding"]).toBeUndefined();
      expect(res.body.toString()).toBe(page);
    } finally {
      server.close();
    }
  });
});
