// Sets up organisations and cohorts directly in the end-to-end test database (the organisation
// pages are built separately); dates are written as the app writes them (ISO 8601, explicit offset).
// Works on SQLite and PostgreSQL (see db.ts).
import { randomBytes } from "node:crypto";
import { executeTestDb, queryTestDb } from "./db";

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const id = () => `e2e${randomBytes(10).toString("hex")}`;

/** Statements run one at a time (no transaction): no page under test reads these rows while they are written. */
const db = {
  prepare: (sql: string) => ({
    get: (...params: (string | number)[]) => queryTestDb(sql, ...params)[0],
    run: (...params: (string | number)[]) => executeTestDb(sql, ...params),
  }),
};
const withDb = <T>(work: (database: typeof db) => T): T => work(db);

export const userIdOf = (email: string) =>
  withDb((db) => (db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(email) as { id: string }).id);

/** An organisation with its members (by e-mail and role); returns its slug and id. */
export function createOrganisation(name: string, members: { email: string; role: string }[]) {
  const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  return withDb((db) => {
    const orgId = id();
    db.prepare(`INSERT INTO "Organisation" ("id", "slug", "name", "createdAt") VALUES (?, ?, ?, ?)`).run(
      orgId,
      slug,
      name,
      iso(new Date()),
    );
    for (const m of members) {
      const user = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(m.email) as { id: string };
      db.prepare(
        `INSERT INTO "Membership" ("id", "organisationId", "userId", "role", "createdAt") VALUES (?, ?, ?, ?, ?)`,
      ).run(id(), orgId, user.id, m.role, iso(new Date()));
    }
    return { slug, id: orgId };
  });
}

/** A cohort on one course, with learners (by e-mail) who joined when it started. */
export function createCohort(input: {
  organisationId: string;
  name: string;
  startsAt: Date;
  inactivityDays: number;
  courseSlug: string;
  dueAt: Date;
  learners: string[];
}) {
  return withDb((db) => {
    const cohortId = id();
    db.prepare(
      `INSERT INTO "Cohort" ("id", "organisationId", "name", "startsAt", "inactivityDays", "createdAt") VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(cohortId, input.organisationId, input.name, iso(input.startsAt), input.inactivityDays, iso(new Date()));
    const course = db.prepare(`SELECT "id" FROM "Course" WHERE "slug" = ?`).get(input.courseSlug) as { id: string };
    db.prepare(`INSERT INTO "CohortCourse" ("cohortId", "courseId", "dueAt", "position") VALUES (?, ?, ?, 0)`).run(
      cohortId,
      course.id,
      iso(input.dueAt),
    );
    for (const email of input.learners) {
      const user = db.prepare(`SELECT "id" FROM "User" WHERE "email" = ?`).get(email) as { id: string };
      db.prepare(
        `INSERT INTO "CohortMember" ("cohortId", "userId", "role", "joinedAt") VALUES (?, ?, 'learner', ?)`,
      ).run(cohortId, user.id, iso(input.startsAt));
    }
    return { id: cohortId };
  });
}
