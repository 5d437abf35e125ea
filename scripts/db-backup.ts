// `npm run db:backup [-- <file>]`: a consistent copy of DATABASE_URL's database while the app runs
// (SQLite: data/backups/academy-<time>.db by default; PostgreSQL: a pg_dump custom-format .dump).
import { backupDatabase, defaultBackupFile } from "~/db/backup.server";
import { databaseUrl } from "~/db/url.server";

const url = databaseUrl();
try {
  const file = await backupDatabase(url, process.argv[2] ?? defaultBackupFile(url));
  console.log(`Backup written to ${file}`);
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
