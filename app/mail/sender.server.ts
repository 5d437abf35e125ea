// The background sender: delivers due outbox messages, retrying with exponential backoff.
//
// Several server processes may run a sender against one database. Each message is claimed before
// it is sent, by a conditional update that moves its nextAttemptAt forward by a lease: the update
// matches only while the row still has the values this process read, so exactly one process
// counts it and sends. A process that dies mid-send leaves the claim to expire; the message is
// then tried again (the one case where a message can arrive twice: the mail server accepted it
// but the process died before recording that).
import { db as defaultDb, type Db } from "~/db/db.server";
import { log as logger } from "~/log.server";
import { channelHandler } from "./channels.server";
import type { Email } from "./outbox.server";
import { transportFromEnv, type Transport } from "./transport.server";

const MINUTE = 60_000;

export type SenderOptions = {
  db?: Db;
  transport: Transport;
  /** Attempts before a message is given up as "failed" (default 8: about 4 hours of retries). */
  maxAttempts?: number;
  /** Wait after the first failure; doubled after each further one (default 1 minute). */
  baseDelayMs?: number;
  /** Longest wait between attempts (default 1 hour). */
  maxDelayMs?: number;
  /** How long a claim holds before another process may try the message (default 5 minutes). */
  leaseMs?: number;
  /** When a channel has no handler yet, look again after this long (default 1 minute). */
  unhandledDelayMs?: number;
  /** Messages claimed per round (default 20). */
  batchSize?: number;
  now?: () => Date;
  log?: (message: string) => void;
  /** Asked before each message: once true, the round ends after the message being sent. */
  stopping?: () => boolean;
};

export type RoundResult = { sent: number; retrying: number; failed: number; waiting: number; skipped: number };

/** Wait before the next attempt after `attempts` failed ones: base, 2×base, 4×base … up to max. */
export function backoffMs(attempts: number, baseMs = MINUTE, maxMs = 60 * MINUTE): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 1000);

/** One round: claims and delivers the messages that are due now. */
export async function deliverDue(options: SenderOptions): Promise<RoundResult> {
  const {
    db = defaultDb,
    transport,
    maxAttempts = 8,
    baseDelayMs = MINUTE,
    maxDelayMs = 60 * MINUTE,
    leaseMs = 5 * MINUTE,
    unhandledDelayMs = MINUTE,
    batchSize = 20,
    now = () => new Date(),
    log = (m) => logger.warn(m),
    stopping = () => false,
  } = options;
  const result: RoundResult = { sent: 0, retrying: 0, failed: 0, waiting: 0, skipped: 0 };
  const due = await db.outboxMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now() } },
    orderBy: { nextAttemptAt: "asc" },
    take: batchSize,
    select: { id: true, channel: true, payload: true, attempts: true, nextAttemptAt: true },
  });
  for (const message of due) {
    if (stopping()) break;
    // The claim: counts only if nobody claimed or delivered the row since we read it.
    const claimed = await db.outboxMessage.updateMany({
      where: { id: message.id, status: "pending", attempts: message.attempts, nextAttemptAt: message.nextAttemptAt },
      data: { nextAttemptAt: new Date(now().getTime() + leaseMs) },
    });
    if (claimed.count !== 1) {
      result.skipped++;
      continue;
    }
    const handler = message.channel === "email" ? undefined : channelHandler(message.channel);
    if (message.channel !== "email" && !handler) {
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          nextAttemptAt: new Date(now().getTime() + unhandledDelayMs),
          lastError: `No handler is registered for the "${message.channel}" channel yet.`,
        },
      });
      result.waiting++;
      continue;
    }
    try {
      let payload: unknown;
      try {
        payload = JSON.parse(message.payload);
      } catch {
        throw new PermanentError("The payload is not valid JSON.");
      }
      if (handler) await handler(payload);
      else await transport.send(asEmail(payload), message.id);
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          status: "sent",
          sentAt: now(),
          attempts: { increment: 1 },
          lastError: null,
          payload: kept(message.channel, message.payload),
        },
      });
      result.sent++;
    } catch (e) {
      const attempts = message.attempts + 1;
      const giveUp = e instanceof PermanentError || attempts >= maxAttempts;
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          attempts,
          lastError: errorText(e),
          ...(giveUp
            ? { status: "failed", payload: kept(message.channel, message.payload) }
            : { nextAttemptAt: new Date(now().getTime() + backoffMs(attempts, baseDelayMs, maxDelayMs)) }),
        },
      });
      if (giveUp) {
        result.failed++;
        log(
          `Outbox: gave up on ${message.channel} message ${message.id} after ${attempts} attempt(s): ${errorText(e)}`,
        );
      } else {
        result.retrying++;
        log(
          `Outbox: ${message.channel} message ${message.id} failed (attempt ${attempts}), will retry: ${errorText(e)}`,
        );
      }
    }
  }
  return result;
}

