// Pages that are the same for everyone who is signed out (home, catalogue, course pages, glossaries,
// the open first lesson) are rendered once, compressed once per encoding, and served from this
// process's memory with an ETag, so that a browser holding the page gets a 304. A route opts in
// by answering with `Cache-Control: public` (see app/http/cache.server.ts); anything personal
// (a signed-in person, a cookie being set) never comes here.
//
// A cached page is served to many people, so its inline scripts cannot carry a per-response CSP
// nonce: the policy sent with it lists the SHA-256 hashes of its inline scripts instead.
import { createHash } from "node:crypto";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";

export type Encoding = "br" | "gzip" | "identity";

export type CachedPage = {
  status: number;
  headers: [string, string][];
  body: Buffer;
  etag: string;
  /** `'sha256-…'` sources for the page's inline scripts (HTML only). */
  scriptHashes: string[];
  encoded: Partial<Record<Encoding, Buffer>>;
  storedAt: number;
};

/** What a cached page may be keyed on besides its address: everything else is the same for everyone. */
export type PageKey = {
  url: string;
  /** The published catalogue's revision: a publication makes every page new. */
  revision: string;
  /** Request headers the page may depend on (cookies such as a language or data-saver choice, Save-Data…). */
  varies: string[];
};

const keyOf = (k: PageKey) => JSON.stringify([k.url, k.revision, ...k.varies]);

/**
 * Whether a response may be stored for everyone: a 200 that sets no cookie, marked public and
 * must-revalidate (as app/http/cache.server.ts marks pages). Other public answers (a status list
 * clients may keep five minutes, say) are not kept here: they must be fresh when asked.
 */
export function isCacheable(status: number, headers: Headers): boolean {
  const cacheControl = headers.get("Cache-Control") ?? "";
  return (
    status === 200 &&
    /(^|,)\s*public\s*(,|$)/i.test(cacheControl) &&
    /(^|,)\s*must-revalidate\s*(,|$)/i.test(cacheControl) &&
    !headers.has("Set-Cookie") &&
    !/text\/event-stream/i.test(headers.get("Content-Type") ?? "")
  );
}

/** The hashes of the inline scripts of an HTML page, as CSP sources. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(match[1])) continue;
    hashes.add(`'sha256-${createHash("sha256").update(match[2], "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The best encoding the client accepts of those we send. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get("*") ?? 0) > 0;
  if (ok("br")) return "br";
  if (ok("gzip")) return "gzip";
  return "identity";
}

/**
 * A body in this encoding: at the best (slowest) setting by default, for what is compressed once and
 * kept; `fast` for a page made for one request. Brotli 5 (what browsers ask for over HTTPS): a
 * lesson page of 36 KiB in 0.5 ms, 8.2 KiB. Gzip 3, where zlib's curve bends: 0.10 ms and 9.4 KiB,
 * against 0.33 ms and 8.8 KiB at its default of 6 (nginx's default is 1).
 */
export function encode(body: Buffer, encoding: Encoding, { fast = false } = {}): Buffer {
  if (encoding === "br")
    return brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: fast ? 5 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
  if (encoding === "gzip") return gzipSync(body, { level: fast ? 3 : 9 });
  return body;
}

/** The same, off the main thread (zlib's thread pool): for the build, which compresses many files. */
export function encodeAsync(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === "identity") return Promise.resolve(body);
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, result: Buffer) => (error ? reject(error) : resolve(result));
    if (encoding === "br")
      brotliCompress(
        body,
        { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } },
        done,
      );
    else gzip(body, { level: 9 }, done);
  });
}

export class PublicPageCache {
  readonly #pages = new Map<string, CachedPage>();

  /**
   * @param maxPages pages kept (the least recently used go first)
   * @param maxAgeMs how long a page is served before it is rendered again (what a page shows
   *   besides the published courses, e.g. counts, may change meanwhile)
   */
  constructor(
    private readonly maxPages = 500,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(key: PageKey, now = Date.now()): CachedPage | undefined {
    const k = keyOf(key);
    const page = this.#pages.get(k);
    if (!page) return undefined;
    this.#pages.delete(k);
    if (now - page.storedAt > this.maxAgeMs) return undefined;
    this.#pages.set(k, page); // most recently used last
    return page;
  }

  put(key: PageKey, status: number, headers: Headers, body: Buffer, now = Date.now()): CachedPage {
    const isHtml = /text\/html/i.test(headers.get("Content-Type") ?? "");
    const kept = [...headers.entries()].filter(
      ([name]) => !["content-length", "content-encoding", "etag", "content-security-policy"].includes(name),
    );
    const page: CachedPage = {
      status,
      headers: kept,
      body,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
      scriptHashes: isHtml ? inlineScriptHashes(body.toString("utf8")) : [],
      encoded: { identity: body },
      storedAt: now,
    };
    const k = keyOf(key);
    this.#pages.delete(k);
    this.#pages.set(k, page);
    while (this.#pages.size > this.maxPages) this.#pages.delete(this.#pages.keys().next().value!);
    return page;
  }

  /** The page's body in this encoding, compressed the first time it is asked for. */
  static bodyIn(page: CachedPage, encoding: Encoding): Buffer {
    return (page.encoded[encoding] ??= encode(page.body, encoding));
  }

  get size() {
    return this.#pages.size;
  }
}

/** Whether the client's copy (If-None-Match) is this page. */
export function isFresh(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}
