import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "#tests/support/smtp";
import { createDb, db } from "~/db/db.server";
import { registerChannel, unregisterChannel } from "./channels.server";
import { composeEmail } from "./compose";
import { queueEmail, queueMessage } from "./outbox.server";
import { backoffMs, deliverDue, leaseFromEnv, startSender } from "./sender.server";
import {
  folderTransport,
  listStoredMail,
  mailFrom,
  outboxMessageId,
  smtpOptions,
  smtpTransport,
  transportFromEnv,
  type Transport,
} from "./transport.server";

const MINUTE = 60_000;
let smtp: TestSmtpServer;
let transport: Transport;
const quiet = () => {};

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.url, { ignoreTLS: true });
});
afterAll(async () => {
  transport.close();
  await smtp.stop().catch(() => {});
});
beforeEach(async () => {
  await db.outboxMessage.deleteMany();
  smtp.messages.length = 0;
});

const invitation = (to: string) =>
  composeEmail({
    language: "en",
    to,
    subject: "You are invited to a cohort",
    paragraphs: ["Join the cohort to start learning."],
    action: { label: "Join the cohort", url: `http://localhost:3000/join/${to}` },
  });

async function queueInvitations(n: number) {
  const addresses = Array.from({ length: n }, (_, i) => `learner${i}@example.org`);
  await db.$transaction(async (tx) => {
    for (const a of addresses) await queueEmail(tx, invitation(a));
  });
  return addresses;
}

describe("backoffMs", () => {
  it("doubles from the base and stops at the cap", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, MINUTE, 60 * MINUTE))).toEqual([
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
    ]);
    expect(backoffMs(10, MINUTE, 60 * MINUTE)).toBe(60 * MINUTE);
  });
});

describe("deliverDue over SMTP", () => {
  it("delivers a due e-mail with its text and HTML and records it as sent", async () => {
    await queueEmail(db, invitation("ada@example.org"));
    const result = await deliverDue({ transport });
    expect(result.sent).toBe(1);
    const [mail] = await smtp.waitFor(1);
    expect(mail.to).toEqual(["ada@example.org"]);
    expect(mail.subject).toBe("You are invited to a cohort · Green Digital Academy");
    expect(mail.text).toContain("Join the cohort: http://localhost:3000/join/ada@example.org");
    expect(mail.html).toContain('href="http://localhost:3000/join/ada@example.org"');
    const row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    // Once sent, only the recipient and subject are kept: not the links the message carried.
    expect(JSON.parse(row.payload)).toEqual({
      to: "ada@example.org",
      subject: "You are invited to a cohort · Green Digital Academy",
    });
  });

  it("does not send a message before its time", async () => {
    await db.outboxMessage.create({
      data: {
        channel: "email",
        payload: JSON.stringify(invitation("later@example.org")),
        nextAttemptAt: new Date(Date.now() + MINUTE),
      },
    });
    expect((await deliverDue({ transport })).sent).toBe(0);
    expect(smtp.messages).toHaveLength(0);
  });

  it("retries with exponential backoff while the server is down, then gives up keeping the last error", async () => {
    const down = smtpTransport("smtp://127.0.0.1:1", { ignoreTLS: true });
    await queueEmail(db, invitation("bo@example.org"));
    let now = new Date();
    const round = () => deliverDue({ transport: down, now: () => now, maxAttempts: 3, log: quiet });

    expect((await round()).retrying).toBe(1);
    let row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + MINUTE);

    // Not due yet: nothing happens.
    now = new Date(now.getTime() + 30_000);
    expect((await round()).retrying).toBe(0);

    now = new Date(row.nextAttemptAt.getTime());
    expect((await round()).retrying).toBe(1);
    row = await db.outboxMessage.findFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + 2 * MINUTE);

    now = new Date(row.nextAttemptAt.getTime());
    expect((await round()).failed).toBe(1);
    row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    down.close();
  });

  it("loses nothing while the mail server is down and delivers every message exactly once when it is back", async () => {
    const addresses = await queueInvitations(6);
    await smtp.stop();
    let now = new Date();
    const round = () => deliverDue({ transport, now: () => now, log: quiet });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await round();
        expect(r.sent).toBe(0);
        now = new Date(now.getTime() + 10 * MINUTE);
      }
    } finally {
      await smtp.start();
    }
    expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(6);
    for (let i = 0; i < 5 && (await db.outboxMessage.count({ where: { status: "pending" } })) > 0; i++) {
      await round();
      now = new Date(now.getTime() + 10 * MINUTE);
    }
    await smtp.waitFor(6);
    // A little longer, in case anything were to arrive twice.
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([...addresses].sort());
    expect(await db.outboxMessage.count({ where: { status: "sent", attempts: 4 } })).toBe(6);
  });

  it("delivers each message once when two senders (two database connections) race", async () => {
    const addresses = await queueInvitations(12);
    const other = createDb();
    const otherTransport = smtpTransport(smtp.url, { ignoreTLS: true });
    try {
      const [a, b] = await Promise.all([
        deliverDue({ transport, batchSize: 50 }),
        deliverDue({ db: other, transport: otherTransport, batchSize: 50 }),
      ]);
      expect(a.sent + b.sent).toBe(12);
    } finally {
      otherTransport.close();
      await other.$disconnect();
    }
    await smtp.waitFor(12);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([...addresses].sort());
  });

  it("tries again a message whose claim expired (its process stopped mid-send)", async () => {
    await queueEmail(db, invitation("crash@example.org"));
    const row = await db.outboxMessage.findFirstOrThrow();
    const now = new Date();
    // A process claimed it (lease of 5 minutes) and died.
    await db.outboxMessage.update({
      where: { id: row.id },
      data: { nextAttemptAt: new Date(now.getTime() + 5 * MINUTE) },
    });
    expect((await deliverDue({ transport, now: () => now })).sent).toBe(0);
    expect((await deliverDue({ transport, now: () => new Date(now.getTime() + 5 * MINUTE) })).sent).toBe(1);
    await smtp.waitFor(1);
  });
});

