// The HTTP server: Express with compression, security headers, request-body limits, an Origin check
// on state-changing requests, long-lived caching of hashed assets, and the Remix request handler.
// In development it mounts Vite's dev server instead of the production build.
import cluster from "node:cluster";
import { randomFillSync } from "node:crypto";
import { createServer as createHttpServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import { constants as zlibConstants } from "node:zlib";
import {
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import type { authenticate } from "../app/auth/auth.server";
import type { startReminders } from "../app/cohorts/reminders.server";
import type { ensureCatalogue, loadedCatalogueRevision } from "../app/content/catalogue.server";
import { holdDatabaseLock } from "../app/db/backup.server";
import { databaseUrl } from "../app/db/url.server";
import type { startMailSender, warmUpPaths } from "../app/entry.server";
import type { checkReadiness } from "../app/health/readiness.server";
import type { bodyTooLargeText } from "../app/http/form.server";
import { log, requestLogging } from "../app/log.server";
import { closeConnectionsWhenStopping, connectionTracker, healthRoutes, stopOnSignal } from "./lifecycle";
import { encode, isCacheable, isFresh, preferredEncoding, PublicPageCache, type CachedPage } from "./public-cache";
import { staticFiles } from "./static-files";
import { warmUp, warmUpMs } from "./warm-up";

// entry.server re-exports `authenticate`, `bodyTooLargeText`, `checkReadiness`, `ensureCatalogue`,
// `loadedCatalogueRevision`, `startMailSender`, `startReminders` and `warmUpPaths`, so the server uses the
// build's own copies.
type Entry = {
  authenticate: typeof authenticate;
  bodyTooLargeText: typeof bodyTooLargeText;
  checkReadiness: typeof checkReadiness;
  ensureCatalogue: typeof ensureCatalogue;
  loadedCatalogueRevision: typeof loadedCatalogueRevision;
  startMailSender: typeof startMailSender;
  startReminders: typeof startReminders;
  warmUpPaths: typeof warmUpPaths;
};

const KiB = 1024;
/** Largest request body anywhere else: forms are small. BODY_LIMIT_BYTES overrides it. */
const DEFAULT_BODY_LIMIT = Number(process.env.BODY_LIMIT_BYTES) > 0 ? Number(process.env.BODY_LIMIT_BYTES) : 64 * KiB;
/**
 * The few requests that may be larger: image uploads to a course's media (POST /author/<course>/media,
 * also as Remix's single-fetch `.data` address). 6 MiB holds a 5 MB image and its form fields.
 */
const LARGER_BODIES: { method: string; path: RegExp; limit: number }[] = [
  { method: "POST", path: /^\/author\/[^/]+\/media(\.data)?\/?$/i, limit: 6 * 1024 * KiB },
  { method: "POST", path: /^\/author\/import(\.data)?\/?$/i, limit: 11 * 1024 * KiB },
  { method: "POST", path: /^\/org\/[^/]+\/cohorts\/[^/]+\/invitations(\.data)?\/?$/i, limit: 3 * 1024 * KiB },
];

/** The largest body accepted for a request with this method and path. */
export function bodyLimitFor(method: string, path: string): number {
  const rule = LARGER_BODIES.find((r) => r.method === method.toUpperCase() && r.path.test(path));
  return rule?.limit ?? DEFAULT_BODY_LIMIT;
}

/** The refusal of a body over the limit when it cannot be worded in the reader's language. */
const TOO_LARGE = "This request is too large.";
/**
 * After refusing a body, up to this much more of it is read and dropped (not parsed, not kept) so
 * that a client which reads only after sending everything still gets the 413; past it, or after
 * LINGER_MS, the connection is cut.
 */
const LINGER_BYTES = 16 * 1024 * KiB;
const LINGER_MS = 10_000;

function declaredTooLarge(req: IncomingMessage): boolean {
  const length = Number(req.headers["content-length"]);
  return (
    Number.isFinite(length) && length > bodyLimitFor(req.method ?? "GET", new URL(req.url ?? "/", "http://x").pathname)
  );
}

export async function createServer() {
  const dev = process.env.NODE_ENV !== "production";
  const vite = dev ? await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } })) : undefined;
  const loadBuild = async () =>
    (vite
      ? await vite.ssrLoadModule("virtual:remix/server-build")
      : await import(new URL("../build/server/index.js", import.meta.url).href)) as ServerBuild;

  const build = vite ? undefined : await loadBuild();
  const getBuild = async () => build ?? (await loadBuild());

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  // Every request gets an id (X-Request-Id) carried by its log lines, and one access log line.
  app.use(requestLogging);
  app.use(closeConnectionsWhenStopping);
  // /healthz and /readyz: before sessions, compression and Remix (see lifecycle.ts).
  app.use(healthRoutes(async () => ((await getBuild()).entry.module as unknown as Entry).checkReadiness()));
  // A body over the limit is refused in the reader's language (their account's, else the one the
  // request asks for), in English if that cannot be told. `known`: who is asking, when already read.
  const tooLargeText = async (req: IncomingMessage, known?: { user: { language: string | null } | null }) => {
    try {
      const entry = (await getBuild()).entry.module as unknown as Entry;
      const headers = new Headers();
      for (const name of ["cookie", "accept-language"]) {
        const value = req.headers[name];
        if (typeof value === "string") headers.set(name, value);
      }
      const { user } = known ?? (await entry.authenticate(req.headers.cookie));
      const url = new URL(req.url ?? "/", "http://localhost");
      return await entry.bodyTooLargeText(
        new Request(url, { headers }),
        user,
        bodyLimitFor(req.method ?? "GET", url.pathname),
      );
    } catch (error) {
      log.warn({ err: error }, "The refusal of a large body could not be worded in the reader's language");
      return TOO_LARGE;
    }
  };
  app.locals.tooLargeText = tooLargeText;
  app.use(refuseLargeBodies(tooLargeText));
  app.use(refuseMalformedPaths);
  // The build's client files, from memory and compressed once (see static-files.ts).
  if (!vite) app.use(staticFiles("build/client"));
  // What is made per request (pages are compressed whole instead: see sendPageWhole), at Brotli
  // quality 5 like them: a lesson page comes out about 7 % smaller than at the library's default
  // of 4 (9.0 → 8.4 KiB) for about 0.3 ms more.
  app.use(compression({ brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } } }));
  app.use(securityHeaders(dev));
  app.use(refuseCrossOrigin);
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  if (vite) app.use(vite.middlewares);

  // The build itself in production: a function would make Remix derive its route tables on every request.
  const handleRequest = createRequestHandler(build ?? getBuild, dev ? "development" : "production");
  const publicPages = new PublicPageCache();
  app.all("*", async (req, res, next) => {
    try {
      const { request, overLimit } = toWebRequest(req, res);
      const entry = (await getBuild()).entry.module as unknown as Entry;
      const [auth] = await Promise.all([entry.authenticate(req.headers.cookie), entry.ensureCatalogue()]);
      if (auth.setCookie) res.append("Set-Cookie", auth.setCookie);
      const context: AppLoadContext = {
        auth: { user: auth.user, session: auth.session },
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        documentRequest: !req.path.endsWith(".data"),
        serverHtml: new Map(),
      };
      // Signed out, asking for a page: it may be one that is the same for everyone (see public-cache.ts).
      const pageKey =
        !dev && !auth.user && !auth.setCookie && (req.method === "GET" || req.method === "HEAD")
          ? {
              url: req.originalUrl,
              revision: entry.loadedCatalogueRevision(),
              varies: PAGE_VARIES.map((h) => req.get(h) ?? ""),
            }
          : null;
      const cached = pageKey && publicPages.get(pageKey);
      if (cached) return sendPublicPage(req, res, cached);
      const response = await handleRequest(request, context);
      if (pageKey && isCacheable(response.status, response.headers)) {
        const body = Buffer.from(await response.arrayBuffer());
        return sendPublicPage(req, res, publicPages.put(pageKey, response.status, response.headers, body));
      }
      if (overLimit()) {
        // The body grew past the limit while streaming (no Content-Length to refuse it earlier).
        // Let the page that was rendered meanwhile finish (cancelling it would log an error), then drop it.
        await response.arrayBuffer().catch(() => {});
        res
          .status(413)
          .type("text/plain")
          .send(await tooLargeText(req, auth));
        return;
      }
      await sendResponse(res, response, { personal: Boolean(auth.user), keptPage: context.keptPage });
    } catch (error) {
      next(error);
    }
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    log.error({ err: error }, "A request failed");
    if (!res.headersSent) res.status(500).type("text/plain").send("Something went wrong on our side.");
  });
  app.locals.loadEntry = async () => (await getBuild()).entry.module as unknown as Entry;
  return app;
}

