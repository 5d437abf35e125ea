// Backups while a real writer process adds rows, and restores through the real commands.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { emptyPostgresDatabase, withClient } from "#tests/support/postgres";
import { backupDatabase, sqliteProblem } from "./backup.server";
import { db, dialect } from "./db.server";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

/** Starts a process that keeps adding users; resolves once it has added some. */
async function startWriter() {
  const child = spawn(process.execPath, ["--import", "tsx", "app/db/backup-writer.fixture.ts"], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("writing") && resolve());
    child.on("exit", (code) => reject(new Error(`the writer stopped (${code})`)));
  });
  return child;
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });

/** Runs `npm run db:restore -- <file>` (the script itself) against `databaseUrl`. */
function restoreCommand(databaseUrl: string, file: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/db-restore.ts", file], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
}

/** The writer adds users one by one: a consistent copy holds w-0 … w-(n-1) and nothing else. */
function expectPrefix(ids: string[]) {
  const numbers = ids.map((id) => Number(id.slice(2))).sort((a, b) => a - b);
  expect(numbers.length).toBeGreaterThanOrEqual(20);
  expect(numbers).toEqual(numbers.map((_, i) => i));
}

const tempDir = () => mkdtempSync(join(tmpdir(), "gda-backup-"));

describe.skipIf(dialect !== "sqlite")("backups on SQLite", () => {
  const writerIds = (file: string) => {
    const copy = new Database(file, { readonly: true });
    try {
      return (copy.prepare(`SELECT id FROM "User" WHERE id LIKE 'w-%'`).all() as { id: string }[]).map((r) => r.id);
    } finally {
      copy.close();
    }
  };

  it("copies the database consistently while another process writes, and restores it into a new file", async () => {
    const writer = await startWriter();
    const file = await backupDatabase(process.env.DATABASE_URL!, join(tempDir(), "backup.db"));
    await stop(writer);
    expect(sqliteProblem(file)).toBeNull();
    const inBackup = writerIds(file);
    expectPrefix(inBackup);
    expect(inBackup.length).toBeLessThanOrEqual(await db.user.count({ where: { id: { startsWith: "w-" } } }));

    const restored = join(tempDir(), "restored.db");
    const result = restoreCommand(`file:${restored}`, file);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(sqliteProblem(restored)).toBeNull();
    expect(writerIds(restored).sort()).toEqual([...inBackup].sort());
  });

  it("refuses to restore over a database a server is using, and restores once it has stopped", async () => {
    const file = await backupDatabase(process.env.DATABASE_URL!, join(tempDir(), "backup.db"));
    const dir = tempDir();
    const target = join(dir, "live.db");
    const server = spawn(process.execPath, ["--import", "tsx", "scripts/lifecycle.fixture.ts"], {
      env: { ...process.env, DATABASE_URL: `file:${target}`, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(server);
    await new Promise<void>((resolve) =>
      server.stdout!.on("data", (d: Buffer) => /listening/.test(String(d)) && resolve()),
    );
    const refused = restoreCommand(`file:${target}`, file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`A server is using .*live\\.db \\(process ${server.pid}\\)`));
    expect(existsSync(target)).toBe(false);

    await new Promise<void>((resolve) => {
      server.once("exit", () => resolve());
      server.kill("SIGTERM");
    });
    const restored = restoreCommand(`file:${target}`, file);
    expect(restored.status).toBe(0);
    expect(sqliteProblem(target)).toBeNull();
  });

  it("refuses a file that is not a database of the app", () => {
    const junk = join(tempDir(), "junk.db");
    writeFileSync(junk, "not a database\n".repeat(100));
    const result = restoreCommand(`file:${join(tempDir(), "target.db")}`, junk);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/is not a valid backup/);
  });
});

describe.skipIf(dialect !== "postgresql")("backups on PostgreSQL", () => {
  const writerIds = (url: string) =>
    withClient(url, async (c) =>
      (await c.query<{ id: string }>(`SELECT id FROM "User" WHERE id LIKE 'w-%'`)).rows.map((r) => r.id),
    );

  it("dumps a consistent snapshot while another process writes, and restores it into an empty database", async () => {
    const writer = await startWriter();
    const before = await db.user.count({ where: { id: { startsWith: "w-" } } });
    const file = await backupDatabase(process.env.DATABASE_URL!, join(tempDir(), "backup.dump"));
    const after = await db.user.count({ where: { id: { startsWith: "w-" } } });
    await stop(writer);

    const target = await emptyPostgresDatabase();
    const result = restoreCommand(target, file);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const restored = await writerIds(target);
    expectPrefix(restored);
    expect(restored.length).toBeGreaterThanOrEqual(before);
    expect(restored.length).toBeLessThanOrEqual(after);
    const migrations = (db: string) =>
      withClient(db, async (c) => (await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).rows[0].n);
    expect(await migrations(target)).toBe(await migrations(process.env.DATABASE_URL!));
  });

  it("refuses to restore into a database that has tables, and a file that is not a dump", async () => {
    const file = await backupDatabase(process.env.DATABASE_URL!, join(tempDir(), "backup.dump"));
    const refused = restoreCommand(process.env.DATABASE_URL!, file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/has tables already/);
    const junk = join(tempDir(), "junk.dump");
    writeFileSync(junk, "not a dump");
    const bad = restoreCommand(await emptyPostgresDatabase(), junk);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/pg_restore failed/);
  });
});