describe("startSender", () => {
  it("resumes the pending messages after a restart and stops cleanly", async () => {
    const first = startSender({ transport: smtpTransport(smtp.url, { ignoreTLS: true }), intervalMs: 50 });
    await first.stop();
    // Queued while no sender runs (e.g. the server was restarting).
    const addresses = await queueInvitations(3);
    const second = startSender({ transport: smtpTransport(smtp.url, { ignoreTLS: true }), intervalMs: 50 });
    try {
      await smtp.waitFor(3);
    } finally {
      await second.stop();
    }
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual(addresses);
    expect(await db.outboxMessage.count({ where: { status: "sent" } })).toBe(3);
  });
});

describe("Message-ID", () => {
  it("is the same on every attempt of one message, so a message sent again after a lost claim is one message", async () => {
    await queueInvitations(1);
    let now = new Date();
    // A process claims the message, sends it, and dies before recording that: the row stays pending.
    const [row] = await db.outboxMessage.findMany();
    await transport.send(JSON.parse(row!.payload) as Parameters<Transport["send"]>[0], row!.id);
    // The claim's lease runs out; another process sends it again.
    now = new Date(now.getTime() + 6 * MINUTE);
    expect(await deliverDue({ transport, now: () => now, log: quiet })).toMatchObject({ sent: 1 });
    const [first, second] = await smtp.waitFor(2);
    expect(first!.messageId).toBe(`<${row!.id}@localhost>`);
    expect(second!.messageId).toBe(first!.messageId);
  });

  it("takes the domain of the sender's address", () => {
    expect(outboxMessageId("m1", "Academy <hello@academy.example.org>")).toBe("<m1@academy.example.org>");
    expect(outboxMessageId("m1", "hello@example.org")).toBe("<m1@example.org>");
    expect(outboxMessageId("m1", "Academy")).toBe("<m1@localhost>");
  });
});

describe("lease setting", () => {
  it("reads OUTBOX_LEASE_SECONDS, and refuses a value that is not a number of seconds", () => {
    expect(leaseFromEnv({})).toBeUndefined();
    expect(leaseFromEnv({ OUTBOX_LEASE_SECONDS: "30" })).toBe(30_000);
    expect(() => leaseFromEnv({ OUTBOX_LEASE_SECONDS: "0" })).toThrow(/OUTBOX_LEASE_SECONDS/);
    expect(() => leaseFromEnv({ OUTBOX_LEASE_SECONDS: "soon" })).toThrow(/OUTBOX_LEASE_SECONDS/);
  });
});

