import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { diff } from "../../scripts/lib/prisma-differ";
import { listMigrations, migrate } from "./migrate.server";

const tempUrl = () => `file:${join(mkdtempSync(join(tmpdir(), "gda-migrate-")), "db.sqlite")}`;

/** Full-text tables (FTS5 virtual tables and their shadow tables): written by hand in migrations, unknown to schema.prisma. */
function fullTextTables(db: Database.Database): Set<string> {
  const virtual = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`).all() as { name: string }[]).map((t) => t.name);
  const shadows = ["data", "idx", "content", "docsize", "config"].flatMap((suffix) => virtual.map((name) => `${name}_${suffix}`));
  return new Set([...virtual, ...shadows]);
}

function describeSchema(file: string) {
  const db = new Database(file, { readonly: true });
  const skip = fullTextTables(db);
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !skip.has(name));
  const shape = Object.fromEntries(
    tables.map((t) => [
      t,
      {
        columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`).all(t),
        indexes: (db.prepare(`SELECT name, "unique" FROM pragma_index_list(?) ORDER BY name`).all(t) as { name: string; unique: number }[]).map((i) => ({
          ...i,
          columns: (db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(i.name) as { name: string }[]).map((c) => c.name),
        })),
        foreignKeys: db.prepare(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"`).all(t),
      },
    ]),
  );
  db.close();
  return shape;
}

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
    const rows = db.prepare(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`).all() as {
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

  it("produce exactly the database that schema.prisma describes", () => {
    const migrated = tempUrl();
    migrate(migrated);
    const fromSchema = tempUrl().slice(5);
    const db = new Database(fromSchema);
    db.exec(diff(null, readFileSync("prisma/schema.prisma", "utf8")));
    db.close();
    const expected = describeSchema(fromSchema);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(describeSchema(migrated.slice(5))).toEqual(expected);
  });

  it("create the full-text index that the search module queries", () => {
    const url = tempUrl();
    migrate(url);
    const db = new Database(url.slice(5), { readonly: true });
    const names = [...fullTextTables(db)].filter((n) => (db.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(n) as unknown) !== undefined);
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
