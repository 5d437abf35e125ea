// Reading DATABASE_URL: the one place that knows which database the app talks to.
// `file:` URLs are SQLite files; `postgres://` and `postgresql://` URLs are PostgreSQL servers.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/academy.db";

export type Dialect = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The kind of database behind a URL, from its scheme. */
export function dialectOf(url: string): Dialect {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL), not ${url.split(":")[0]}:`);
}

/** The file behind a `file:` URL, relative to the working directory; its folder is created. */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`Not a SQLite URL: ${url}`);
  const path = url.slice("file:".length).replace(/\?.*$/, "");
  if (path === ":memory:") return path;
  const file = resolve(process.cwd(), path);
  mkdirSync(dirname(file), { recursive: true });
  return file;
}
