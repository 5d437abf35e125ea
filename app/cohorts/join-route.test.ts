// The join page and its action: what a visitor, a signed-in person and the wrong account get for
// valid, unknown, expired, revoked and used-up links. The page (a GET) never writes.
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthUser } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import * as joinRoute from "~/routes/join.$token";
import { person, organisationWithCohort } from "./cohorts.fixture";
import { createJoinLink, inviteByEmail, revokeInvitation } from "./invitations.server";

const DAY = 86_400_000;
let owner: AuthUser;
let cohortId = "";
const tokens = {} as Record<"valid" | "expired" | "revoked" | "usedUp" | "personal", string>;
let invitee: AuthUser;

beforeAll(async () => {
  owner = await person(db);
  const { cohort } = await organisationWithCohort(db, owner, "Join Org");
  cohortId = cohort.id;
  const soon = new Date(Date.now() + DAY);
  tokens.valid = (await createJoinLink(db, cohortId, owner.id, { expiresAt: soon, maxUses: null })).token;
  tokens.expired = (
    await createJoinLink(db, cohortId, owner.id, { expiresAt: new Date(Date.now() - 1000), maxUses: null })
  ).token;
  const revoked = await createJoinLink(db, cohortId, owner.id, { expiresAt: soon, maxUses: null });
  await revokeInvitation(db, cohortId, revoked.id);
  tokens.revoked = revoked.token;
  const usedUp = await createJoinLink(db, cohortId, owner.id, { expiresAt: soon, maxUses: 1 });
  await db.invitation.update({ where: { id: usedUp.id }, data: { uses: 1 } });
  tokens.usedUp = usedUp.token;
  invitee = await person(db, { email: `invitee-${Date.now()}@example.org` });
  await inviteByEmail(db, { id: cohortId, name: cohort.name, organisation: { name: "Join Org" } }, owner, {
    email: invitee.email,
  });
  const mail = await db.outboxMessage.findFirstOrThrow({ where: { payload: { contains: invitee.email } } });
  tokens.personal = /\/join\/([A-Za-z0-9_-]+)/.exec(JSON.parse(mail.payload).text as string)![1];
});

const context = (user: AuthUser | null) => ({ auth: { user, session: null }, cspNonce: "", clientIp: "127.0.0.1" });

async function statusOf(run: () => unknown): Promise<{ status: number; location?: string | null; body?: string }> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
    return { status: 200 };
  } catch (e) {
    if (e instanceof Response)
      return {
        status: e.status,
        location: e.headers.get("Location"),
        body: e.status >= 400 ? await e.text() : undefined,
      };
    throw e;
  }
}

const get = (token: string, user: AuthUser | null) =>
  statusOf(() =>
    joinRoute.loader({
      request: new Request(`http://localhost/join/${token}`),
      context: context(user),
      params: { token },
    } as never),
  );
const post = (token: string, user: AuthUser | null) =>
  statusOf(() =>
    joinRoute.action({
      request: new Request(`http://localhost/join/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "",
      }),
      context: context(user),
      params: { token },
    } as never),
  );

describe("the join page", () => {
  it("shows a valid link to anyone, with sign-up and log-in links that come back here", async () => {
    const page = (await joinRoute.loader({
      request: new Request(`http://localhost/join/${tokens.valid}`),
      context: context(null),
      params: { token: tokens.valid },
    } as never)) as Awaited<ReturnType<typeof joinRoute.loader>>;
    expect(page.cohort.organisation).toBe("Join Org");
    expect(page.signUp).toBe(`/signup?redirectTo=${encodeURIComponent(`/join/${tokens.valid}`)}`);
    expect(page.logIn).toBe(`/login?redirectTo=${encodeURIComponent(`/join/${tokens.valid}`)}`);
  });

  it("answers unknown, expired, revoked and used-up links with a 4xx and a reason, for the page and the action", async () => {
    const someone = await person(db);
    for (const [token, status, reason] of [
      ["A".repeat(43), 404, /not known/],
      ["short", 404, /not known/],
      [tokens.expired, 410, /expired/],
      [tokens.revoked, 410, /withdrawn/],
      [tokens.usedUp, 410, /used as often/],
    ] as const) {
      const page = await get(token, null);
      expect(page.status, token).toBe(status);
      expect(page.body).toMatch(reason);
      expect((await post(token, someone)).status).toBe(status);
    }
    expect(await db.cohortMember.count({ where: { userId: someone.id } })).toBe(0);
  });

  it("sends a visitor's POST to log in first, and joins a signed-in person, then leads to My learning", async () => {
    const anonymous = await post(tokens.valid, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=%2Fjoin%2F/);
    const learner = await person(db);
    expect(await post(tokens.valid, learner)).toEqual({ status: 302, location: "/learn" });
    expect(await post(tokens.valid, learner)).toEqual({ status: 302, location: "/learn" });
    expect(await db.cohortMember.count({ where: { cohortId, userId: learner.id } })).toBe(1);
  });

  it("refuses a personal invitation to another account (403) and accepts it for its address", async () => {
    const other = await person(db);
    const page = (await joinRoute.loader({
      request: new Request(`http://localhost/join/${tokens.personal}`),
      context: context(other),
      params: { token: tokens.personal },
    } as never)) as Awaited<ReturnType<typeof joinRoute.loader>>;
    expect(page.wrongAccount).toBe(true);
    expect((await post(tokens.personal, other)).status).toBe(403);
    expect(await post(tokens.personal, { ...invitee, email: invitee.email.toUpperCase() })).toEqual({
      status: 302,
      location: "/learn",
    });
  });
});
