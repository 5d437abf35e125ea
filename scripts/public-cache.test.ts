import { createHash } from "node:crypto";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { inlineScriptHashes, isCacheable, isFresh, preferredEncoding, PublicPageCache } from "./public-cache";

const html = (n: number) =>
  `<!DOCTYPE html><html><head><script nonce="x">window.a=${n}</script><script type="module" src="/assets/e.js"></script></head><body>${"<p>Same for everyone</p>".repeat(50)}<script>b()</script></body></html>`;
const headers = (h: Record<string, string> = {}) =>
  new Headers({
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "public, max-age=0, must-revalidate",
    ...h,
  });
const key = (url = "/courses", varies = ["", "", ""], revision = "r1") => ({ url, varies, revision });

describe("pages kept for everyone who is signed out", () => {
  it("are only 200 answers marked public that set no cookie", () => {
    expect(isCacheable(200, headers())).toBe(true);
    expect(isCacheable(200, headers({ "Cache-Control": "private, no-store" }))).toBe(false);
    expect(isCacheable(200, new Headers({ "Content-Type": "text/html" }))).toBe(false);
    expect(isCacheable(200, headers({ "Set-Cookie": "a=b" }))).toBe(false);
    expect(isCacheable(404, headers())).toBe(false);
    expect(isCacheable(302, headers())).toBe(false);
  });

  it("list the SHA-256 of each inline script for the page's CSP, and none for scripts loaded from a file", () => {
    const sha = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;
    expect(inlineScriptHashes(html(1))).toEqual([sha("window.a=1"), sha("b()")]);
  });

  it("are kept per address, catalogue revision and the request headers they may vary on", () => {
    const cache = new PublicPageCache();
    cache.put(key(), 200, headers(), Buffer.from(html(1)));
    expect(cache.get(key())?.body.toString()).toBe(html(1));
    expect(cache.get(key("/courses?level=advanced"))).toBeUndefined();
    expect(cache.get(key("/courses", ["lang=ar", "", ""]))).toBeUndefined();
    expect(cache.get(key("/courses", ["", "on", ""]))).toBeUndefined();
    expect(cache.get(key("/courses", ["", "", ""], "r2"))).toBeUndefined();
  });

  it("expire after their time and drop the least recently used past the limit", () => {
    const cache = new PublicPageCache(2, 1000);
    cache.put(key("/a"), 200, headers(), Buffer.from("a"), 0);
    cache.put(key("/b"), 200, headers(), Buffer.from("b"), 0);
    expect(cache.get(key("/a"), 10)).toBeDefined(); // /a is now the most recently used
    cache.put(key("/c"), 200, headers(), Buffer.from("c"), 10);
    expect(cache.get(key("/b"), 20)).toBeUndefined();
    expect(cache.get(key("/a"), 20)).toBeDefined();
    expect(cache.get(key("/c"), 2000)).toBeUndefined();
  });

  it("are compressed once per encoding, and the compressed bodies are the page", () => {
    const cache = new PublicPageCache();
    const page = cache.put(key(), 200, headers({ "Content-Length": "1", ETag: "old" }), Buffer.from(html(2)));
    const gzip = PublicPageCache.bodyIn(page, "gzip");
    expect(PublicPageCache.bodyIn(page, "gzip")).toBe(gzip);
    expect(gunzipSync(gzip).toString()).toBe(html(2));
    expect(brotliDecompressSync(PublicPageCache.bodyIn(page, "br")).toString()).toBe(html(2));
    expect(gzip.length).toBeLessThan(html(2).length / 4);
    expect(page.headers.map(([n]) => n)).not.toContain("content-length");
    expect(page.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it("answer 304 to a client that holds the same page", () => {
    expect(isFresh('"abc"', '"abc"')).toBe(true);
    expect(isFresh('W/"abc", "def"', '"abc"')).toBe(true);
    expect(isFresh('"def"', '"abc"')).toBe(false);
    expect(isFresh(undefined, '"abc"')).toBe(false);
  });

  it("are sent in the best encoding the client accepts", () => {
    expect(preferredEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(preferredEncoding("gzip")).toBe("gzip");
    expect(preferredEncoding("br;q=0, gzip")).toBe("gzip");
    expect(preferredEncoding(undefined)).toBe("identity");
    expect(preferredEncoding("*")).toBe("br");
  });
});