/** Refuses a body whose declared length is over the limit before reading any of it. */
function refuseLargeBodies(wording: (req: IncomingMessage) => Promise<string>) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!declaredTooLarge(req)) return next();
    linger(req);
    void wording(req).then((text) => {
      if (!res.headersSent && !res.destroyed) res.status(413).type("text/plain").send(text);
    });
  };
}

/** An address with a broken %-escape (e.g. /verify/%FF) cannot name anything here. */
function refuseMalformedPaths(req: Request, res: Response, next: NextFunction) {
  try {
    decodeURIComponent(req.path);
  } catch {
    res.status(400).type("text/plain").send("This address is not properly encoded.");
    return;
  }
  next();
}

/**
 * Reads and drops what is left of a refused body, so that the client, still sending, gets to read
 * the 413 instead of a connection reset; past LINGER_BYTES or LINGER_MS the connection is cut.
 */
function linger(req: IncomingMessage) {
  if (req.complete) return;
  const cut = () => req.socket?.destroy();
  const timer = setTimeout(cut, LINGER_MS).unref();
  let dropped = 0;
  req.on("data", (chunk: Buffer) => {
    dropped += chunk.byteLength;
    if (dropped > LINGER_BYTES) {
      clearTimeout(timer);
      cut();
    }
  });
  req.once("end", () => clearTimeout(timer));
  req.resume();
}

