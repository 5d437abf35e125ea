import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "~/db/db.server";
import { migrate } from "~/db/migrate.server";
import {
  cleanUpExpired,
  consume,
  counterKey,
  peek,
  policy,
  refund,
  throttleInvitations,
  type Policy,
} from "./rate-limit.server";

let db: Db;
beforeAll(async () => {
  const url = `file:${join(mkdtempSync(join(tmpdir(), "gda-rl-")), "test.db")}`;
  await migrate(url);
  db = createDb(url);
});
afterAll(() => db.$disconnect());

const P: Policy = { name: "test", limit: 3, windowMs: 60_000 };

describe("consume", () => {
  it("allows up to the limit, then refuses with the time left in the window", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consume(db, P, "a", new Date(now.getTime() + i * 1000)));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.count)).toEqual([1, 2, 3, 4]);
    expect(results[3].retryAfterSeconds).toBe(57);
    expect(results[3].resetAt.toISOString()).toBe("2030-01-01T00:01:00.000Z");
  });

  it("starts a new window when the old one has ended", async () => {
    const t0 = new Date("2030-02-01T00:00:00Z");
    for (let i = 0; i < 5; i++) await consume(db, P, "b", t0);
    const later = await consume(db, P, "b", new Date(t0.getTime() + 60_000));
    expect(later).toMatchObject({ allowed: true, count: 1 });
    expect(later.resetAt.toISOString()).toBe("2030-02-01T00:02:00.000Z");
  });

  it("counts N parallel hits exactly N, for a new key and for an existing one", async () => {
    const many: Policy = { name: "parallel", limit: 1000, windowMs: 60_000 };
    const now = new Date();
    const first = await Promise.all(Array.from({ length: 50 }, () => consume(db, many, "c", now)));
    expect(first.map((r) => r.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await Promise.all(Array.from({ length: 30 }, () => consume(db, many, "c", now)));
    expect((await peek(db, many, "c", now)).count).toBe(80);
  });

  it("keeps subjects and policies apart and stores no subject in clear", async () => {
    const now = new Date();
    await consume(db, P, "someone@example.org", now);
    await consume(db, { ...P, name: "other" }, "someone@example.org", now);
    expect((await peek(db, P, "someone@example.org", now)).count).toBe(1);
    expect((await peek(db, P, "nobody@example.org", now)).count).toBe(0);
    const keys = (await db.rateLimit.findMany()).map((r) => r.key);
    expect(keys.some((k) => k.includes("example.org"))).toBe(false);
    expect(keys).toContain(counterKey(P, "someone@example.org"));
  });
});

describe("refund", () => {
  it("takes back one hit and never goes below zero", async () => {
    const now = new Date();
    await consume(db, P, "d", now);
    await consume(db, P, "d", now);
    await refund(db, P, "d", now);
    expect((await peek(db, P, "d", now)).count).toBe(1);
    await refund(db, P, "d", now);
    await refund(db, P, "d", now);
    expect((await peek(db, P, "d", now)).count).toBe(0);
  });
});

describe("cleanUpExpired", () => {
  it("deletes only counters whose window has ended", async () => {
    const now = new Date("2031-01-01T00:00:00Z");
    await consume(db, P, "old", new Date(now.getTime() - 120_000));
    await consume(db, P, "current", now);
    await cleanUpExpired(db, now);
    const keys = (
      await db.rateLimit.findMany({ where: { key: { in: [counterKey(P, "old"), counterKey(P, "current")] } } })
    ).map((r) => r.key);
    expect(keys).toEqual([counterKey(P, "current")]);
  });
});

describe("policy", () => {
  it("has defaults and takes LIMIT or LIMIT/SECONDS from the environment", () => {
    expect(policy("loginAccount", {})).toEqual({ name: "login-account", limit: 10, windowMs: 900_000 });
    expect(policy("loginAccount", { RATE_LIMIT_LOGIN_ACCOUNT: "5" }).limit).toBe(5);
    expect(policy("signupIp", { RATE_LIMIT_SIGNUP_IP: "1000/60" })).toEqual({
      name: "signup-ip",
      limit: 1000,
      windowMs: 60_000,
    });
    expect(() => policy("verifyApiIp", { RATE_LIMIT_VERIFY_API_IP: "lots" })).toThrow(/RATE_LIMIT_VERIFY_API_IP/);
  });
});

describe("throttleInvitations", () => {
  it("allows 20 invitation sends a day per person, then refuses with the time to wait", async () => {
    expect(policy("inviteUser", {})).toEqual({ name: "invite-user", limit: 20, windowMs: 86_400_000 });
    for (let i = 0; i < 20; i++) expect(await throttleInvitations(db, "manager-1")).toBeNull();
    const refusal = await throttleInvitations(db, "manager-1");
    expect(refusal).toMatchObject({ allowed: false, limit: 20 });
    expect(refusal!.retryAfterSeconds).toBeGreaterThan(86_000);
    // Another person's sends are counted apart.
    expect(await throttleInvitations(db, "manager-2")).toBeNull();
  });
});
