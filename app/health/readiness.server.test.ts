import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { db, dialect } from "~/db/db.server";
import { migrationsDir } from "~/db/migrate.server";
import { checkReadiness } from "./readiness.server";

describe("checkReadiness", () => {
  it("is ready on a migrated database once the catalogue is loaded", async () => {
    expect(await checkReadiness()).toEqual({
      ready: true,
      checks: { database: { ok: true }, migrations: { ok: true }, catalogue: { ok: true } },
    });
  });

  it("names the first migration that is shipped but not applied", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gda-readiness-"));
    mkdirSync(join(dir, "29990101000000_later"));
    writeFileSync(join(dir, "29990101000000_later", "migration.sql"), "SELECT 1;");
    const result = await checkReadiness({ migrations: dir });
    expect(result.ready).toBe(false);
    expect(result.checks.migrations).toEqual({
      ok: false,
      reason: "1 migration(s) not applied, first 29990101000000_later",
    });
    expect(result.checks.database).toEqual({ ok: true });
  });

  it("fails when a migration of the database's own folder is missing from its records", async () => {
    const [first] = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name LIMIT 1`,
    );
    await db.$executeRawUnsafe(
      `UPDATE "_prisma_migrations" SET rolled_back_at = finished_at WHERE migration_name = '${first.migration_name}'`,
    );
    try {
      const result = await checkReadiness({ migrations: migrationsDir(dialect) });
      expect(result.checks.migrations).toMatchObject({
        ok: false,
        reason: expect.stringContaining(first.migration_name),
      });
    } finally {
      await db.$executeRawUnsafe(
        `UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE migration_name = '${first.migration_name}'`,
      );
    }
  });

  it("fails when the catalogue cannot be loaded, or a check takes too long", async () => {
    const notLoaded = await checkReadiness({ catalogue: async () => false });
    expect(notLoaded.checks.catalogue).toEqual({ ok: false, reason: "course catalogue not loaded" });
    const slow = await checkReadiness({ catalogue: () => new Promise(() => {}), timeoutMs: 100 });
    expect(slow).toMatchObject({
      ready: false,
      checks: { catalogue: { ok: false, reason: "no answer within 100 ms" } },
    });
  });
});
