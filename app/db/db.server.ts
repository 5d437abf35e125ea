// The Prisma client, created once per process. The only module that knows which driver is used:
// a `file:` DATABASE_URL opens SQLite (better-sqlite3), a `postgres://` or `postgresql://` one
// connects to PostgreSQL (node-postgres). Both clients are generated from the same models
// (prisma/schema.prisma and the schema.postgres.prisma made from it), so they have one API.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-pg/client";
import { databaseUrl, dialectOf, sqliteFilePath, type Dialect } from "./url.server";

export type Db = PrismaClient;
/** A transaction, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
/** The client or a transaction: functions that can join their caller's transaction take this. */
export type DbClient = Db | Tx;
export type { Dialect };

/**
 * The kind of database this process talks to. Raw SQL that cannot be written once for both picks
 * its text with it (`dialect === "postgresql" ? … : …`), in the module that runs it.
 */
export const dialect: Dialect = dialectOf(databaseUrl());

/**
 * Prisma's SQLite adapter, with two changes to how it prepares statements:
 * - transactions start with BEGIN IMMEDIATE: they take the write lock first and wait for it (the
 *   busy timeout) when another process holds it. With the adapter's plain BEGIN, a transaction of
 *   one process that read before another process committed fails with SQLITE_BUSY instead of
 *   waiting; several workers (WEB_CONCURRENCY) share one database file;
 * - each SQL text is prepared once and its statement reused (the adapter prepares every statement
 *   it runs, which cost as much as running it). The adapter binds the arguments to the statement it
 *   gets; a reused statement is handed out behind a small object that passes them on each call.
 */
class SqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: { prepare(sql: string): Statement } }).client;
    const prepare = client.prepare.bind(client);
    const prepared = new Map<string, Statement>();
    client.prepare = (sql: string) => {
      const text = sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql;
      let statement = prepared.get(text);
      if (!statement) {
        statement = prepare(text);
        // Bounded: SQL built with a varying number of parameters (IN lists) could grow it forever.
        if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
        prepared.set(text, statement);
      }
      return reusable(statement);
    };
    return adapter;
  }
}

const MAX_PREPARED = 500;

/** The part of a better-sqlite3 statement the adapter uses. */
type Statement = {
  reader: boolean;
  bind(args: unknown[]): Statement;
  run(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): { all(...args: unknown[]): unknown[] };
};

/** A prepared statement that can be bound many times: `bind` keeps the arguments for the call that follows. */
function reusable(statement: Statement): Statement {
  const withArgs = (args: unknown[]): Statement => ({
    reader: statement.reader,
    bind: (more) => withArgs(more),
    run: () => statement.run(args),
    columns: () => statement.columns(),
    raw: () => ({ all: () => statement.raw(true).all(args) }),
  });
  return withArgs([]);
}

export function createDb(url = databaseUrl()): PrismaClient {
  // DB_LOG_QUERIES=1 makes every SQL statement an event (`db.$on("query", …)`), for tests that count them.
  const log = process.env.DB_LOG_QUERIES === "1" ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (dialectOf(url) === "postgresql") {
    const adapter = new PrismaPg({
      connectionString: url,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // Waiting for a free connection longer than this fails the request instead of hanging it.
      connectionTimeoutMillis: 10_000,
    });
    // Same models, same API: the PostgreSQL client stands in for the SQLite client's type.
    return new PostgresPrismaClient({
      adapter,
      // Each statement is a round trip to the server: long transactions (a course sync at start-up)
      // get more than Prisma's default 5 s, and waiting for a connection is bounded as above.
      transactionOptions: { timeout: 60_000, maxWait: 10_000 },
      log,
    }) as unknown as PrismaClient;
  }
  // `timeout` is SQLite's busy timeout: writers wait for each other instead of failing.
  const adapter = new SqliteAdapter({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
  return new PrismaClient({ adapter, log });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient };
export const db: PrismaClient = (globalForDb.__db ??= createDb());
