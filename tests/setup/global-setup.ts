// Runs once before the test workers start: migrates one template database that every test file
// then copies (see db-setup.ts), so the migrations run once per test run, not per file.
//
// SQLite (the default): a template file. With TEST_DATABASE=postgres: a throwaway PostgreSQL
// server (scripts/lib/postgres.ts) with a migrated template database; each test file gets its own
// database made from it (CREATE DATABASE … TEMPLATE …).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../app/db/migrate.server";
import { startPostgres } from "../../scripts/lib/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** SQLite: the template file. PostgreSQL: the template database's URL. */
    templateDatabase: string;
    testDatabase: "sqlite" | "postgres";
  }
}

export const TEMPLATE_DB = "gda_template";

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE === "postgres") {
    const server = await startPostgres();
    const pg = (await import("pg")).default;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    const url = server.databaseUrl(TEMPLATE_DB);
    await migrate(url);
    project.provide("testDatabase", "postgres");
    project.provide("templateDatabase", url);
    return () => server.stop();
  }
  const dir = mkdtempSync(join(tmpdir(), "gda-test-template-"));
  const file = join(dir, "template.db");
  await migrate(`file:${file}`);
  project.provide("testDatabase", "sqlite");
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
