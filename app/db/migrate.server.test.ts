import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { fullTextTables } from "#tests/fixtures/full-text-tables";
import { emptyPostgresDatabase, onPostgres, withClient } from "#tests/support/postgres";
import { listMigrations, migrate, migrationsDir } from "./migrate.server";

const tempUrl = () => `file:${join(mkdtempSync(join(tmpdir(), "gda-migrate-")), "db.sqlite")}`;

describe("SQLite migrations", () => {
  it("apply in order, are recorded with Prisma's checksums, and applying twice changes nothing", async () => {
    const url = tempUrl();
    const migrations = listMigrations("prisma/migrations");
    expect(migrations.length).toBeGreaterThan(0);
    const first = await migrate(url);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = await migrate(url);
    expect(second.applied).toEqual([]);
    expect(second.skipped).toEqual(first.applied);

    const db = new Database(url.slice(5), { readonly: true });
    const rows = db
      .prepare(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`,
      )
      .all() as {
      migration_name: string;
      checksum: string;
      finished_at: string;
    }[];
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i].checksum);
      expect(row.finished_at).toBeTruthy();
    }
  });

  it("create the full-text index that the search module queries", async () => {
    const url = tempUrl();
    await migrate(url);
    const db = new Database(url.slice(5), { readonly: true });
    const names = [...fullTextTables(db)].filter(
      (n) => (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(n) as unknown) !== undefined,
    );
    db.close();
    expect(names).toContain("SearchDocument_fts");
  });

  it("refuse to run when an applied migration was edited afterwards", async () => {
    const url = tempUrl();
    await migrate(url);
    const db = new Database(url.slice(5));
    db.prepare(`UPDATE _prisma_migrations SET checksum = 'edited'`).run();
    db.close();
    await expect(migrate(url)).rejects.toThrow(/was changed after it was applied/);
  });
});

describe.runIf(onPostgres())("PostgreSQL migrations", () => {
  it("apply in order from prisma/migrations-postgres, are recorded with Prisma's checksums, and applying twice changes nothing", async () => {
    const url = await emptyPostgresDatabase();
    const migrations = listMigrations(migrationsDir("postgresql"));
    expect(migrations.length).toBeGreaterThan(0);
    const first = await migrate(url);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = await migrate(url);
    expect(second).toEqual({ applied: [], skipped: first.applied });
    const rows = await withClient(
      url,
      async (c) =>
        (
          await c.query<{
            migration_name: string;
            checksum: string;
            finished_at: Date | null;
            applied_steps_count: number;
          }>(
            `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
          )
        ).rows,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i].checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("servers migrating at the same time apply each migration once", async () => {
    const url = await emptyPostgresDatabase();
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const applied = results.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(listMigrations(migrationsDir("postgresql")).map((m) => m.name));
  });

  it("create the full-text column and index that the search module queries", async () => {
    const url = await emptyPostgresDatabase();
    await migrate(url);
    const index = await withClient(
      url,
      async (c) =>
        (await c.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'SearchDocument_searchVector_idx'`)).rows,
    );
    expect(index[0]?.indexdef).toMatch(/USING gin \("searchVector"\)/);
  });

  it("refuse to run when an applied migration was edited afterwards", async () => {
    const url = await emptyPostgresDatabase();
    await migrate(url);
    await withClient(url, (c) => c.query(`UPDATE "_prisma_migrations" SET checksum = 'edited'`));
    await expect(migrate(url)).rejects.toThrow(/was changed after it was applied/);
  });
});
