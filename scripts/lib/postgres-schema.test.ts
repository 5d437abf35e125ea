import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "./postgres-schema";

describe("schema.postgres.prisma", () => {
  it("is exactly what the generator makes of schema.prisma (run npm run db:generate after editing schema.prisma)", () => {
    expect(readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8")));
  });

  it("differs from schema.prisma only in its header, provider and client folder", () => {
    const out = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
    expect(out).toMatch(/^\/\/ Generated from schema\.prisma by scripts\/lib\/postgres-schema\.ts/);
    expect(out).toContain('provider = "postgresql"');
    expect(out).toContain('output       = "../app/generated/prisma-pg"');
    expect(out).not.toContain('"sqlite"');
  });
});
