// The migrations in prisma/migrations must produce exactly the database that schema.prisma
// describes: compared with what Prisma's own differ makes of the schema from an empty database.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { fullTextTables } from "#tests/fixtures/full-text-tables";
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

describe("migrations", () => {
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
});
