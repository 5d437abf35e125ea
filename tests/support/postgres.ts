// Empty PostgreSQL databases on the test run's server (TEST_DATABASE=postgres), for tests that
// start from nothing (migrations). Each is dropped when the test file ends.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

export const onPostgres = () => inject("testDatabase") === "postgres";

const created: string[] = [];

function serverUrl(database: string) {
  const url = new URL(inject("templateDatabase"));
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs one statement on the server's `postgres` database. */
export async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl("postgres") });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database; returns its URL. */
export async function emptyPostgresDatabase(): Promise<string> {
  const name = `gda_empty_${randomBytes(5).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  created.push(name);
  return serverUrl(name);
}

/** Runs `work` with a client connected to `url`. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of created.splice(0)) await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
