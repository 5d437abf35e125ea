// The outbox: messages leave the academy through this table. A message is written in the same
// transaction as the event that causes it (so it exists exactly when the event does), and the
// background sender (sender.server.ts) delivers it later, with retries; a request never waits for
// a mail server or a learning record store.
import type { DbClient } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import { savepoint } from "~/db/transactions.server";

/** An e-mail, ready to send: plain-text and HTML versions of the same message. */
export type Email = { to: string; subject: string; text: string; html: string };

export type QueueOptions = {
  /** The account the message is addressed to or about. */
  userId?: string;
  /** A message with a key already in the outbox is not queued again (e.g. one reminder per day). */
  dedupeKey?: string;
};

/** Queues a message for delivery on `channel`; false when one with the same dedupe key exists. */
export async function queueMessage(
  tx: DbClient,
  channel: "email" | "xapi",
  payload: unknown,
  options: QueueOptions = {},
): Promise<boolean> {
  if (options.dedupeKey) {
    const existing = await tx.outboxMessage.findUnique({
      where: { dedupeKey: options.dedupeKey },
      select: { id: true },
    });
    if (existing) return false;
  }
  try {
    await savepoint(tx, () =>
      tx.outboxMessage.create({
        data: { channel, payload: JSON.stringify(payload), userId: options.userId, dedupeKey: options.dedupeKey },
      }),
    );
  } catch (e) {
    // Queued by another process meanwhile (reminders are queued outside a transaction).
    if (options.dedupeKey && isUniqueViolation(e)) return false;
    throw e;
  }
  return true;
}

/** Queues an e-mail; false when one with the same dedupe key was queued before. */
export function queueEmail(tx: DbClient, email: Email, options: QueueOptions = {}): Promise<boolean> {
  return queueMessage(tx, "email", email, options);
}
