// Fault test: invitations sent while the mail server is down are kept in the outbox and delivered,
// each exactly once, when it is back; their links lead to the cohort's join page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpServer, type TestSmtpServer } from "#tests/support/smtp";
import { db } from "~/db/db.server";
import { deliverDue } from "~/mail/sender.server";
import { smtpTransport, type Transport } from "~/mail/transport.server";
import { person, organisationWithCohort } from "./cohorts.fixture";
import { confirmImport } from "./import.server";
import { findInvitation, inviteAddresses } from "./invitations.server";

const MINUTE = 60_000;
let smtp: TestSmtpServer;
let transport: Transport;

beforeAll(async () => {
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.url, { ignoreTLS: true });
});
afterAll(async () => {
  transport.close();
  await smtp.stop().catch(() => {});
});

describe("invitations while the mail server is down", () => {
  it("loses none and delivers each exactly once when the server is back", async () => {
    const owner = await person(db, { name: "Olu Owner" });
    const { organisation, cohort } = await organisationWithCohort(db, owner, "Regulator");
    const ref = { id: cohort.id, name: cohort.name, organisationId: organisation.id, organisation };
    await smtp.stop();

    const typed = ["a.one@example.org", "b.two@example.org", "c.three@example.org"];
    expect(await inviteAddresses(db, ref, owner, typed)).toBe(3);
    const imported = await confirmImport(db, ref, owner, [
      { line: 2, name: "Ліна Коваль", email: "lina@example.org", problem: null },
      { line: 3, name: "سارة أحمد", email: "sara@example.org", problem: null },
    ]);
    expect(imported.invited).toBe(2);
    // Sending the same invitations again while the server is still down adds nothing.
    expect(await inviteAddresses(db, ref, owner, typed)).toBe(0);

    let now = new Date();
    const round = () => deliverDue({ transport, now: () => now, log: () => {} });
    try {
      for (let i = 0; i < 3; i++) {
        expect((await round()).sent).toBe(0);
        now = new Date(now.getTime() + 30 * MINUTE);
      }
      expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(5);
    } finally {
      await smtp.start();
    }
    for (let i = 0; i < 6 && (await db.outboxMessage.count({ where: { status: "pending" } })) > 0; i++) {
      await round();
      now = new Date(now.getTime() + 30 * MINUTE);
    }
    await smtp.waitFor(5);
    await new Promise((r) => setTimeout(r, 200));
    const all = [...typed, "lina@example.org", "sara@example.org"];
    expect(smtp.messages.flatMap((m) => m.to).sort()).toEqual([...all].sort());

    // Each message's link is a working personal invitation to this cohort.
    for (const message of smtp.messages) {
      const token = /\/join\/([A-Za-z0-9_-]+)/.exec(message.text ?? "")?.[1];
      expect(token).toBeTruthy();
      const found = await findInvitation(db, token!);
      expect(found).toMatchObject({ cohort: { id: cohort.id } });
    }
  });
});