/**
 * The request body as a Fetch API stream that ends in an error once it passes `limit` bytes. It reads
 * nothing until asked, so a body nobody reads is left to Node, which drops it after the response.
 */
function limitedBody(req: IncomingMessage, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let started = false;
  let finished = false;
  let size = 0;
  const detach = () => {
    finished = true;
    req.off("data", onData).off("end", onEnd).off("error", onError);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > limit) {
      onExceeded();
      detach();
      controller.error(new Error(TOO_LARGE));
      linger(req);
      return;
    }
    controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller.desiredSize ?? 0) <= 0) req.pause();
  };
  const onEnd = () => {
    detach();
    controller.close();
  };
  const onError = (error: Error) => {
    detach();
    controller.error(error);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        if (finished) return;
        if (!started) {
          started = true;
          req.on("data", onData).on("end", onEnd).on("error", onError);
        }
        req.resume();
      },
      cancel() {
        if (finished) return;
        detach();
        linger(req);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The Fetch API request Remix handles; its body stream stops at the path's body limit. */
export function toWebRequest(req: Request, res: Response) {
  // req.hostname follows X-Forwarded-Host only when "trust proxy" is on; keep the port.
  const port = (req.get("X-Forwarded-Host") ?? req.get("host") ?? "").split(":")[1];
  const url = new URL(
    `${req.protocol}://${req.hostname}${port && /^\d+$/.test(port) ? `:${port}` : ""}${req.originalUrl}`,
  );
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else if (value !== undefined) headers.set(key, value);
  }
  let exceeded = false;
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers };
  // A request with a body is aborted when its client goes away (an upload stops being read). A GET
  // or HEAD is not: the page is made and dropped, and a download stops when the client does (see
  // writeWithoutFlushing). Its signal would cost every page an AbortController, a listener and an
  // entry in undici's FinalizationRegistry, and V8 keeps Node's abort signals alive through
  // young-generation collections (see httpServerFor).
  if (req.method !== "GET" && req.method !== "HEAD") {
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    init.signal = controller.signal;
    init.body = limitedBody(req, bodyLimitFor(req.method, req.path), () => (exceeded = true));
    init.duplex = "half";
  }
  return { request: new Request(url, init), overLimit: () => exceeded };
}

