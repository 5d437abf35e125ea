// Backups of the database while the app runs, and restoring one (`npm run db:backup`,
// `npm run db:restore`).
//
// SQLite: a consistent copy through SQLite's online backup API (better-sqlite3's `db.backup()`),
// checked with `PRAGMA integrity_check`. A restore refuses while a server uses the file: every
// server process holds a lock file beside the database (`<file>.server-<pid>.lock`, removed when
// it stops); one whose process is alive on this machine blocks the restore, a stale one is removed.
// PostgreSQL: pg_dump in its custom format; pg_restore only into a database without tables (a new
// one), so that a database in use is never overwritten.
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { dialectOf, sqliteFilePath } from "./url.server";

/** Where a backup goes when no file is named: data/backups/academy-<UTC time>.(db|dump). */
export function defaultBackupFile(databaseUrl: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, "-");
  return resolve("data", "backups", `academy-${stamp}.${dialectOf(databaseUrl) === "postgresql" ? "dump" : "db"}`);
}

/** Writes a consistent copy of the database to `file` (created with its folder); returns its full path. */
export async function backupDatabase(databaseUrl: string, file: string): Promise<string> {
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  if (existsSync(target)) throw new Error(`${target} exists already; name a new file.`);
  if (dialectOf(databaseUrl) === "postgresql") {
    runPostgresTool("pg_dump", ["--format=custom", `--file=${target}`, "--no-owner", `--dbname=${databaseUrl}`]);
    return target;
  }
  const source = sqliteFilePath(databaseUrl);
  if (!existsSync(source)) throw new Error(`There is no database at ${source}.`);
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(target);
  } finally {
    db.close();
  }
  // One self-contained file (no -wal/-shm beside it); the server turns WAL back on when it opens a restored copy.
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const problem = sqliteProblem(target);
  if (problem) throw new Error(`The backup at ${target} failed its check: ${problem}`);
  return target;
}

/** Why the file is not a usable SQLite database of the academy, or null when it is. */
export function sqliteProblem(file: string): string | null {
  if (!existsSync(file)) return `there is no file at ${file}`;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const result = db.pragma("integrity_check", { simple: true });
    if (result !== "ok") return `integrity check: ${String(result)}`;
    const migrations = db.prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`,
    );
    if (!migrations.get()) return "it has no _prisma_migrations table (not a database of this app)";
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}

/** Replaces the database with the backup in `file`, after checking it; refuses while a server uses it. */
export async function restoreDatabase(databaseUrl: string, file: string): Promise<void> {
  const backup = resolve(file);
  if (!existsSync(backup)) throw new Error(`There is no backup at ${backup}.`);
  if (dialectOf(databaseUrl) === "postgresql") return restorePostgres(databaseUrl, backup);
  const problem = sqliteProblem(backup);
  if (problem) throw new Error(`${backup} is not a valid backup: ${problem}`);
  const target = sqliteFilePath(databaseUrl);
  const servers = runningServers(target);
  if (servers.length) {
    throw new Error(
      `A server is using ${target} (process ${servers.join(", ")}); stop it before restoring (see the lock files beside the database).`,
    );
  }
  // Copy beside the target, then rename over it: the database is never half-written. The old
  // write-ahead log must go too, or SQLite would replay it onto the restored file.
  const draft = `${target}.restoring-${process.pid}`;
  copyFileSync(backup, draft);
  for (const suffix of ["-wal", "-shm"]) rmSync(`${target}${suffix}`, { force: true });
  renameSync(draft, target);
}

function lockPrefix(databaseFile: string) {
  return `${basename(databaseFile)}.server-`;
}

/**
 * Marks the SQLite database as used by this process until it exits (a server calls it at start).
 * Returns a function that removes the mark. Does nothing for PostgreSQL.
 */
export function holdDatabaseLock(databaseUrl: string): () => void {
  if (dialectOf(databaseUrl) !== "sqlite") return () => {};
  const file = sqliteFilePath(databaseUrl);
  const lock = join(dirname(file), `${lockPrefix(file)}${process.pid}.lock`);
  writeFileSync(lock, `${process.pid}\n`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(lock, { force: true });
  };
  process.once("exit", release);
  return release;
}

/** The process ids of live servers holding a lock on the SQLite file; stale locks are removed. */
export function runningServers(databaseFile: string): number[] {
  const dir = dirname(databaseFile);
  if (!existsSync(dir)) return [];
  const prefix = lockPrefix(databaseFile);
  const alive: number[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith(".lock")) continue;
    const pid = Number(name.slice(prefix.length, -".lock".length));
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) alive.push(pid);
    else unlinkSync(join(dir, name));
  }
  return alive;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function restorePostgres(databaseUrl: string, backup: string) {
  // pg_restore --list reads the whole table of contents: it fails on anything but a custom-format dump.
  runPostgresTool("pg_restore", ["--list", backup]);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      `SELECT count(*) AS count FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    if (Number(rows[0].count) > 0) {
      throw new Error(
        "The database has tables already: restore into a new, empty database (createdb), then point DATABASE_URL at it.",
      );
    }
  } finally {
    await client.end();
  }
  runPostgresTool("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${databaseUrl}`, backup]);
}

/** Runs pg_dump or pg_restore: from POSTGRES_BIN, /usr/lib/postgresql/15/bin, or the PATH. */
function runPostgresTool(program: string, args: string[]) {
  const dirs = [process.env.POSTGRES_BIN, "/usr/lib/postgresql/15/bin"].filter(Boolean) as string[];
  const found = dirs.map((d) => join(d, program)).find((p) => existsSync(p)) ?? program;
  const result = spawnSync(found, args, { encoding: "utf8" });
  if (result.error)
    throw new Error(`${program} could not run (${result.error.message}); install PostgreSQL's client programs.`);
  if (result.status !== 0)
    throw new Error(`${program} failed: ${result.stderr.trim() || `exit code ${result.status}`}`);
  return result.stdout;
}
