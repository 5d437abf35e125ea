// Brings the database up to date before the app serves: applies migrations, syncs the compiled
// courses of content/ (compiled into build/content) as new course versions where they changed, gives certificates issued before status
// lists their status-list index, and seeds demo accounts into an empty database. On PostgreSQL,
// servers starting at the same time take turns (an advisory lock), so each step runs once.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { migrate, withStartupLock } from "~/db/migrate.server";
import { databaseUrl } from "~/db/url.server";
import { log } from "~/log.server";

export async function prepare() {
  await withStartupLock(databaseUrl(), prepareDatabase);
}

async function prepareDatabase() {
  const { applied } = await migrate(databaseUrl());
  if (applied.length) log.info(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  const { db } = await import("~/db/db.server");
  const { catalogueFile, contentBuildDir, readBuiltCatalogue } = await import("~/content/catalogue.server");
  if (existsSync(catalogueFile())) {
    const { importContentCourses } = await import("~/content/versions.server");
    const dir = contentBuildDir();
    const { imported, retired } = await importContentCourses(db, readBuiltCatalogue(), {
      files: (slug) => JSON.parse(readFileSync(join(dir, "sources", `${slug}.json`), "utf8")) as Record<string, string>,
      code: (hash) => readFileSync(join(dir, "lessons", `${hash}.js`), "utf8"),
    });
    if (imported.length) log.info(`Published from content/: ${imported.join(", ")}`);
    if (retired) log.info(`Retired ${retired} course(s) no longer in content/.`);
  }
  const { assignMissingStatusIndexes } = await import("~/certificates/status-list.server");
  const indexed = await assignMissingStatusIndexes(db);
  if (indexed) log.info(`Gave ${indexed} certificate(s) their place in the revocation status list.`);
  if (process.env.SEED_DEMO !== "false") {
    const { seedIfEmpty } = await import("../prisma/seed");
    const created = await seedIfEmpty(db);
    if (created) log.info(`Created ${created} demo accounts (see README.md).`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepare();
  process.exit(0);
}
