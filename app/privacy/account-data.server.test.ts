import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse } from "#tests/fixtures/course-fixture";
import { hashPassword } from "~/auth/password.server";
import { setRole } from "~/auth/roles.server";
import * as certs from "~/certificates/certificate.server";
import { buildCredential } from "~/certificates/credential.server";
import { verificationReport } from "~/certificates/verification.server";
import { syncCatalogue } from "~/content/sync.server";
import { db, dialect } from "~/db/db.server";
import { deleteAccount, deletionPlan, exportPersonalData } from "./account-data.server";

const NAME = "Wanjiru Kamau-Zedekiah";
const EMAIL = "wanjiru.zedekiah@example.org";
const PASSWORD = "kettle-orbit-meadow-41";
const ID = "learner-to-delete";
const courseIds: string[] = [];

/** Every text column of every table: where a name or an address could hide. */
async function textColumns(): Promise<{ table: string; column: string }[]> {
  if (dialect === "postgresql") {
    return db.$queryRawUnsafe<{ table: string; column: string }[]>(
      `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')`,
    );
  }
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'`,
  );
  const out: { table: string; column: string }[] = [];
  for (const { name } of tables) {
    const columns = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`);
    for (const c of columns) if (/TEXT|CHAR/i.test(c.type)) out.push({ table: name, column: c.name });
  }
  return out;
}

/** The places (table.column) whose text contains `needle`, ignoring case. */
async function findEverywhere(needle: string): Promise<string[]> {
  const found: string[] = [];
  for (const { table, column } of await textColumns()) {
    const [{ n }] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT count(*) AS n FROM "${table}" WHERE lower("${column}") LIKE ${dialect === "postgresql" ? "$1" : "?"}`,
      `%${needle.toLowerCase()}%`,
    );
    if (Number(n) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

beforeAll(async () => {
  await syncCatalogue(db, {
    courses: [quizCourse(), quizCourse({ slug: "second-course", title: "Second course", position: 1 })],
  });
  for (const slug of ["quiz-course", "second-course"])
    courseIds.push((await db.course.findUniqueOrThrow({ where: { slug } })).id);

  // The learner, with a bit of everything the academy keeps about a person.
  await db.user.create({
    data: { id: ID, name: NAME, email: EMAIL, passwordHash: await hashPassword(PASSWORD), language: "fr" },
  });
  await db.user.create({
    data: { id: "admin", name: "Admin", email: "admin@example.org", passwordHash: "x", isAdmin: true },
  });
  await db.user.create({ data: { id: "owner", name: "Owner", email: "owner@example.org", passwordHash: "x" } });
  await db.session.create({
    data: { id: "session-of-learner", userId: ID, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  await db.emailToken.create({
    data: { userId: ID, purpose: "verify", tokenHash: "token-hash-of-learner", email: EMAIL, expiresAt: new Date() },
  });
  const lesson = await db.lesson.findFirstOrThrow({ where: { courseId: courseIds[0] } });
  const enrollment = await db.enrollment.create({
    data: { userId: ID, courseId: courseIds[0], completedLessons: 1, percent: 50 },
  });
  await db.moduleProgress.create({
    data: { enrollmentId: enrollment.id, moduleKey: "m1", lessonsDone: 1, lessonsTotal: 2 },
  });
  await db.lessonCompletion.create({ data: { userId: ID, lessonId: lesson.id } });
  await db.quizAttempt.create({
    data: {
      userId: ID,
      courseId: courseIds[0],
      quizKey: "final",
      layout: JSON.stringify([{ question: "q1", options: ["a", "b"] }]),
      answers: JSON.stringify({ q1: ["a"] }),
      submittedAt: new Date(),
      score: 100,
      passed: true,
    },
  });
  const org = await db.organisation.create({
    data: {
      slug: "ministry",
      name: "Ministry",
      members: {
        create: [
          { userId: "owner", role: "owner" },
          { userId: ID, role: "learner" },
        ],
      },
    },
  });
  const cohort = await db.cohort.create({ data: { organisationId: org.id, name: "Cohort A" } });
  await db.cohortMember.create({ data: { cohortId: cohort.id, userId: ID } });
  const other = await db.cohort.create({ data: { organisationId: org.id, name: "Cohort B" } });
  await db.invitation.create({
    data: {
      cohortId: other.id,
      kind: "email",
      tokenHash: "invitation-hash",
      email: EMAIL,
      name: NAME,
      expiresAt: new Date(Date.now() + 86_400_000),
      createdById: "owner",
    },
  });
  await db.outboxMessage.create({
    data: { channel: "email", userId: ID, payload: JSON.stringify({ to: EMAIL, subject: `Hello ${NAME}`, text: "" }) },
  });
  await db.outboxMessage.create({
    data: { channel: "email", payload: JSON.stringify({ to: EMAIL, subject: "You are invited", text: NAME }) },
  });
  await db.xapiStatement.create({
    data: {
      id: "statement-1",
      userId: ID,
      courseId: courseIds[0],
      verb: "completed",
      statement: JSON.stringify({ actor: ID }),
    },
  });
  await setRole(db, { actorId: "admin", userId: ID, role: "instructor", granted: true, ip: "192.0.2.1" });
  for (const courseId of courseIds)
    await db.$transaction((tx) =>
      certs.issueCertificate(tx, { userId: ID, courseId, score: 90, completedAt: new Date("2026-11-30T09:00:00Z") }),
    );
});

describe("the personal data download", () => {
  it("holds the profile, progress, answers, certificates, memberships and audit entries, and no secrets", async () => {
    const data = await exportPersonalData(db, ID, "198.51.100.7");
    expect(data.profile).toMatchObject({ id: ID, name: NAME, email: EMAIL, language: "fr", isInstructor: true });
    expect(data.enrolments).toMatchObject([
      { course: { slug: "quiz-course" }, percent: 50, modules: [{ moduleKey: "m1" }] },
    ]);
    expect(data.lessonCompletions).toHaveLength(1);
    expect(data.quizAttempts).toMatchObject([{ quiz: "final", answers: { q1: ["a"] }, score: 100, passed: true }]);
    expect(data.certificates.map((c) => c.courseTitle).sort()).toEqual(["Quiz course", "Second course"]);
    expect(data.organisations).toMatchObject([{ slug: "ministry", role: "learner" }]);
    expect(data.cohorts).toMatchObject([{ cohort: "Cohort A", role: "learner" }]);
    // The role granted to them by an admin (without the admin's address), and this very download.
    expect(data.auditLog.map((e) => [e.action, e.by, e.ip])).toEqual([
      ["account.exported", "you", "198.51.100.7"],
      ["role.granted", "admin", null],
    ]);
    const text = JSON.stringify(data);
    for (const secret of ["passwordHash", "session-of-learner", "token-hash-of-learner", "invitation-hash"])
      expect(text).not.toContain(secret);
    expect(await db.auditEntry.count({ where: { action: "account.exported", actorId: ID } })).toBe(1);
  });
});

describe("deleting an account", () => {
  it("refuses a wrong password or a certificate without a choice, changing nothing", async () => {
    const { certificates } = await deletionPlan(db, ID);
    const choices = Object.fromEntries(certificates.map((c) => [c.id, "keep" as const]));
    expect(await deleteAccount(db, ID, { password: "wrong", choices, ip: null })).toMatchObject({
      ok: false,
      refusal: { code: "password" },
    });
    expect(await deleteAccount(db, ID, { password: PASSWORD, choices: {}, ip: null })).toMatchObject({
      ok: false,
      refusal: { code: "choices" },
    });
    expect(await db.user.count({ where: { id: ID } })).toBe(1);
    expect(await db.auditEntry.count({ where: { action: "account.deleted" } })).toBe(0);
  });

  it("removes the name and address from every table; a kept certificate verifies without a name, a revoked one shows revoked", async () => {
    const { certificates } = await deletionPlan(db, ID);
    const [kept, revoked] = certificates.map((c) => c.id);
    const cohortBefore = await db.cohortMember.count();
    expect(await findEverywhere(NAME)).not.toEqual([]);

    const outcome = await deleteAccount(db, ID, {
      password: PASSWORD,
      choices: { [kept]: "keep", [revoked]: "revoke" },
      ip: "198.51.100.7",
    });
    expect(outcome).toEqual({ ok: true, kept: 1, revoked: 1 });

    // Neither the name nor the e-mail address is left anywhere, in any text column of any table.
    expect(await findEverywhere(NAME)).toEqual([]);
    expect(await findEverywhere(EMAIL)).toEqual([]);
    expect(await findEverywhere("Zedekiah")).toEqual([]);
    for (const table of [
      "session",
      "emailToken",
      "enrollment",
      "lessonCompletion",
      "quizAttempt",
      "membership",
    ] as const)
      expect(
        await (db[table] as unknown as { count(a: object): Promise<number> }).count({ where: { userId: ID } }),
      ).toBe(0);
    expect(await db.xapiStatement.count({ where: { userId: ID } })).toBe(0);
    expect(await db.moduleProgress.count()).toBe(0);
    // The cohort lost exactly its place for them: counts read from the rows stay consistent.
    expect(await db.cohortMember.count()).toBe(cohortBefore - 1);
    expect(await db.invitation.count({ where: { email: EMAIL } })).toBe(0);

    const keptView = (await certs.findCertificate(db, kept))!;
    expect(keptView).toMatchObject({
      status: "valid",
      signatureValid: true,
      signedFormat: 3,
      learnerName: null,
      userId: null,
    });
    const report = verificationReport(keptView, "https://academy.example.org");
    expect(report.certified).toMatchObject({ learnerName: null, score: 90, course: { slug: "quiz-course" } });
    expect(report.certified?.holderWithheldAt).toBeTruthy();
    const credential = buildCredential(keptView, "https://academy.example.org");
    expect(credential.credentialSubject).not.toHaveProperty("identifier");
    expect(JSON.stringify(credential)).not.toContain("Wanjiru");

    const revokedView = (await certs.findCertificate(db, revoked))!;
    expect(revokedView).toMatchObject({ status: "revoked", signatureValid: true, learnerName: null });

    // Tampering with the re-signed record is still caught.
    await db.certificate.update({ where: { id: kept }, data: { score: 99 } });
    expect((await certs.findCertificate(db, kept))?.status).toBe("invalid");

    // The audit log keeps what happened, not who it was: the actor is gone, the capacity stays.
    const entries = await db.auditEntry.findMany({
      where: { subjectId: { in: [ID, revoked] } },
      orderBy: { at: "asc" },
    });
    expect(entries.map((e) => [e.action, e.actorId, e.actorLabel])).toEqual(
      expect.arrayContaining([
        ["account.deleted", null, "self"],
        ["certificate.revoked", null, "self"],
        ["role.granted", "admin", "admin"],
      ]),
    );
  });
});
