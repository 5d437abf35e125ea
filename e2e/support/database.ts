// Which database the end-to-end run uses, read from the environment by playwright.config.ts and
// by the helpers that look into the database. TEST_DATABASE=postgres runs the app on a throwaway
// PostgreSQL server (started by e2e/support/postgres-server.ts as a web server of the run);
// anything else runs it on a fresh SQLite file.
const PORT = Number(process.env.E2E_PORT ?? 3100);

export const E2E_POSTGRES = process.env.TEST_DATABASE === "postgres";
/** The throwaway PostgreSQL server's port: E2E_PORT + 10000 unless E2E_PG_PORT says otherwise. */
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? PORT + 10000);
export const E2E_SQLITE_FILE = "e2e/.data/test.db";
export const E2E_DATABASE_URL = E2E_POSTGRES
  ? `postgres://app@127.0.0.1:${E2E_PG_PORT}/postgres`
  : `file:./${E2E_SQLITE_FILE}`;
