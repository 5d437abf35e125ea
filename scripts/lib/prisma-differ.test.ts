// The migrations in prisma/migrations (SQLite) and prisma/migrations-postgres must produce exactly
// the database that schema.prisma (and schema.postgres.prisma) describes: compared with what
// Prisma's own differ makes of the schema from an empty database.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { fullTextTables } from "#tests/fixtures/full-text-tables";
import { emptyPostgresDatabase, onPostgres, withClient } from "#tests/support/postgres";
import { migrate } from "../../app/db/migrate.server";
import { diff } from "./prisma-differ";

const tempUrl = () => `file:${join(mkdtempSync(join(tmpdir(), "gda-migrate-")), "db.sqlite")}`;

function describeSchema(file: string) {
  const db = new Database(file, { readonly: true });
  const skip = fullTextTables(db);
  const tables = (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
      )
      .all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((name) => !skip.has(name));
  const shape = Object.fromEntries(
    tables.map((t) => [
      t,
      {
        columns: db
          .prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`)
          .all(t),
        indexes: (
          db.prepare(`SELECT name, "unique" FROM pragma_index_list(?) ORDER BY name`).all(t) as {
            name: string;
            unique: number;
          }[]
        ).map((i) => ({
          ...i,
          columns: (
            db.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(i.name) as { name: string }[]
          ).map((c) => c.name),
        })),
        foreignKeys: db
          .prepare(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(?) ORDER BY "from"`)
          .all(t),
      },
    ]),
  );
  db.close();
  return shape;
}

describe("SQLite migrations", () => {
  it("produce exactly the database that schema.prisma describes", async () => {
    const migrated = tempUrl();
    await migrate(migrated);
    const fromSchema = tempUrl().slice(5);
    const db = new Database(fromSchema);
    db.exec(diff(null, readFileSync("prisma/schema.prisma", "utf8")));
    db.close();
    const expected = describeSchema(fromSchema);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(describeSchema(migrated.slice(5))).toEqual(expected);
  });
});

/** Hand-written in the PostgreSQL baseline, unknown to the schema: the full-text column and index. */
const FULL_TEXT = {
  columns: new Set(["SearchDocument.searchVector"]),
  indexes: new Set(["SearchDocument_searchVector_idx"]),
};

async function describePostgres(url: string) {
  return withClient(url, async (c) => {
    const columns = (
      await c.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name, data_type, is_nullable, column_default, ordinal_position
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
         ORDER BY table_name, column_name`,
      )
    ).rows.filter((r) => !FULL_TEXT.columns.has(`${r.table_name}.${r.column_name}`));
    const indexes = (
      await c.query<{ indexname: string }>(
        `SELECT tablename, indexname, indexdef FROM pg_indexes
         WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
      )
    ).rows.filter((r) => !FULL_TEXT.indexes.has(r.indexname));
    const constraints = (
      await c.query(
        `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
         WHERE connamespace = 'public'::regnamespace AND conrelid <> 0 AND conrelid::regclass::text <> '_prisma_migrations'
         ORDER BY 1, 2`,
      )
    ).rows;
    return { columns, indexes, constraints };
  });
}

describe.runIf(onPostgres())("PostgreSQL migrations", () => {
  it("produce exactly the database that schema.postgres.prisma describes", async () => {
    const migrated = await emptyPostgresDatabase();
    await migrate(migrated);
    const fromSchema = await emptyPostgresDatabase();
    const sql = diff(null, readFileSync("prisma/schema.postgres.prisma", "utf8"), "postgresql");
    await withClient(fromSchema, (c) => c.query(sql));
    const expected = await describePostgres(fromSchema);
    expect(expected.columns.length).toBeGreaterThan(10);
    expect(await describePostgres(migrated)).toEqual(expected);
  });
});
