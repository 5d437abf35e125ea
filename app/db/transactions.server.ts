// Transactions that behave alike on SQLite and PostgreSQL.
import type { DbClient, Tx } from "./db.server";

let savepoints = 0;

/**
 * Runs `work` so that, if it fails, only its own writes are undone and the caller's transaction
 * can go on (e.g. after a unique-constraint clash it expects and handles). PostgreSQL, unlike
 * SQLite, refuses every further statement of a transaction in which a statement failed, unless
 * that statement ran inside a savepoint. Outside a transaction, `work` simply runs.
 */
export async function savepoint<T>(client: DbClient, work: () => Promise<T>): Promise<T> {
  // The client itself (not a transaction) has $connect; a transaction's client has not.
  if (typeof (client as { $connect?: unknown }).$connect === "function") return work();
  const tx = client as unknown as Tx;
  const name = `sp_${++savepoints}`;
  await tx.$executeRawUnsafe(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (e) {
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT ${name}`);
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT ${name}`);
    throw e;
  }
}

/**
 * Whether an error is a transaction that the database refused to serialise with another (a
 * write conflict or deadlock; PostgreSQL under Serializable isolation): running it again is safe.
 */
export function isSerializationFailure(e: unknown): boolean {
  type Cause = { originalCode?: string; kind?: string };
  const error = e as {
    name?: string;
    code?: string;
    cause?: Cause;
    meta?: { code?: string; driverAdapterError?: { cause?: Cause } };
  };
  if (error?.code === "P2034") return true;
  // Through the driver adapter, PostgreSQL's own codes: 40001 serialization_failure, 40P01 deadlock_detected.
  // A refusal at COMMIT reaches the caller as the adapter's own error, not wrapped by Prisma.
  const cause = error?.name === "DriverAdapterError" ? error.cause : error?.meta?.driverAdapterError?.cause;
  return (
    ["40001", "40P01"].includes(cause?.originalCode ?? error?.meta?.code ?? "") ||
    cause?.kind === "TransactionWriteConflict"
  );
}
