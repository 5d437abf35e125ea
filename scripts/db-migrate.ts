// Applies pending migrations to DATABASE_URL (SQLite or PostgreSQL): `npm run db:migrate`.
import { migrate } from "~/db/migrate.server";
import { databaseUrl } from "~/db/url.server";

const { applied, skipped } = await migrate(databaseUrl());
console.log(`${applied.length} migration(s) applied, ${skipped.length} already in place.`);
for (const name of applied) console.log(`  applied ${name}`);
