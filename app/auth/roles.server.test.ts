import { describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { authenticate, hasRole, startSession } from "./auth.server";
import { recentRoleChanges, roleHistory, searchUsers, setRole } from "./roles.server";

let n = 0;
async function user(name: string, roles: { isAdmin?: boolean; isInstructor?: boolean } = {}) {
  const id = `u${++n}-${name.toLowerCase().replace(/\W+/g, "-")}`;
  await db.user.create({ data: { id, name, email: `${id}@example.org`, passwordHash: "x", ...roles } });
  return id;
}
const flags = (id: string) =>
  db.user.findUniqueOrThrow({ where: { id }, select: { isInstructor: true, isAdmin: true } });
const changeCount = () => db.auditEntry.count({ where: { action: { in: ["role.granted", "role.removed"] } } });

describe("searchUsers", () => {
  it("finds people by name or e-mail, ignoring case, with their roles, newest first and a page at a time", async () => {
    const a = await user("Amara Okafor", { isInstructor: true });
    await new Promise((r) => setTimeout(r, 5));
    const b = await user("Amadou Diallo");
    const byName = await searchUsers(db, "AMA");
    expect(byName.users.map((u) => u.id)).toEqual([b, a]);
    expect(byName.users[1]).toMatchObject({ name: "Amara Okafor", isInstructor: true, isAdmin: false });
    expect((await searchUsers(db, `${a.toUpperCase()}@EXAMPLE`)).users.map((u) => u.id)).toEqual([a]);

    const page1 = await searchUsers(db, "ama", { perPage: 1 });
    const page2 = await searchUsers(db, "ama", { page: 2, perPage: 1 });
    expect(page1).toMatchObject({ total: 2, page: 1, pageCount: 2 });
    expect(page2.users.map((u) => u.id)).toEqual([a]);
    // Pages past the end show the last page.
    expect((await searchUsers(db, "ama", { page: 99, perPage: 1 })).page).toBe(2);
  });

  it("reads % and _ as themselves, not as wildcards", async () => {
    await user("Plain Name");
    expect((await searchUsers(db, "%")).total).toBe(0);
    expect((await searchUsers(db, "_")).total).toBe(0);
    const underscored = await user("Jo_Smith 100%");
    expect((await searchUsers(db, "JO_S")).users.map((u) => u.id)).toEqual([underscored]);
    expect((await searchUsers(db, "100%")).users.map((u) => u.id)).toEqual([underscored]);
    expect((await searchUsers(db, "\\")).total).toBe(0);
  });
});

describe("setRole", () => {
  it("grants and removes a role, recording who did it and when, in the person's history", async () => {
    const admin = await user("Admin One", { isAdmin: true });
    const learner = await user("Learner One");
    const granted = await setRole(db, { actorId: admin, userId: learner, role: "instructor", granted: true });
    expect(granted).toMatchObject({
      ok: true,
      change: { role: "instructor", granted: true, user: { id: learner }, changedBy: { id: admin } },
    });
    expect(await flags(learner)).toEqual({ isInstructor: true, isAdmin: false });

    expect(await setRole(db, { actorId: admin, userId: learner, role: "instructor", granted: false })).toMatchObject({
      ok: true,
    });
    expect(await flags(learner)).toEqual({ isInstructor: false, isAdmin: false });

    const history = await roleHistory(db, learner);
    expect(history.map((c) => [c.role, c.granted, c.changedBy?.name])).toEqual([
      ["instructor", false, "Admin One"],
      ["instructor", true, "Admin One"],
    ]);
    expect(history[0].createdAt).toBeInstanceOf(Date);
    expect((await recentRoleChanges(db, 2)).map((c) => c.user?.id)).toEqual([learner, learner]);
  });

  it("refuses a change that changes nothing, and a user who does not exist, recording nothing", async () => {
    const admin = await user("Admin Two", { isAdmin: true });
    const instructor = await user("Instructor Two", { isInstructor: true });
    const before = await changeCount();
    expect(await setRole(db, { actorId: admin, userId: instructor, role: "instructor", granted: true })).toMatchObject({
      ok: false,
      refusal: {
        code: "unchanged",
        problem: { key: "admin:problems.already.instructor", values: { name: "Instructor Two" } },
      },
    });
    expect(await setRole(db, { actorId: admin, userId: instructor, role: "admin", granted: false })).toMatchObject({
      ok: false,
      refusal: { code: "unchanged", problem: { key: "admin:problems.not.admin", values: { name: "Instructor Two" } } },
    });
    expect(await setRole(db, { actorId: admin, userId: "nobody", role: "instructor", granted: true })).toMatchObject({
      ok: false,
      refusal: { code: "no-such-user", problem: { key: "admin:problems.noSuchUser" } },
    });
    expect(await changeCount()).toBe(before);
  });

  it("lets no one but an admin change roles: a learner or an instructor cannot make anyone, themselves included, an admin", async () => {
    const learner = await user("Learner Three");
    const instructor = await user("Instructor Three", { isInstructor: true });
    const before = await changeCount();
    for (const actorId of [learner, instructor, "nobody"]) {
      for (const userId of [learner, instructor]) {
        const result = await setRole(db, { actorId, userId, role: "admin", granted: true });
        expect(result).toMatchObject({ ok: false, refusal: { code: "not-admin" } });
      }
    }
    expect(await flags(learner)).toEqual({ isInstructor: false, isAdmin: false });
    expect(await flags(instructor)).toEqual({ isInstructor: true, isAdmin: false });
    expect(await changeCount()).toBe(before);
  });

  it("refuses an admin removing their own admin role, and removing the last admin's", async () => {
    await db.user.updateMany({ data: { isAdmin: false } });
    const sole = await user("Sole Admin", { isAdmin: true });
    expect(await setRole(db, { actorId: sole, userId: sole, role: "admin", granted: false })).toMatchObject({
      ok: false,
      refusal: { code: "last-admin", problem: { key: "admin:problems.ownLastAdmin" } },
    });

    const other = await user("Other Admin");
    expect(await setRole(db, { actorId: sole, userId: other, role: "admin", granted: true })).toMatchObject({
      ok: true,
    });
    const own = await setRole(db, { actorId: sole, userId: sole, role: "admin", granted: false });
    expect(own).toMatchObject({
      ok: false,
      refusal: { code: "own-admin", problem: { key: "admin:problems.ownAdmin" } },
    });
    if (own.ok) throw new Error("refused above");
    expect(say(translator("en"), own.refusal.problem)).toBe(
      "You cannot remove your own admin role. Ask another admin to do it.",
    );
    expect(await flags(sole)).toMatchObject({ isAdmin: true });

    // Another admin may remove it; then the one left is the last admin.
    expect(await setRole(db, { actorId: other, userId: sole, role: "admin", granted: false })).toMatchObject({
      ok: true,
    });
    const last = await setRole(db, { actorId: other, userId: other, role: "admin", granted: false });
    expect(last).toMatchObject({
      ok: false,
      refusal: { code: "last-admin", problem: { key: "admin:problems.ownLastAdmin" } },
    });
    expect(await db.user.count({ where: { isAdmin: true } })).toBe(1);
  });

  it("words a refusal in the reader's language", async () => {
    const admin = await user("Admin Four", { isAdmin: true });
    const learner = await user("Learner Four");
    const result = await setRole(db, { actorId: admin, userId: learner, role: "instructor", granted: false });
    if (result.ok) throw new Error("a learner has no instructor role to remove");
    expect(say(translator("ar"), result.refusal.problem)).toBe("Learner Four ليس مدرّبًا.");
    expect(say(translator("fr"), result.refusal.problem)).toBe("Learner Four n’est pas formateur ou formatrice.");
    expect(say(translator("en"), result.refusal.problem)).toBe("Learner Four is not an instructor.");
  });

  it("two admins removing each other at the same time leave one admin", async () => {
    await db.user.updateMany({ data: { isAdmin: false } });
    const a = await user("Admin A", { isAdmin: true });
    const b = await user("Admin B", { isAdmin: true });
    const results = await Promise.allSettled([
      setRole(db, { actorId: a, userId: b, role: "admin", granted: false }),
      setRole(db, { actorId: b, userId: a, role: "admin", granted: false }),
    ]);
    const succeeded = results.filter((r) => r.status === "fulfilled" && r.value.ok);
    expect(succeeded).toHaveLength(1);
    // The other is refused with a reason, not failed with an error.
    expect(results.filter((r) => r.status === "fulfilled" && !r.value.ok)).toHaveLength(1);
    expect(await db.user.count({ where: { isAdmin: true } })).toBe(1);
  });
});

describe("sessions", () => {
  it("a role change takes effect on the person's next request, in the same session", async () => {
    const admin = await user("Admin Four", { isAdmin: true });
    const learner = await user("Learner Four");
    const cookie = (await startSession(learner)).split(";")[0];
    const before = await authenticate(cookie);
    expect(hasRole(before.user!, "instructor")).toBe(false);

    await setRole(db, { actorId: admin, userId: learner, role: "instructor", granted: true });
    const after = await authenticate(cookie);
    expect(after.session?.id).toBe(before.session?.id);
    expect(hasRole(after.user!, "instructor")).toBe(true);
    expect(hasRole(after.user!, "admin")).toBe(false);

    await setRole(db, { actorId: admin, userId: learner, role: "instructor", granted: false });
    expect(hasRole((await authenticate(cookie)).user!, "instructor")).toBe(false);
  });
});
