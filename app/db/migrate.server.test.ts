import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { fullTextTables } from "#tests/fixtures/full-text-tables";
import { listMigrations, migrate } from "./migrate.server";

const tempUrl = () => `file:${join(mkdtempSync(join(tmpdir(), "gda-migrate-")), "db.sqlite")}`;

describe("migrations", () => {
  it("apply in order, are recorded with Prisma's checksums, and applying twice changes nothing", () => {
    const url = tempUrl();
    const migrations = listMigrations("prisma/migrations");
    expect(migrations.length).toBeGreaterThan(0);
    const first = migrate(url);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = migrate(url);
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

  it("create the full-text index that the search module queries", () => {
    const url = tempUrl();
    migrate(url);
    const db = new Database(url.slice(5), { readonly: true });
    const names = [...fullTextTables(db)].filter(
      (n) => (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(n) as unknown) !== undefined,
    );
    db.close();
    expect(names).toContain("SearchDocument_fts");
  });

  it("refuse to run when an applied migration was edited afterwards", () => {
    const url = tempUrl();
    migrate(url);
    const db = new Database(url.slice(5));
    db.prepare(`UPDATE _prisma_migrations SET checksum = 'edited'`).run();
    db.close();
    expect(() => migrate(url)).toThrow(/was changed after it was applied/);
  });
});