/**
 * Writes Remix's response. Pages for a signed-in person (or that set a cookie) must not be stored
 * by shared caches or the browser's back/forward cache unless the route says otherwise.
 */
async function sendResponse(
  res: Response,
  response: globalThis.Response,
  { personal, keptPage }: { personal: boolean; keptPage?: AppLoadContext["keptPage"] },
) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if ((personal || res.getHeader("Set-Cookie")) && !response.headers.has("Cache-Control")) {
    res.setHeader("Cache-Control", "private, no-store");
  }
  const eventStream = /text\/event-stream/i.test(response.headers.get("Content-Type") ?? "");
  if (eventStream) res.flushHeaders();
  if (keptPage && !response.body) sendPage(res, keptPage.page, keptPage.gzip);
  else if (!response.body) res.end();
  // Remix's writer flushes the compressor after every chunk React writes, which compresses each
  // chunk on its own (a lesson page came out ≈ 70 % larger); only an event stream needs that.
  else if (eventStream) await writeReadableStreamToWritable(response.body, res);
  else if (isPage(response)) await sendPageWhole(res, response);
  else await writeWithoutFlushing(response.body, res);
}

/** An HTML page the compressor may encode (downloads and data keep streaming). */
const isPage = (response: globalThis.Response) =>
  /^text\/html/i.test(response.headers.get("Content-Type") ?? "") &&
  !response.headers.has("Content-Encoding") &&
  !/no-transform/i.test(response.headers.get("Cache-Control") ?? "");

/**
 * A page made for this request, read whole and compressed in one call. The compression middleware
 * would compress it piece by piece as React writes it (some twenty pieces for a lesson page), which
 * cost a lesson page about a third of its throughput; no page streams anything the reader would see
 * sooner (no deferred data), so nothing is lost by waiting for the end.
 */
export async function sendPageWhole(res: Response, response: globalThis.Response) {
  let page: Buffer;
  try {
    page = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    res.destroy(error as Error);
    return;
  }
  if (!res.destroyed) sendPage(res, page);
}

/**
 * Sends a whole page in the client's preferred encoding, compressed here, or in the gzip form it
 * comes with (`gzipped`: a kept page's, see page-templates.server.ts) when gzip is that encoding.
 */
export function sendPage(res: Response, page: Buffer, gzipped?: () => Buffer | null) {
  // As the compression middleware would: small pages as they are.
  const encoding = page.length < 1024 ? "identity" : preferredEncoding(res.req.get("Accept-Encoding"));
  const sent = (encoding === "gzip" && gzipped?.()) || encode(page, encoding, { fast: true });
  res.vary("Accept-Encoding");
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", String(sent.length));
  res.end(sent);
}

/** Writes a response body as it comes, letting the compressor see it whole; waits when the client is slow. */
export async function writeWithoutFlushing(body: ReadableStream<Uint8Array>, res: Response) {
  const reader = body.getReader();
  // One "drain" and one "close" listener for the whole response, however often it waits: a
  // listener added per wait would stay behind (compression moves "drain" listeners to its stream).
  let wake: (() => void) | undefined;
  const onWake = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  res.on("drain", onWake);
  res.on("close", onWake);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return void (await reader.cancel());
      if (!res.write(value)) {
        await new Promise<void>((resolve) => (wake = resolve));
        if (res.destroyed) return void (await reader.cancel());
      }
    }
    res.end();
  } catch (error) {
    res.destroy(error as Error);
  }
}

/** Request headers a page for signed-out visitors may depend on; a cached page is kept per their values. */
const PAGE_VARIES = ["Cookie", "Save-Data", "Accept-Language"];

