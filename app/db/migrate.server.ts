// Applies prisma/migrations/*/migration.sql in order, the way `prisma migrate deploy` does:
// each migration in its own transaction, recorded in `_prisma_migrations` with Prisma's columns
// and checksums, so that Prisma's own tooling agrees with what was applied.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sqliteFilePath } from "./url.server";

export type MigrationResult = { applied: string[]; skipped: string[] };

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export function listMigrations(dir: string) {
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

/** Opens a SQLite database with the settings every connection of ours uses. */
export function openSqlite(file: string) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

export function migrate(databaseUrl: string, dir = join(process.cwd(), "prisma/migrations")): MigrationResult {
  const db = openSqlite(sqliteFilePath(databaseUrl));
  try {
    db.exec(MIGRATIONS_TABLE);
    const done = new Map(
      (
        db
          .prepare(
            `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .all() as { migration_name: string; checksum: string }[]
      ).map((r) => [r.migration_name, r.checksum]),
    );
    const result: MigrationResult = { applied: [], skipped: [] };
    for (const m of listMigrations(dir)) {
      if (done.has(m.name)) {
        if (done.get(m.name) !== m.checksum) {
          throw new Error(`Migration ${m.name} was changed after it was applied; create a new migration instead.`);
        }
        result.skipped.push(m.name);
        continue;
      }
      applyOne(db, m);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    db.close();
  }
}

function applyOne(db: Database.Database, m: { name: string; sql: string; checksum: string }) {
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