class PermanentError extends Error {}

/**
 * What stays of a message once it is sent or given up: an e-mail keeps its recipient and subject
 * only, so that the links it carried (password resets, invitations) are not kept in the database.
 */
function kept(channel: string, payload: string): string {
  if (channel !== "email") return payload;
  try {
    const { to, subject } = JSON.parse(payload) as { to?: unknown; subject?: unknown };
    return JSON.stringify({ to, subject });
  } catch {
    return "{}";
  }
}

function asEmail(payload: unknown): Email {
  const p = payload as Partial<Email> | null;
  if (!p || typeof p.to !== "string" || typeof p.subject !== "string" || typeof p.text !== "string") {
    throw new PermanentError("The e-mail payload lacks to, subject or text.");
  }
  return { to: p.to, subject: p.subject, text: p.text, html: typeof p.html === "string" ? p.html : "" };
}

export type Sender = {
  /** Runs a round soon (e.g. right after a message was queued). */
  nudge(): void;
  /** Stops polling; the round in progress ends after the message being sent, and this waits for it. */
  stop(): Promise<void>;
};

/** Polls the outbox every `intervalMs` (default 2 s) until stopped. */
export function startSender(options: Partial<SenderOptions> & { intervalMs?: number } = {}): Sender {
  const { intervalMs = 2000, ...rest } = options;
  const transport = rest.transport ?? transportFromEnv();
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(round, ms).unref();
  };
  const round = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDue({ ...rest, transport, stopping: () => stopped })
      .then(() => undefined)
      .catch((e: unknown) => logger.error({ err: e }, "Outbox: a delivery round failed"))
      .finally(() => {
        running = null;
        const soon = again;
        again = false;
        schedule(soon ? 0 : intervalMs);
      });
  };
  const sender: Sender = {
    nudge: () => {
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
      if (current() === sender) setCurrent(undefined);
    },
  };
  setCurrent(sender);
  schedule(0);
  return sender;
}

// The running sender of this process, so that code which has just queued a message can nudge it.
const holder = globalThis as { __gdaMailSender?: Sender };
const current = () => holder.__gdaMailSender;
const setCurrent = (s: Sender | undefined) => (holder.__gdaMailSender = s);

/** Asks this process's sender, if one runs, to deliver soon. Call after the queueing transaction committed. */
export function nudgeSender(): void {
  current()?.nudge();
}

/** `OUTBOX_LEASE_SECONDS`: how long a claim holds (default 300); at least 1 second. */
export function leaseFromEnv(env: Record<string, string | undefined> = process.env): number | undefined {
  const raw = env.OUTBOX_LEASE_SECONDS?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 1)
    throw new Error(`OUTBOX_LEASE_SECONDS must be a number of seconds ≥ 1, not "${raw}".`);
  return seconds * 1000;
}

/** Starts the sender with the transport the environment names; logs where mail goes. */
export function startMailSender(): Sender {
  const transport = transportFromEnv();
  logger.info(`E-mail: sending through ${transport.description}.`);
  return startSender({ transport, leaseMs: leaseFromEnv() });
}