/**
 * Sends a page that is the same for everyone: 304 when the client has it (ETag), else the body in
 * the best encoding the client accepts, compressed once. Its CSP allows exactly its inline scripts.
 */
function sendPublicPage(req: Request, res: Response, page: CachedPage) {
  res.status(page.status);
  for (const [name, value] of page.headers) res.setHeader(name, value);
  res.setHeader("ETag", page.etag);
  res.setHeader("Vary", ["Accept-Encoding", ...PAGE_VARIES].join(", "));
  if (page.scriptHashes.length > 0 || /text\/html/i.test(res.getHeader("Content-Type")?.toString() ?? ""))
    res.setHeader("Content-Security-Policy", contentSecurityPolicy({ dev: false, scripts: page.scriptHashes }));
  if (isFresh(req.get("If-None-Match"), page.etag)) {
    res.status(304).end();
    return;
  }
  const encoding = preferredEncoding(req.get("Accept-Encoding"));
  const body = PublicPageCache.bodyIn(page, encoding);
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", String(body.length));
  if (req.method === "HEAD") res.end();
  else res.end(body);
}

/**
 * The Content-Security-Policy: scripts from this site, and inline scripts only with this response's
 * nonce (or, for a page served to many, with one of its hashes).
 */
function contentSecurityPolicy({ dev, nonce, scripts = [] }: { dev: boolean; nonce?: string; scripts?: string[] }) {
  const inline = [...(nonce ? [`'nonce-${nonce}'`] : []), ...scripts, ...(dev ? ["'unsafe-inline'"] : [])];
  return [
    "default-src 'self'",
    ["script-src 'self'", ...inline].join(" "),
    // The nonce lets the lesson editor (CodeMirror) add its own style sheet.
    ["style-src 'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...(dev ? ["'unsafe-inline'"] : [])].join(" "),
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// A page's CSP nonce: 16 random bytes, each used once. They are cut from a buffer that one call
// into the system's CSPRNG fills for 256 nonces at a time (as Node does for randomUUID), instead
// of one call per page.
const NONCE_BYTES = 16;
const nonces = Buffer.alloc(NONCE_BYTES * 256);
let nonceAt = nonces.length;

export function newNonce(): string {
  if (nonceAt === nonces.length) {
    randomFillSync(nonces);
    nonceAt = 0;
  }
  nonceAt += NONCE_BYTES;
  return nonces.toString("base64", nonceAt - NONCE_BYTES, nonceAt);
}

function securityHeaders(dev: boolean) {
  const hsts = !dev && process.env.HSTS !== "false";
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy({ dev, nonce }));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    // Browsers heed this only over HTTPS; in production the site is served over HTTPS (HSTS=false turns it off).
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    next();
  };
}

/** State-changing requests must come from our own pages. */
function refuseCrossOrigin(req: Request, res: Response, next: NextFunction) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  const site = req.get("sec-fetch-site");
  const own = `${req.protocol}://${req.get("host")}`;
  if ((origin && origin !== own) || site === "cross-site") {
    res.status(403).type("text/plain").send("Cross-origin requests may not change anything here.");
    return;
  }
  next();
}

/** The public URL links and certificates use: PUBLIC_URL, else http://localhost:PORT. */
export function publicUrlNotice(port: number, env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.PUBLIC_URL?.trim();
  if (configured) {
    const valid = URL.canParse(configured) && ["http:", "https:"].includes(new URL(configured).protocol);
    return valid
      ? [`Public URL (from PUBLIC_URL): ${configured.replace(/\/+$/, "")}`]
      : [
          `Warning: PUBLIC_URL is not an http(s) URL: "${configured}". Set it to the address learners use, e.g. https://academy.example.org.`,
        ];
  }
  return [
    `Public URL: http://localhost:${port} (PUBLIC_URL is not set).`,
    `${env.NODE_ENV === "production" ? "Warning: in" : "In"} production, set PUBLIC_URL to the address learners use (e.g. https://academy.example.org): certificate and verification links are built from it.`,
  ];
}

