import { describe, expect, it } from "vitest";
import { person } from "~/cohorts/cohorts.fixture";
import { db } from "~/db/db.server";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import {
  changeMemberRole,
  createOrganisation,
  hasMemberships,
  membersOf,
  myOrganisations,
  removeMember,
  slugify,
} from "./organisations.server";

const audit = { id: null, label: "manager", ip: "198.51.100.4" } as const;
const owner = { role: "owner" as const, platformAdmin: false, audit };
const admin = { role: "admin" as const, platformAdmin: false, audit };

async function orgWith(...roles: string[]) {
  const creator = await person(db);
  const org = await createOrganisation(db, creator.id, "Test Org");
  const people = [];
  for (const role of roles) {
    const p = await person(db);
    await db.membership.create({ data: { organisationId: org.id, userId: p.id, role } });
    people.push(p);
  }
  return { org, creator, people };
}

const roleOf = async (organisationId: string, userId: string) =>
  (await db.membership.findUnique({ where: { organisationId_userId: { organisationId, userId } } }))?.role ?? null;

describe("organisations", () => {
  it("makes slugs from names in any script and keeps them unique", async () => {
    expect(slugify("Ministry of ICT — Kenya")).toBe("ministry-of-ict-kenya");
    expect(slugify("Université Côte d'Azur")).toBe("universite-cote-d-azur");
    expect(slugify("وزارة الاتصالات")).toBe("وزارة-الاتصالات");
    const p = await person(db);
    const a = await createOrganisation(db, p.id, "Same Name");
    const b = await createOrganisation(db, p.id, "Same Name");
    expect(b.slug).toBe(`${a.slug}-2`);
    // Created at the same moment with one name: each gets its own slug, none fails.
    const name = `Race ${Date.now().toString(36)}`;
    const raced = await Promise.all(Array.from({ length: 4 }, () => createOrganisation(db, p.id, name)));
    expect(new Set(raced.map((o) => o.slug)).size).toBe(4);
    expect(await db.organisation.count({ where: { name } })).toBe(4);
    const fallback = await createOrganisation(db, p.id, "!!!");
    expect(fallback.slug).toMatch(/^organisation/);
  });

  it("makes the creator the owner and lists a person's organisations with roles", async () => {
    const p = await person(db);
    expect(await hasMemberships(db, p.id)).toBe(false);
    const org = await createOrganisation(db, p.id, "Zeta Operator");
    const other = await orgWith("learner");
    await db.membership.create({ data: { organisationId: other.org.id, userId: p.id, role: "learner" } });
    expect(await hasMemberships(db, p.id)).toBe(true);
    const mine = await myOrganisations(db, p.id);
    expect(mine.map((o) => [o.name, o.role])).toEqual([
      ["Test Org", "learner"],
      ["Zeta Operator", "owner"],
    ]);
    expect((await membersOf(db, org.id)).map((m) => m.role)).toEqual(["owner"]);
    // The first membership is in the organisation's audit log, like every later change.
    const entries = await db.auditEntry.findMany({ where: { organisationId: org.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: "membership.added",
      actorId: p.id,
      subjectId: p.id,
      actorLabel: "owner",
    });
    expect(JSON.parse(entries[0]!.details)).toEqual({ role: "owner", created: true });
  });

  it("lets owners and admins change roles; only owners make or change owners", async () => {
    const { org, people } = await orgWith("admin", "learner", "learner");
    const [adminP, l1, l2] = people;
    expect(await changeMemberRole(db, org.id, admin, l1.id, "instructor")).toEqual({ ok: true });
    expect(await roleOf(org.id, l1.id)).toBe("instructor");
    expect(await changeMemberRole(db, org.id, admin, l2.id, "owner")).toMatchObject({ ok: false });
    expect(await changeMemberRole(db, org.id, owner, l2.id, "owner")).toEqual({ ok: true });
    expect(await changeMemberRole(db, org.id, admin, l2.id, "learner")).toMatchObject({
      ok: false,
      reason: { key: "org:problems.members.ownersMakeOwners" },
    });
    expect(
      await changeMemberRole(db, org.id, { role: "learner", platformAdmin: false, audit }, adminP.id, "learner"),
    ).toMatchObject({
      ok: false,
    });
    expect(await changeMemberRole(db, org.id, { role: null, platformAdmin: true, audit }, l1.id, "owner")).toEqual({
      ok: true,
    });
    expect(await changeMemberRole(db, org.id, owner, l1.id, "superuser")).toMatchObject({ ok: false });
  });

  it("always keeps one owner", async () => {
    const { org, creator, people } = await orgWith("learner");
    const refused = await changeMemberRole(db, org.id, owner, creator.id, "admin");
    expect(refused).toEqual({ ok: false, reason: { key: "org:problems.members.lastOwner" } });
    if (refused.ok) throw new Error("refused above");
    expect(say(translator("ar"), refused.reason)).toBe(
      "تحتاج المؤسسة إلى مالك واحد على الأقل: اجعل شخصًا آخر مالكًا أولًا.",
    );
    expect(await removeMember(db, org.id, owner, creator.id)).toMatchObject({ ok: false });
    await changeMemberRole(db, org.id, owner, people[0].id, "owner");
    expect(await changeMemberRole(db, org.id, owner, creator.id, "admin")).toEqual({ ok: true });
    expect(await roleOf(org.id, creator.id)).toBe("admin");
  });

  it("removes members and their cohort places; admins may not remove owners", async () => {
    const { org, creator, people } = await orgWith("learner", "owner");
    const cohort = await db.cohort.create({ data: { organisationId: org.id, name: "C" } });
    await db.cohortMember.create({ data: { cohortId: cohort.id, userId: people[0].id } });
    expect(await removeMember(db, org.id, admin, creator.id)).toMatchObject({ ok: false });
    expect(await removeMember(db, org.id, admin, people[0].id)).toEqual({ ok: true });
    expect(await roleOf(org.id, people[0].id)).toBeNull();
    expect(await db.cohortMember.count({ where: { userId: people[0].id } })).toBe(0);
    expect(await removeMember(db, org.id, owner, people[1].id)).toEqual({ ok: true });
    expect(await removeMember(db, org.id, owner, "nobody")).toMatchObject({ ok: false });
    // Each removal is in the organisation's audit log, from where it was made; refusals are not.
    const entries = await db.auditEntry.findMany({
      where: { organisationId: org.id, action: "membership.removed" },
      orderBy: { at: "asc" },
    });
    expect(entries.map((e) => [e.action, e.subjectId, e.ip])).toEqual([
      ["membership.removed", people[0].id, "198.51.100.4"],
      ["membership.removed", people[1].id, "198.51.100.4"],
    ]);
    expect(JSON.parse(entries[1].details)).toEqual({ role: "owner" });
  });
});
