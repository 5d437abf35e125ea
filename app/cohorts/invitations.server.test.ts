import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { person, organisationWithCohort, publishedCourse } from "./cohorts.fixture";
import { setCohortCourses } from "./cohorts.server";
import {
  createJoinLink,
  findInvitation,
  hashToken,
  inviteByEmail,
  joinCohort,
  revokeInvitation,
} from "./invitations.server";

const DAY = 86_400_000;
const now = new Date("2027-01-10T12:00:00Z");
const later = new Date(now.getTime() + 30 * DAY);

let owner: Awaited<ReturnType<typeof person>>;
let fixture: Awaited<ReturnType<typeof organisationWithCohort>>;
let courses: { id: string }[];

beforeAll(async () => {
  owner = await person(db);
  fixture = await organisationWithCohort(db, owner, "Ministry");
  courses = [await publishedCourse(db, "One"), await publishedCourse(db, "Two")];
  await setCohortCourses(
    db,
    fixture.cohort.id,
    courses.map((c) => ({ courseId: c.id, dueAt: later })),
  );
});

const cohortRef = () => ({ id: fixture.cohort.id, name: fixture.cohort.name, organisation: { name: "Ministry" } });

describe("join links", () => {
  it("stores only the token's hash and joins: cohort learner, organisation learner, enrolled, one use", async () => {
    const { token, id } = await createJoinLink(db, fixture.cohort.id, owner.id, { expiresAt: later, maxUses: null });
    const row = await db.invitation.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token);
    const learner = await person(db);
    expect(await joinCohort(db, token, learner, now)).toEqual({
      ok: true,
      alreadyMember: false,
      cohortName: "Ministry cohort",
    });
    expect(
      await db.cohortMember.findUnique({
        where: { cohortId_userId: { cohortId: fixture.cohort.id, userId: learner.id } },
      }),
    ).toMatchObject({ role: "learner" });
    expect(
      await db.membership.findUnique({
        where: { organisationId_userId: { organisationId: fixture.organisation.id, userId: learner.id } },
      }),
    ).toMatchObject({ role: "learner" });
    expect(
      await db.enrollment.count({ where: { userId: learner.id, courseId: { in: courses.map((c) => c.id) } } }),
    ).toBe(2);
    // Joining twice is harmless: no second use, nothing duplicated.
    expect(await joinCohort(db, token, learner, now)).toMatchObject({ ok: true, alreadyMember: true });
    expect((await db.invitation.findUniqueOrThrow({ where: { id } })).uses).toBe(1);
    expect(await db.enrollment.count({ where: { userId: learner.id } })).toBe(2);
  });

  it("keeps an existing organisation role when an admin joins as a learner", async () => {
    const admin = await person(db);
    await db.membership.create({ data: { organisationId: fixture.organisation.id, userId: admin.id, role: "admin" } });
    const { token } = await createJoinLink(db, fixture.cohort.id, owner.id, { expiresAt: later, maxUses: null });
    await joinCohort(db, token, admin, now);
    expect(
      (
        await db.membership.findUniqueOrThrow({
          where: { organisationId_userId: { organisationId: fixture.organisation.id, userId: admin.id } },
        })
      ).role,
    ).toBe("admin");
  });

  it("refuses expired, revoked, used-up and unknown links", async () => {
    const expired = await createJoinLink(db, fixture.cohort.id, owner.id, {
      expiresAt: new Date(now.getTime() - 1),
      maxUses: null,
    });
    expect(await joinCohort(db, expired.token, await person(db), now)).toEqual({ ok: false, reason: "expired" });

    const revoked = await createJoinLink(db, fixture.cohort.id, owner.id, { expiresAt: later, maxUses: null });
    expect(await revokeInvitation(db, fixture.cohort.id, revoked.id, now)).toBe(true);
    expect(await revokeInvitation(db, fixture.cohort.id, revoked.id, now)).toBe(false);
    expect(await joinCohort(db, revoked.token, await person(db), now)).toEqual({ ok: false, reason: "revoked" });

    const once = await createJoinLink(db, fixture.cohort.id, owner.id, { expiresAt: later, maxUses: 1 });
    expect(await joinCohort(db, once.token, await person(db), now)).toMatchObject({ ok: true });
    expect(await joinCohort(db, once.token, await person(db), now)).toEqual({ ok: false, reason: "used-up" });

    expect(await joinCohort(db, "x".repeat(43), await person(db), now)).toEqual({ ok: false, reason: "unknown" });
    expect(await joinCohort(db, "../../etc", await person(db), now)).toEqual({ ok: false, reason: "unknown" });
    expect(await findInvitation(db, "")).toBeNull();
  });

  it("does not revoke another cohort's invitation", async () => {
    const other = await organisationWithCohort(db, owner, "Other");
    const link = await createJoinLink(db, other.cohort.id, owner.id, { expiresAt: later, maxUses: null });
    expect(await revokeInvitation(db, fixture.cohort.id, link.id, now)).toBe(false);
  });
});

