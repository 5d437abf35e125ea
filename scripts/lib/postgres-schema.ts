// prisma/schema.postgres.prisma is made from prisma/schema.prisma by `postgresSchema`: the same
// models for PostgreSQL, with their own generated client (app/generated/prisma-pg). It is written
// by `npm run db:generate` (and `npm run db:migration`), never by hand; a test checks that the
// committed file is what this function makes of schema.prisma.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export const SQLITE_SCHEMA = "prisma/schema.prisma";
export const POSTGRES_SCHEMA = "prisma/schema.postgres.prisma";

const HEADER = `// Generated from schema.prisma by scripts/lib/postgres-schema.ts (npm run db:generate): do not edit.
// Change prisma/schema.prisma instead; this file is rewritten from it.
`;

/** The PostgreSQL schema for a SQLite schema: provider and client output differ, the models do not. */
export function postgresSchema(source: string): string {
  let out = source;
  const swap = (pattern: RegExp, replacement: string, what: string) => {
    if (!pattern.test(out)) throw new Error(`schema.prisma: ${what} not found`);
    out = out.replace(pattern, replacement);
  };
  swap(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider "sqlite"');
  swap(
    /(generator\s+client\s*\{[^}]*output\s*=\s*)"\.\.\/app\/generated\/prisma"/,
    '$1"../app/generated/prisma-pg"',
    'generator output "../app/generated/prisma"',
  );
  return HEADER + out;
}

/** Writes prisma/schema.postgres.prisma from prisma/schema.prisma; returns whether it changed. */
export function writePostgresSchema(root = process.cwd()): boolean {
  const target = resolve(root, POSTGRES_SCHEMA);
  const next = postgresSchema(readFileSync(resolve(root, SQLITE_SCHEMA), "utf8"));
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // not there yet
  }
  if (current === next) return false;
  writeFileSync(target, next);
  return true;
}