/**
 * The HTTP server of an Express app, its requests and responses born with Express's prototypes.
 * Express gives each request and response its prototype as they arrive (`Object.setPrototypeOf`);
 * V8 then keeps an object given a new prototype and then more properties alive through
 * young-generation collections until a full one, with everything it reaches: a third of the 1.2 MB
 * promoted per young-generation collection of a worker serving lesson pages, collections of 8–18 ms.
 * Born with that prototype, Express's assignment changes nothing and a finished request dies young.
 */
export function httpServerFor(app: express.Express): Server {
  return createHttpServer(
    {
      IncomingMessage: madeWithPrototype(IncomingMessage, app.request),
      ServerResponse: madeWithPrototype(ServerResponse, app.response),
    },
    app,
  );
}

function madeWithPrototype<T extends typeof IncomingMessage | typeof ServerResponse>(base: T, prototype: object): T {
  // Node's own constructors are plain functions that set up `this` (as its subclasses call them).
  const construct = base as unknown as (this: object, ...args: unknown[]) => void;
  function Made(this: object, ...args: unknown[]) {
    construct.apply(this, args);
  }
  Made.prototype = prototype;
  return Made as unknown as T;
}

/**
 * Creates the app and listens on PORT; an `Expect: 100-continue` body over the limit is refused before it is sent.
 * `background` says which background jobs this process runs: all of them (the outbox sender and the
 * hourly reminders), or only the sender (the other workers of a cluster).
 */
export async function serve(
  port = Number(process.env.PORT ?? 3000),
  { background = "all" }: { background?: "all" | "sender" } = {},
) {
  const app = await createServer();
  const server = httpServerFor(app);
  const connections = connectionTracker(server);
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    connections.track(req, res);
    if (!declaredTooLarge(req)) {
      res.writeContinue();
      app(req, res);
      return;
    }
    // The client waits for our go-ahead before sending the body: refuse without ever reading it.
    void (app.locals.tooLargeText as (req: IncomingMessage) => Promise<string>)(req).then((text) => {
      if (!res.headersSent && !res.destroyed)
        res.writeHead(413, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).end(text);
    });
  });
  if (process.env.NODE_ENV === "production") await warmUpBeforeListening(server, app.locals.loadEntry);
  await new Promise<void>((resolve) => server.listen(port, resolve));
  // On SQLite, a lock file beside the database tells `npm run db:restore` that a server uses it.
  holdDatabaseLock(databaseUrl());
  // Delivers the outbox (e-mail and other channels) in the background; see app/mail/sender.server.ts.
  const entry = await (app.locals.loadEntry as () => Promise<Entry>)();
  const sender = entry.startMailSender();
  // Queues cohort reminders (due dates, inactivity) every hour; see app/cohorts/reminders.server.ts.
  const stopReminders = background === "all" ? entry.startReminders() : () => {};
  stopOnSignal(server, connections, () => (stopReminders(), sender.stop()));
  if (cluster.isPrimary || process.env.WORKER_INDEX === "0") {
    log.info(`Green Digital Academy listening on port ${port}`);
    for (const line of publicUrlNotice(port)) log[line.startsWith("Warning") ? "warn" : "info"](line);
  }
  return server;
}

/** See warm-up.ts. The access log is quiet meanwhile (nothing else is served yet); errors still show. */
async function warmUpBeforeListening(server: Server, loadEntry: () => Promise<Entry>) {
  const ms = warmUpMs();
  if (ms === 0) return;
  const entry = await loadEntry();
  await entry.ensureCatalogue();
  const level = log.level;
  if (log.levelVal < log.levels.values.warn!) log.level = "warn";
  const started = Date.now();
  let outcome: Awaited<ReturnType<typeof warmUp>>;
  try {
    outcome = await warmUp(server, entry.warmUpPaths(), { ms });
  } finally {
    log.level = level;
  }
  const took = `${outcome.answered} pages in ${Date.now() - started} ms`;
  if (outcome.failed) log.warn(`The warm-up stopped at a failed request (${took}); serving all the same.`);
  else log.info(`Warmed up: ${took}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve();
}
