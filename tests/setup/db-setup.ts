// Runs in each test worker before a test file's imports: gives the file its own freshly migrated
// SQLite database (a copy of the template that global-setup.ts migrated) and its own certificate
// signing key file, so that app modules read the right DATABASE_URL and CERT_KEY_FILE when they load.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";

const dir = mkdtempSync(join(tmpdir(), `gda-test-${process.env.VITEST_POOL_ID ?? 0}-`));
const database = join(dir, "test.db");
copyFileSync(inject("templateDatabase"), database);

process.env.DATABASE_URL = `file:${database}`;
process.env.CERT_KEY_FILE = join(dir, "keys", "certificate-signing-key.pem");
// Tests use the generated key above, never a key from the developer's environment.
delete process.env.CERT_SIGNING_KEY;
delete process.env.CERT_SIGNING_KEY_ID;

afterAll(async () => {
  const cached = (globalThis as { __db?: { $disconnect(): Promise<void> } }).__db;
  await cached?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});
