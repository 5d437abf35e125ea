// Each certificate's place in the academy's revocation list (W3C Bitstring Status List v1.0).
// A certificate gets a random, unused index when it is issued; its credential names the list and
// the index, and the list, published as a signed credential, has that bit set once the
// certificate is revoked. Random indexes in a list of at least 131,072 entries keep a verifier who
// fetches the list from learning which certificate is being checked.
import { randomInt } from "node:crypto";
import type { Db, Tx } from "~/db/db.server";
import { savepoint } from "~/db/transactions.server";
import { listLength } from "./bitstring";

export const STATUS_LIST_PATH = "/credentials/status/revocation";

export function statusListUrl(base: string): string {
  return `${base}${STATUS_LIST_PATH}`;
}

/** The credentialStatus entry of a credential whose certificate has this index. */
export function statusListEntry(base: string, index: number) {
  return {
    id: `${statusListUrl(base)}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: statusListUrl(base),
  };
}

export type PickIndex = (length: number) => number;

/** A random index no certificate holds yet (checked in batches; the unique constraint has the last word). */
export async function freeStatusIndex(tx: Tx, pick: PickIndex = randomInt): Promise<number> {
  const [allocated, highest] = await Promise.all([
    tx.certificate.count({ where: { statusIndex: { not: null } } }),
    tx.certificate.aggregate({ _max: { statusIndex: true } }),
  ]);
  const length = listLength(allocated + 1, highest._max.statusIndex ?? -1);
  for (let round = 0; round < 20; round++) {
    const candidates = Array.from({ length: 8 }, () => pick(length));
    const taken = await tx.certificate.findMany({
      where: { statusIndex: { in: candidates } },
      select: { statusIndex: true },
    });
    const used = new Set(taken.map((t) => t.statusIndex));
    const free = candidates.find((c) => !used.has(c));
    if (free !== undefined) return free;
  }
  throw new Error("Could not find a free status list index.");
}

function isStatusIndexClash(e: unknown): boolean {
  const err = e as { code?: string; meta?: unknown; message?: string };
  return err?.code === "P2002" && /statusIndex/.test(`${JSON.stringify(err.meta ?? {})} ${err.message ?? ""}`);
}

/**
 * Runs `write` with a free index, and again with another one if a concurrent writer took the same
 * index first (the unique constraint on statusIndex refuses the second).
 */
export async function withStatusIndex<T>(tx: Tx, write: (index: number) => Promise<T>, pick?: PickIndex): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const index = await freeStatusIndex(tx, pick);
    try {
      // In a savepoint: on PostgreSQL a clash would otherwise end the whole transaction.
      return await savepoint(tx, () => write(index));
    } catch (e) {
      if (!isStatusIndexClash(e) || attempt >= 5) throw e;
    }
  }
}

/** Gives every certificate issued before status lists existed its index. Idempotent; returns how many it assigned. */
export async function assignMissingStatusIndexes(db: Db): Promise<number> {
  const missing = await db.certificate.findMany({
    where: { statusIndex: null },
    select: { id: true },
    orderBy: { issuedAt: "asc" },
  });
  let assigned = 0;
  for (const { id } of missing) {
    const { count } = await db.$transaction((tx) =>
      withStatusIndex(tx, (statusIndex) =>
        tx.certificate.updateMany({ where: { id, statusIndex: null }, data: { statusIndex } }),
      ),
    );
    assigned += count;
  }
  return assigned;
}

/** The list's current length and the indexes of revoked certificates. */
export async function revocationBits(db: Db): Promise<{ length: number; revoked: number[] }> {
  const [allocated, highest, revoked] = await Promise.all([
    db.certificate.count({ where: { statusIndex: { not: null } } }),
    db.certificate.aggregate({ _max: { statusIndex: true } }),
    db.certificate.findMany({
      where: { statusIndex: { not: null }, revokedAt: { not: null } },
      select: { statusIndex: true },
    }),
  ]);
  return { length: listLength(allocated, highest._max.statusIndex ?? -1), revoked: revoked.map((r) => r.statusIndex!) };
}
