// The build's client files (scripts, styles, images, course covers) served from memory: the folder
// is listed once at start-up, so a page request never touches the filesystem to find out it is not
// a file. Each file is compressed once per encoding (Brotli at its best setting, gzip): by the build
// (`<file>.br`, `<file>.gz` beside it, see precompressClientFiles), else the first time a client
// asks for it — Brotli's best setting takes about a second on a large script, too long to spend
// while a learner waits. Hashed assets (/assets/…) are cached for a year; the rest for an hour.
// They carry no page headers (CSP and the like mean nothing on a script or an image).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import type { NextFunction, Request, Response } from "express";
import { encode, encodeAsync, preferredEncoding, type Encoding } from "./public-cache";

const TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};
/** Types worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = /^(text\/|image\/svg|application\/(json|manifest))/;

/** A file's compressed copies, written by the build beside it. */
const PRECOMPRESSED = /\.(br|gz)$/;

/** Writes `<file>.br` and `<file>.gz` beside every compressible file of the folder (the build calls it). */
export async function precompressClientFiles(root: string): Promise<number> {
  const compressible = listFiles(root).filter(
    (path) => !PRECOMPRESSED.test(path) && COMPRESSIBLE.test(TYPES[extname(path).toLowerCase()] ?? ""),
  );
  await Promise.all(
    compressible.map(async (path) => {
      const body = await readFile(path);
      await writeFile(`${path}.br`, await encodeAsync(body, "br"));
      await writeFile(`${path}.gz`, await encodeAsync(body, "gzip"));
    }),
  );
  return compressible.length;
}

type StaticFile = {
  type: string;
  etag: string;
  immutable: boolean;
  bodies: Partial<Record<Encoding, Buffer>>;
};

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}

/** Reads the folder's files into memory; returns the middleware that serves them. */
export function staticFiles(root: string) {
  const files = new Map<string, StaticFile>();
  const all = listFiles(root);
  const present = new Set(all);
  for (const path of all) {
    if (PRECOMPRESSED.test(path) && present.has(path.replace(PRECOMPRESSED, ""))) continue;
    const url = `/${relative(root, path).split(sep).join("/")}`;
    const body = readFileSync(path);
    const bodies: StaticFile["bodies"] = { identity: body };
    if (present.has(`${path}.br`)) bodies.br = readFileSync(`${path}.br`);
    if (present.has(`${path}.gz`)) bodies.gzip = readFileSync(`${path}.gz`);
    files.set(url, {
      type: TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
      immutable: url.startsWith("/assets/"),
      bodies,
    });
  }

  return function serveStaticFile(req: Request, res: Response, next: NextFunction) {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const file = files.get(req.path);
    if (!file) return next();
    res.setHeader("Content-Type", file.type);
    res.setHeader("Cache-Control", file.immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
    res.setHeader("ETag", file.etag);
    res.setHeader("X-Content-Type-Options", "nosniff");
    const compressible = COMPRESSIBLE.test(file.type);
    if (compressible) res.setHeader("Vary", "Accept-Encoding");
    if (req.get("If-None-Match") === file.etag) {
      res.status(304).end();
      return;
    }
    const encoding = compressible ? preferredEncoding(req.get("Accept-Encoding")) : "identity";
    const body = (file.bodies[encoding] ??= encode(file.bodies.identity!, encoding));
    if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", String(body.length));
    if (req.method === "HEAD") res.end();
    else res.end(body);
  };
}
