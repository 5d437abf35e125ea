// Gives a test file its own freshly migrated SQLite database. Call before importing anything
// that uses `~/db/db.server`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { migrate } from "~/db/migrate.server";

export async function useFreshDatabase() {
  const url = `file:${join(mkdtempSync(join(tmpdir(), "gda-test-")), "test.db")}`;
  process.env.DATABASE_URL = url;
  migrate(url);
  const { db } = await import("~/db/db.server");
  return db;
}
