// The Prisma client, created once per process. The only module that knows which driver is used.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { databaseUrl, sqliteFilePath } from "./url.server";

export type Db = PrismaClient;
/** A transaction, as handed to `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
/** The client or a transaction: functions that can join their caller's transaction take this. */
export type DbClient = Db | Tx;

export function createDb(url = databaseUrl()): PrismaClient {
  // `timeout` is SQLite's busy timeout: writers wait for each other instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}`, timeout: 5000 });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { __db?: PrismaClient };
export const db: PrismaClient = (globalForDb.__db ??= createDb());
