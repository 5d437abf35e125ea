// Runs in each test worker before a test file's imports: gives the file its own freshly migrated
// database (SQLite: a copy of the template file that global-setup.ts migrated; PostgreSQL: a
// database created from the template database) and its own certificate signing key file, so that
// app modules read the right DATABASE_URL and CERT_KEY_FILE when they load.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";

const dir = mkdtempSync(join(tmpdir(), `gda-test-${process.env.VITEST_POOL_ID ?? 0}-`));
let dropDatabase = async () => {};

if (inject("testDatabase") === "postgres") {
  const template = new URL(inject("templateDatabase"));
  const name = `gda_test_${process.env.VITEST_POOL_ID ?? 0}_${randomBytes(4).toString("hex")}`;
  const server = new URL(template);
  server.pathname = "/postgres";
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name} TEMPLATE ${template.pathname.slice(1)}`);
  const url = new URL(template);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
} else {
  const database = join(dir, "test.db");
  copyFileSync(inject("templateDatabase"), database);
  process.env.DATABASE_URL = `file:${database}`;
}
process.env.CERT_KEY_FILE = join(dir, "keys", "certificate-signing-key.pem");
// Tests use the generated key above, never a key from the developer's environment.
delete process.env.CERT_SIGNING_KEY;
delete process.env.CERT_SIGNING_KEY_ID;

afterAll(async () => {
  const cached = (globalThis as { __db?: { $disconnect(): Promise<void> } }).__db;
  await cached?.$disconnect();
  await dropDatabase();
  rmSync(dir, { recursive: true, force: true });
});
