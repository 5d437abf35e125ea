import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import { say } from "~/i18n/problem";
import { translator } from "~/i18n/translator.server";
import { person, organisationWithCohort, publishedCourse } from "./cohorts.fixture";
import { addToCohort, setCohortCourses } from "./cohorts.server";
import { confirmImport, openRows, previewImport, sealRows } from "./import.server";
import { parseLearnerCsv } from "./learner-csv";

let owner: Awaited<ReturnType<typeof person>>;
let fixture: Awaited<ReturnType<typeof organisationWithCohort>>;
let existing: Awaited<ReturnType<typeof person>>;
let member: Awaited<ReturnType<typeof person>>;
let outsider: Awaited<ReturnType<typeof person>>;
let courseId: string;

const stamp = Date.now();
const csv = () =>
  [
    "\uFEFFName;E-mail",
    `Existing Person;${existing.email.toUpperCase()}`,
    `Already Member;${member.email}`,
    `"Nuevo; Nombre";new-${stamp}@example.org`,
    `Иван Петров;ivan-${stamp}@example.org`,
    `Bad Row;not-an-address`,
    `Ivan Again;IVAN-${stamp}@example.org`,
    `Has An Account;${outsider.email}`,
  ].join("\n");

const rowsOf = (text: string) => {
  const parsed = parseLearnerCsv(new TextEncoder().encode(text));
  if (!parsed.ok) throw new Error(parsed.error.key);
  return parsed.rows;
};

beforeAll(async () => {
  owner = await person(db);
  fixture = await organisationWithCohort(db, owner, "Regulator");
  existing = await person(db, { email: `existing-${stamp}@example.org` });
  member = await person(db);
  // Has an account but is not in the organisation: invited like anyone else, never added directly.
  outsider = await person(db, { email: `outsider-${stamp}@example.org` });
  // In the organisation, not yet in the cohort: added directly.
  await db.membership.create({
    data: { organisationId: fixture.organisation.id, userId: existing.id, role: "learner" },
  });
  courseId = (await publishedCourse(db, "Assigned")).id;
  await setCohortCourses(db, fixture.cohort.id, [{ courseId, dueAt: null }]);
  await addToCohort(db, { id: fixture.cohort.id, organisationId: fixture.organisation.id }, member.id);
});

const cohortRef = () => ({
  id: fixture.cohort.id,
  name: fixture.cohort.name,
  organisationId: fixture.organisation.id,
  organisation: { name: "Regulator" },
});

describe("importing learners from CSV", () => {
  it("previews each row without writing anything", async () => {
    const before = await db.invitation.count();
    const { report, counts } = await previewImport(db, fixture.cohort.id, rowsOf(csv()));
    expect(report.map((r) => [r.line, r.status])).toEqual([
      [2, "add"],
      [3, "member"],
      [4, "invite"],
      [5, "invite"],
      [6, "invalid"],
      [7, "duplicate"],
      [8, "invite"],
    ]);
    expect(report[5].note).toEqual({ key: "cohort:problems.csv.duplicate", values: { line: 5 } });
    expect(say(translator("ar"), report[5].note!)).toBe("العنوان نفسه الوارد في السطر 5.");
    expect(counts).toEqual({ invalid: 1, duplicate: 1, member: 1, invited: 0, add: 1, invite: 3 });
    expect(await db.invitation.count()).toBe(before);
  });

  it("confirms: adds the organisation's members to the cohort, invites the rest; a second run changes nothing", async () => {
    const rows = rowsOf(csv());
    const first = await confirmImport(db, cohortRef(), owner, rows);
    expect({ added: first.added, invited: first.invited }).toEqual({ added: 1, invited: 3 });
    expect(
      await db.cohortMember.findUnique({
        where: { cohortId_userId: { cohortId: fixture.cohort.id, userId: existing.id } },
      }),
    ).toMatchObject({ role: "learner" });
    expect(
      await db.membership.findUnique({
        where: { organisationId_userId: { organisationId: fixture.organisation.id, userId: existing.id } },
      }),
    ).toMatchObject({ role: "learner" });
    expect(await db.enrollment.count({ where: { userId: existing.id, courseId } })).toBe(1);
    const invitations = await db.invitation.findMany({ where: { cohortId: fixture.cohort.id, kind: "email" } });
    expect(invitations.map((i) => [i.email, i.name]).sort()).toEqual([
      [`ivan-${stamp}@example.org`, "Иван Петров"],
      [`new-${stamp}@example.org`, "Nuevo; Nombre"],
      [`outsider-${stamp}@example.org`, "Has An Account"],
    ]);
    // The account outside the organisation is not in the cohort until its owner joins.
    expect(await db.cohortMember.count({ where: { cohortId: fixture.cohort.id, userId: outsider.id } })).toBe(0);
    const mails = await db.outboxMessage.count({
      where: { dedupeKey: { in: invitations.map((i) => `invitation:${i.id}`) } },
    });
    expect(mails).toBe(3);

    const second = await confirmImport(db, cohortRef(), owner, rowsOf(csv()));
    expect({ added: second.added, invited: second.invited }).toEqual({ added: 0, invited: 0 });
    expect(second.report.map((r) => r.status)).toEqual([
      "member",
      "member",
      "invited",
      "invited",
      "invalid",
      "duplicate",
      "invited",
    ]);
    expect(await db.invitation.count({ where: { cohortId: fixture.cohort.id, kind: "email" } })).toBe(3);
    expect(await db.cohortMember.count({ where: { cohortId: fixture.cohort.id } })).toBe(2);
  });

  it("carries the previewed rows signed: a changed row, another cohort or another session is refused", () => {
    const rows = rowsOf("a@example.org,A\nb@example.org,B\n");
    const { payload, signature } = sealRows("session-1", "cohort-1", rows);
    expect(openRows("session-1", "cohort-1", payload, signature)).toEqual(rows);
    const forged = payload.replace("b@example.org", "mallory@example.org");
    expect(openRows("session-1", "cohort-1", forged, signature)).toBeNull();
    expect(openRows("session-1", "cohort-2", payload, signature)).toBeNull();
    expect(openRows("session-2", "cohort-1", payload, signature)).toBeNull();
    expect(openRows("session-1", "cohort-1", payload, "short")).toBeNull();
    const bad = sealRows("k", "c", []);
    const notRows = '[{"line":"x"}]';
    expect(openRows("k", "c", notRows, bad.signature)).toBeNull();
  });

  it("refuses signed rows whose address is not one valid address (e.g. a list for the mail server)", () => {
    const list = [{ line: 1, name: "Many", email: "a@example.org, b@example.org", problem: null }];
    const sealed = sealRows("session-1", "cohort-1", list);
    expect(openRows("session-1", "cohort-1", sealed.payload, sealed.signature)).toBeNull();
  });
});
