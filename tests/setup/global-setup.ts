// Runs once before the test workers start: migrates one template SQLite database that every
// test file then copies (see db-setup.ts), so the migrations run once per test run, not per file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../app/db/migrate.server";

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "gda-test-template-"));
  const file = join(dir, "template.db");
  migrate(`file:${file}`);
  project.provide("templateDatabase", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
