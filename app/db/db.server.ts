// The Prisma client, created once per process. The only module that knows which driver is used.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { databaseUrl, sqliteFilePath } from "./url.server";

export type Db = PrismaClient;
/** A transaction, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
/** The client or a transaction: functions that can join their caller's transaction take this. */
export type DbClient = Db | Tx;

/**
 * Prisma's SQLite adapter, except that transactions start with BEGIN IMMEDIATE: they take the write
 * lock first and wait for it (the busy timeout) when another process holds it. With the adapter's
 * plain BEGIN, a transaction of one process that read before another process committed fails with
 * SQLITE_BUSY instead of waiting; several workers (WEB_CONCURRENCY) share one database file.
 */
class SqliteAdapter extends PrismaBetterSqlite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: { prepare(sql: string): unknown } }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
    return adapter;
  }
}

export function createDb(url = databaseUrl()): PrismaClient {
  // `timeout` is SQLite's busy timeout: writers wait for each other instead of failing.
  const adapter = new SqliteAdapter({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
  // DB_LOG_QUERIES=1 makes every SQL statement an event (`db.$on("query", …)`), for tests that count them.
  const log = process.env.DB_LOG_QUERIES === "1" ? [{ emit: "event" as const, level: "query" as const }] : [];
  return new PrismaClient({ adapter, log });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient };
export const db: PrismaClient = (globalForDb.__db ??= createDb());
