// `npm run db:restore -- <file>`: replaces DATABASE_URL's database with a backup made by
// `npm run db:backup`, after checking it. Refuses while a server uses the SQLite file; on
// PostgreSQL, restores only into an empty database.
import { restoreDatabase } from "~/db/backup.server";
import { databaseUrl } from "~/db/url.server";

const file = process.argv[2];
if (!file) {
  console.error("Name the backup to restore: npm run db:restore -- <file>");
  process.exit(1);
}
try {
  await restoreDatabase(databaseUrl(), file);
  console.log(`Restored ${file}; start the server (it applies any newer migrations).`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
