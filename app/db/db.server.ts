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
 * Prisma's SQLite adapter, with three changes:
 * - transactions start with BEGIN IMMEDIATE: they take the write lock first. With the adapter's
 *   plain BEGIN, a transaction of one process that read before another process committed fails with
 *   SQLITE_BUSY instead of waiting; several workers (WEB_CONCURRENCY) share one database file;
 * - a process waits for the write lock without stopping: SQLite's busy timeout waits by sleeping,
 *   which would stop every other request of that process meanwhile, so BEGIN IMMEDIATE is tried
 *   without it and tried again a moment later (at most the busy timeout) while the event loop runs;
 * - each SQL text is prepared once and its statement reused (the adapter prepares every statement
 *   it runs, which cost as much as running it). The adapter binds the arguments to the statement it
 *   gets; a reused statement is handed out behind a small object that passes them on each call.
 */
class SqliteAdapter extends PrismaBetterSqlite3 {
  readonly #busyTimeoutMs: number;

  constructor(config: { url: string; timeout: number }) {
    super(config);
    this.#busyTimeoutMs = config.timeout;
  }

  override async connect() {
    const adapter = (await super.connect()) as unknown as SqliteDriverAdapter;
    const client = adapter.client;
    const prepare = client.prepare.bind(client);
    const prepared = new Map<string, Statement>();
    client.prepare = (sql: string) => {
      // The adapter's own BEGIN: the transaction was begun already, by startTransaction below.
      if (sql === "BEGIN") return alreadyBegun;
      let statement = prepared.get(sql);
      if (!statement) {
        statement = reusable(prepare(sql));
        // Bounded: SQL built with a varying number of parameters (IN lists) could grow it forever.
        if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!);
        prepared.set(sql, statement);
      }
      return statement;
    };

    const busyTimeoutMs = this.#busyTimeoutMs;
    const begin = prepare("BEGIN IMMEDIATE");
    // Prepared once (a pragma() call prepares its statement again every time).
    const noWaiting = prepare("PRAGMA busy_timeout = 0");
    const waiting = prepare(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
    const beginNow = () => {
      noWaiting.get();
      try {
        begin.run();
      } finally {
        waiting.get();
      }
    };
    const takeWriteLock = async () => {
      const deadline = Date.now() + busyTimeoutMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return beginNow();
        } catch (e) {
          if ((e as { code?: string }).code !== "SQLITE_BUSY" || Date.now() >= deadline) throw e;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 5)));
      }
    };
    // One transaction of this process at a time (as the adapter's own lock, which is then always free).
    const turns = queue();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const release = await turns();
      try {
        await takeWriteLock();
        const transaction = await startTransaction(isolationLevel);
        for (const end of ["commit", "rollback"] as const) {
          const original = transaction[end].bind(transaction);
          transaction[end] = () => original().finally(release);
        }
        return transaction;
      } catch (e) {
        if (client.inTransaction) client.exec("ROLLBACK");
        release();
        return adapter.onError(e);
      }
    };
    return adapter as unknown as Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
  }
}

/** The parts of the adapter and of its better-sqlite3 connection that SqliteAdapter changes or uses. */
type SqliteDriverAdapter = {
  client: {
    prepare(sql: string): Statement;
    pragma(source: string): unknown;
    exec(sql: string): unknown;
    inTransaction: boolean;
  };
  startTransaction(isolationLevel?: string): Promise<{ commit(): Promise<void>; rollback(): Promise<void> }>;
  onError(error: unknown): never;
};

const alreadyBegun = { run() {}, get() {} } as unknown as Statement;

/** A queue of turns: `await turns()` waits for the previous turn to be released, and returns this turn's release. */
function queue() {
  let last = Promise.resolve();
  return async () => {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = last;
    last = previous.then(() => turn);
    await previous;
    // Released once, however often it is called (a transaction ends by commit or by rollback).
    return () => release();
  };
}

const MAX_PREPARED = 500;

/** The part of a better-sqlite3 statement the adapter uses. */
type Statement = {
  reader: boolean;
  bind(args: unknown[]): Statement;
  run(...args: unknown[]): unknown;
  get(...args: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): { all(...args: unknown[]): unknown[] };
};

/**
 * A prepared statement that can be bound many times: `bind` keeps the arguments for the call that
 * follows. Its columns are read once (better-sqlite3 builds them anew on every call, and the schema
 * does not change while the server runs: migrations run before it starts).
 */
function reusable(statement: Statement): Statement {
  let columns: unknown[] | undefined;
  const withArgs = (args: unknown[]): Statement => ({
    reader: statement.reader,
    bind: (more) => withArgs(more),
    run: () => statement.run(args),
    get: () => statement.get(args),
    columns: () => (columns ??= statement.columns()),
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