describe("stopping the sender", () => {
  it("finishes the message it is sending and leaves the rest of the round in the outbox", async () => {
    await queueInvitations(3);
    const smtpOut = smtpTransport(smtp.url, { ignoreTLS: true });
    let sending!: () => void;
    const firstSendStarted = new Promise<void>((resolve) => (sending = resolve));
    // The real SMTP transport, slowed down so that the stop arrives while the first message is on its way.
    const slow: Transport = {
      description: smtpOut.description,
      async send(email) {
        sending();
        await new Promise((resolve) => setTimeout(resolve, 300));
        await smtpOut.send(email);
      },
      close: () => smtpOut.close(),
    };
    const sender = startSender({ transport: slow, intervalMs: 50 });
    await firstSendStarted;
    await sender.stop();
    expect(smtp.messages).toHaveLength(1);
    expect(await db.outboxMessage.count({ where: { status: "sent" } })).toBe(1);
    expect(await db.outboxMessage.count({ where: { status: "pending", attempts: 0 } })).toBe(2);
  });
});

describe("other channels", () => {
  it("keeps a message whose channel has no handler yet waiting, then delivers it through the registered handler", async () => {
    await queueMessage(db, "xapi", { verb: "completed" });
    let now = new Date();
    const r1 = await deliverDue({ transport, now: () => now });
    expect(r1).toMatchObject({ waiting: 1, failed: 0, retrying: 0 });
    let row = await db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.lastError).toMatch(/No handler/);

    const received: unknown[] = [];
    registerChannel("xapi", async (payload) => void received.push(payload));
    try {
      now = new Date(now.getTime() + MINUTE);
      expect((await deliverDue({ transport, now: () => now })).sent).toBe(1);
    } finally {
      unregisterChannel("xapi");
    }
    expect(received).toEqual([{ verb: "completed" }]);
    row = await db.outboxMessage.findFirstOrThrow();
    expect(row.status).toBe("sent");
  });

  it("retries when a handler throws", async () => {
    await queueMessage(db, "xapi", { verb: "answered" });
    registerChannel("xapi", async () => {
      throw new Error("LRS unavailable");
    });
    try {
      expect((await deliverDue({ transport, log: quiet })).retrying).toBe(1);
    } finally {
      unregisterChannel("xapi");
    }
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ attempts: 1, lastError: "LRS unavailable" });
  });
});

describe("folder transport", () => {
  it("writes each message as an .eml file with a summary the development page lists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gda-mail-"));
    try {
      const t = folderTransport(dir, "Academy <no-reply@localhost>");
      await t.send(invitation("cy@example.org"));
      const files = readdirSync(dir);
      expect(files.filter((f) => f.endsWith(".eml"))).toHaveLength(1);
      const eml = readFileSync(
        join(
          dir,
          files.find((f) => f.endsWith(".eml"))!,
        ),
        "utf8",
      );
      expect(eml).toMatch(/^To: cy@example.org$/m);
      expect(eml).toMatch(/multipart\/alternative/);
      const [listed] = await listStoredMail(dir);
      expect(listed).toMatchObject({
        to: "cy@example.org",
        subject: "You are invited to a cohort · Green Digital Academy",
      });
      expect(listed.text).toContain("Join the cohort");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("transport settings", () => {
  it("reads smtp:// and smtps:// URLs, with a percent-encoded log-in", () => {
    expect(smtpOptions("smtp://localhost:2525")).toMatchObject({ host: "localhost", port: 2525, secure: false });
    expect(smtpOptions("smtp://localhost:2525").auth).toBeUndefined();
    expect(smtpOptions("smtps://mailer%40academy:p%40ss%3Aword@mail.example.org")).toMatchObject({
      host: "mail.example.org",
      port: 465,
      secure: true,
      auth: { user: "mailer@academy", pass: "p@ss:word" },
    });
    expect(smtpOptions("smtp://mail.example.org").port).toBe(587);
    expect(() => smtpOptions("http://mail.example.org")).toThrow(/smtp:\/\/ or smtps:\/\//);
  });

  it("logs in with the user and password in the URL, and sends from MAIL_FROM", async () => {
    const t = transportFromEnv({
      SMTP_URL: `smtp://mailer:s%20cret@127.0.0.1:${smtp.port}`,
      MAIL_FROM: "Academy <hello@example.org>",
    });
    try {
      await t.send(invitation("dee@example.org"));
    } finally {
      t.close();
    }
    const [mail] = await smtp.waitFor(1);
    expect(mail).toMatchObject({ user: "mailer:s cret", from: "hello@example.org" });
  });

  it("uses the folder when SMTP_URL is not set, and a default sender", () => {
    expect(transportFromEnv({ MAIL_DIR: "/tmp/x" }).description).toBe("folder /tmp/x");
    expect(mailFrom({})).toBe("Green Digital Academy <no-reply@localhost>");
  });
});
