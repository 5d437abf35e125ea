// Applies the migrations of the database's kind in order, the way `prisma migrate deploy` does:
// prisma/migrations/*/migration.sql for SQLite, prisma/migrations-postgres/*/migration.sql for
// PostgreSQL. Each migration runs in its own transaction and is recorded in `_prisma_migrations`
// with Prisma's columns and checksums, so that Prisma's own tooling agrees with what was applied;
// a migration edited after it was applied stops the run.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { dialectOf, type Dialect, sqliteFilePath } from "./url.server";

export type MigrationResult = { applied: string[]; skipped: string[] };
type Migration = { name: string; sql: string; checksum: string };

/** Where the migrations of each kind of database are. */
export function migrationsDir(dialect: Dialect, root = process.cwd()): string {
  return join(root, dialect === "postgresql" ? "prisma/migrations-postgres" : "prisma/migrations");
}

const MIGRATIONS_TABLE: Record<Dialect, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  // As `prisma migrate deploy` creates it on PostgreSQL.
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

const APPLIED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

export function listMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Splits the migrations into those to apply and those in place; refuses edited ones. */
function plan(migrations: Migration[], done: Map<string, string>): { pending: Migration[]; skipped: string[] } {
  const pending: Migration[] = [];
  const skipped: string[] = [];
  for (const m of migrations) {
    if (!done.has(m.name)) {
      pending.push(m);
      continue;
    }
    if (done.get(m.name) !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied; create a new migration instead.`);
    }
    skipped.push(m.name);
  }
  return { pending, skipped };
}

/** Opens a SQLite database with the settings every connection of ours uses. */
export function openSqlite(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

/** Applies the pending migrations to the database at `databaseUrl` (SQLite or PostgreSQL). */
export async function migrate(databaseUrl: string, dir?: string): Promise<MigrationResult> {
  const dialect = dialectOf(databaseUrl);
  const migrations = listMigrations(dir ?? migrationsDir(dialect));
  return dialect === "postgresql" ? migratePostgres(databaseUrl, migrations) : migrateSqlite(databaseUrl, migrations);
}

function migrateSqlite(databaseUrl: string, migrations: Migration[]): MigrationResult {
  const db = openSqlite(sqliteFilePath(databaseUrl));
  try {
    db.exec(MIGRATIONS_TABLE.sqlite);
    const rows = db.prepare(APPLIED).all() as { migration_name: string; checksum: string }[];
    const { pending, skipped } = plan(migrations, new Map(rows.map((r) => [r.migration_name, r.checksum])));
    for (const m of pending) applySqlite(db, m);
    return { applied: pending.map((m) => m.name), skipped };
  } finally {
    db.close();
  }
}

function applySqlite(db: Database.Database, m: Migration) {
  // Table redefinitions switch foreign keys off; that only works outside a transaction.
  const redefines = /PRAGMA foreign_keys=OFF/i.test(m.sql);
  if (redefines) db.pragma("foreign_keys = OFF");
  const id = randomUUID();
  const startedAt = new Date().toISOString();
  try {
    db.transaction(() => {
      db.exec(m.sql);
      if (redefines) {
        const broken = db.pragma("foreign_key_check") as unknown[];
        if (broken.length) throw new Error(`Migration ${m.name} leaves ${broken.length} broken foreign key(s).`);
      }
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      ).run(id, m.checksum, new Date().toISOString(), m.name, startedAt);
    })();
  } finally {
    if (redefines) db.pragma("foreign_keys = ON");
  }
}

/** The advisory lock that servers starting at the same time take in turn (see withStartupLock). */
export const STARTUP_LOCK = 7_310_226_001;

async function migratePostgres(databaseUrl: string, migrations: Migration[]): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Several servers may start at once: one migrates while the others wait, then find nothing to do.
    await client.query(`SELECT pg_advisory_lock($1)`, [STARTUP_LOCK + 1]);
    await client.query(MIGRATIONS_TABLE.postgresql);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(APPLIED);
    const { pending, skipped } = plan(migrations, new Map(rows.map((r) => [r.migration_name, r.checksum])));
    for (const m of pending) {
      const startedAt = new Date();
      await client.query("BEGIN");
      try {
        // A simple query (no parameters) may hold many statements.
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), m.checksum, m.name, startedAt],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
    }
    return { applied: pending.map((m) => m.name), skipped };
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` while holding the database's start-up lock: on PostgreSQL, servers starting at the
 * same time prepare the database (sync courses, seed) one after the other. SQLite has one server.
 */
export async function withStartupLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  if (dialectOf(databaseUrl) !== "postgresql") return work();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock($1)`, [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.end(); // ends the session, and with it the lock
  }
}
