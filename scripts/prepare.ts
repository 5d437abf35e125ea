// Brings the database up to date before the app serves: applies migrations, syncs the compiled
// course catalogue (build/content) into the course tables, gives certificates issued before status
// lists their status-list index, and seeds demo accounts into an empty database.
import { existsSync } from "node:fs";
import { migrate } from "~/db/migrate.server";
import { databaseUrl } from "~/db/url.server";

export async function prepare() {
  const { applied } = migrate(databaseUrl());
  if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const { db } = await import("~/db/db.server");
  const { catalogueFile, getCatalogue } = await import("~/content/catalogue.server");
  if (existsSync(catalogueFile())) {
    const { syncCatalogue } = await import("~/content/sync.server");
    const { changedCourses } = await syncCatalogue(db, getCatalogue());
    if (changedCourses.length) console.log(`Synced course(s): ${changedCourses.join(", ")}`);
  }
  const { assignMissingStatusIndexes } = await import("~/certificates/status-list.server");
  const indexed = await assignMissingStatusIndexes(db);
  if (indexed) console.log(`Gave ${indexed} certificate(s) their place in the revocation status list.`);
  if (process.env.SEED_DEMO !== "false") {
    const { seedIfEmpty } = await import("../prisma/seed");
    const created = await seedIfEmpty(db);
    if (created) console.log(`Created ${created} demo accounts (see README.md).`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepare();
  process.exit(0);
}