describe("e-mail invitations", () => {
  it("queues the e-mail with a personal link in the same transaction as the invitation, once per address", async () => {
    const email = `Invitee-${Date.now()}@Example.org`;
    const sent = await db.$transaction((tx) =>
      inviteByEmail(
        tx,
        cohortRef(),
        { id: owner.id, name: "Olu Owner", language: null },
        { email, name: "Ama Mensah" },
        now,
      ),
    );
    expect(sent).toBe(true);
    const invitation = await db.invitation.findFirstOrThrow({ where: { email: email.toLowerCase() } });
    expect(invitation).toMatchObject({ kind: "email", maxUses: 1, uses: 0, name: "Ama Mensah" });
    expect(invitation.expiresAt.getTime()).toBe(now.getTime() + 30 * DAY);
    const outbox = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `invitation:${invitation.id}` } });
    expect(outbox.channel).toBe("email");
    expect(outbox.status).toBe("pending");
    const payload = JSON.parse(outbox.payload) as { to: string; subject: string; text: string; html: string };
    expect(payload.to).toBe(email.toLowerCase());
    expect(payload.subject).toBe("Join Ministry cohort at Ministry · Green Digital Academy");
    expect(payload.text).toContain("Hello Ama Mensah,");
    expect(payload.text).toContain("Olu Owner invites you");
    const url = /Join the cohort: (\S+)/.exec(payload.text)![1];
    expect(url).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
    expect(payload.html).toContain(url);
    // The token in the mail is the one whose hash is stored.
    expect(hashToken(url.split("/join/")[1])).toBe(invitation.tokenHash);
  });

  it("is written in the inviter's language", async () => {
    const email = `invitee-ar-${Date.now()}@example.org`;
    const inviter = { id: owner.id, name: "أمينة حداد", language: "ar" };
    expect(await inviteByEmail(db, cohortRef(), inviter, { email, name: "سالم" }, now)).toBe(true);
    const invitation = await db.invitation.findFirstOrThrow({ where: { email } });
    const outbox = await db.outboxMessage.findUniqueOrThrow({ where: { dedupeKey: `invitation:${invitation.id}` } });
    const payload = JSON.parse(outbox.payload) as { subject: string; text: string; html: string };
    expect(payload.subject).toBe("انضم إلى Ministry cohort في Ministry · Green Digital Academy");
    expect(payload.text).toContain("مرحبًا سالم،");
    expect(payload.text).toContain("يدعوك أمينة حداد إلى الانضمام");
    expect(payload.text).toMatch(/الانضمام إلى الدفعة: \S+\/join\//);
    expect(payload.html).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    // A second invitation to the same address (any case) is not sent while the first is pending.
    expect(await inviteByEmail(db, cohortRef(), owner, { email: email.toUpperCase() }, now)).toBe(false);
  });

  it("works only for the account with the invited address, in any case, and only once", async () => {
    const invited = await person(db, { email: `ama-${Date.now()}@example.org` });
    await inviteByEmail(db, cohortRef(), owner, { email: invited.email.toUpperCase() }, now);
    const outbox = await db.outboxMessage.findFirstOrThrow({ where: { payload: { contains: invited.email } } });
    const token = /\/join\/([A-Za-z0-9_-]+)/.exec(JSON.parse(outbox.payload).text as string)![1];
    expect(await joinCohort(db, token, await person(db), now)).toEqual({ ok: false, reason: "wrong-account" });
    expect(await joinCohort(db, token, { ...invited, email: invited.email.toUpperCase() }, now)).toMatchObject({
      ok: true,
      alreadyMember: false,
    });
    expect(await joinCohort(db, token, await person(db), now)).toEqual({ ok: false, reason: "used-up" });
  });
});
