// Whether this process can serve: the database answers, every migration of its kind is applied,
// and the course catalogue is loaded. Asked by GET /readyz (scripts/lifecycle.ts), which a load
// balancer polls; each check says in a few words why it fails.
import { ensureCatalogue, loadedCatalogueRevision } from "~/content/catalogue.server";
import { db as defaultDb, dialect as defaultDialect, type Db, type Dialect } from "~/db/db.server";
import { listMigrations, migrationsDir } from "~/db/migrate.server";

export type Check = { ok: true } | { ok: false; reason: string };
export type Readiness = { ready: boolean; checks: Record<"database" | "migrations" | "catalogue", Check> };

export type ReadinessOptions = {
  db?: Db;
  dialect?: Dialect;
  /** The migration folder of the database's kind (default: prisma/migrations or prisma/migrations-postgres). */
  migrations?: string;
  /** Loads the catalogue if needed and says whether it is loaded (default: this process's catalogue). */
  catalogue?: () => Promise<boolean>;
  /** A check that takes longer than this fails (default 5 s: the first check of a process also connects). */
  timeoutMs?: number;
};

const expected = new Map<string, string[]>();
/** The migrations shipped with this build (read once per folder: they do not change while it runs). */
function shippedMigrations(dir: string): string[] {
  let names = expected.get(dir);
  if (!names) expected.set(dir, (names = listMigrations(dir).map((m) => m.name)));
  return names;
}

const failure = (e: unknown): Check => ({
  ok: false,
  reason: (e instanceof Error ? e.message : String(e)).slice(0, 200),
});

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const defaultCatalogue = async () => {
  await ensureCatalogue();
  return loadedCatalogueRevision() !== "";
};

export async function checkReadiness(options: ReadinessOptions = {}): Promise<Readiness> {
  const {
    db = defaultDb,
    dialect = defaultDialect,
    migrations = migrationsDir(dialect),
    catalogue = defaultCatalogue,
    timeoutMs = 5000,
  } = options;
  let database: Check;
  let applied: Check = { ok: false, reason: "database unavailable" };
  let loaded: Check = { ok: false, reason: "database unavailable" };
  try {
    // On SQLite, a query that reads the file (SELECT 1 would not even open it).
    await within(
      timeoutMs,
      db.$queryRawUnsafe(dialect === "sqlite" ? "SELECT count(*) FROM sqlite_master" : "SELECT 1"),
    );
    database = { ok: true };
  } catch (e) {
    database = failure(e);
  }
  if (database.ok) {
    [applied, loaded] = await Promise.all([
      within(timeoutMs, appliedMigrations(db))
        .then((done): Check => {
          const missing = shippedMigrations(migrations).filter((name) => !done.has(name));
          return missing.length === 0
            ? { ok: true }
            : { ok: false, reason: `${missing.length} migration(s) not applied, first ${missing[0]}` };
        })
        .catch(failure),
      within(timeoutMs, catalogue())
        .then((ok): Check => (ok ? { ok: true } : { ok: false, reason: "course catalogue not loaded" }))
        .catch(failure),
    ]);
  }
  const checks = { database, migrations: applied, catalogue: loaded };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

async function appliedMigrations(db: Db): Promise<Set<string>> {
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((r) => r.migration_name));
}
