// Cohorts: a group of an organisation's people following the same courses, with due dates.
// Managers (the organisation's owners and admins) create and edit them; joining a cohort enrols
// its learners in every course it assigns. Domain module: returns results, never HTTP.
import { record, type AuditActor } from "~/audit/audit.server";
import { normaliseEmail } from "~/auth/auth.server";
import type { DbClient } from "~/db/db.server";
import { enrol } from "~/learning/progress.server";
import type { CohortRole } from "~/organisations/roles.server";

export type CohortInput = {
  name: string;
  startsAt: Date | null;
  endsAt: Date | null;
  inactivityDays: number;
};

/** Courses that can be assigned: published and not retired, in catalogue order. */
export function assignableCourses(db: DbClient) {
  return db.course.findMany({
    where: { retired: false, currentVersionId: { not: null } },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, title: true },
  });
}

export function createCohort(db: DbClient, organisationId: string, input: CohortInput) {
  return db.cohort.create({ data: { organisationId, ...input }, select: { id: true, name: true } });
}

export function updateCohort(db: DbClient, cohortId: string, input: CohortInput) {
  return db.cohort.update({ where: { id: cohortId }, data: input, select: { id: true } });
}

/** Every cohort of an organisation, newest first, with how many learners each has. */
export async function cohortsOf(db: DbClient, organisationId: string, onlyFor?: { userId: string }) {
  const rows = await db.cohort.findMany({
    where: { organisationId, ...(onlyFor ? { members: { some: { userId: onlyFor.userId } } } : {}) },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      _count: { select: { members: { where: { role: "learner" } }, courses: true } },
      members: onlyFor ? { where: { userId: onlyFor.userId }, select: { role: true } } : false,
    },
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    learners: c._count.members,
    courses: c._count.courses,
    myRole: (c.members?.[0]?.role ?? null) as CohortRole | null,
  }));
}

/** A cohort's settings, courses (with due dates) and people. */
export async function cohortDetail(db: DbClient, cohortId: string) {
  const cohort = await db.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      startsAt: true,
      endsAt: true,
      inactivityDays: true,
      courses: { orderBy: { position: "asc" }, select: { courseId: true, dueAt: true } },
      members: {
        orderBy: { joinedAt: "asc" },
        select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  const courseRows = await db.course.findMany({
    where: { id: { in: cohort.courses.map((c) => c.courseId) } },
    select: { id: true, slug: true, title: true },
  });
  const byId = new Map(courseRows.map((c) => [c.id, c]));
  return {
    ...cohort,
    courses: cohort.courses.flatMap((c) => {
      const course = byId.get(c.courseId);
      return course ? [{ ...course, dueAt: c.dueAt }] : [];
    }),
    members: cohort.members.map((m) => ({ ...m.user, role: m.role as CohortRole, joinedAt: m.joinedAt })),
  };
}

/**
 * Sets the courses a cohort assigns, each with an optional due date, in the given order. Courses
 * that are not assignable are ignored. Learners already in the cohort are enrolled in new courses.
 */
export async function setCohortCourses(
  db: DbClient,
  cohortId: string,
  courses: { courseId: string; dueAt: Date | null }[],
) {
  const allowed = new Set((await assignableCourses(db)).map((c) => c.id));
  const chosen = courses.filter((c) => allowed.has(c.courseId));
  await db.cohortCourse.deleteMany({ where: { cohortId, courseId: { notIn: chosen.map((c) => c.courseId) } } });
  for (const [position, c] of chosen.entries()) {
    await db.cohortCourse.upsert({
      where: { cohortId_courseId: { cohortId, courseId: c.courseId } },
      create: { cohortId, courseId: c.courseId, dueAt: c.dueAt, position },
      update: { dueAt: c.dueAt, position },
    });
  }
  const learners = await db.cohortMember.findMany({ where: { cohortId, role: "learner" }, select: { userId: true } });
  for (const l of learners) await enrolInCohortCourses(db, cohortId, l.userId);
  return chosen.length;
}

/** Enrols the person in every course the cohort assigns (an existing enrolment is kept as it is). */
export async function enrolInCohortCourses(db: DbClient, cohortId: string, userId: string) {
  const courses = await db.cohortCourse.findMany({ where: { cohortId }, select: { courseId: true } });
  for (const { courseId } of courses) {
    await enrol(db, userId, courseId);
  }
}

/**
 * Puts the person in the cohort with `role` (an existing membership's role changes to it), makes
 * them a member of the organisation (as a learner, or an instructor for cohort instructors) when
 * they are not one yet, and enrols learners in the cohort's courses. Returns whether they were new
 * to the cohort.
 */
export async function addToCohort(
  db: DbClient,
  cohort: { id: string; organisationId: string },
  userId: string,
  role: CohortRole = "learner",
  /** Who adds them (the audit log records a new organisation membership). */
  audit?: AuditActor,
): Promise<boolean> {
  const existing = await db.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId: cohort.id, userId } },
    select: { role: true },
  });
  if (!existing) await db.cohortMember.create({ data: { cohortId: cohort.id, userId, role } });
  else if (existing.role !== role)
    await db.cohortMember.update({ where: { cohortId_userId: { cohortId: cohort.id, userId } }, data: { role } });
  const membership = await db.membership.findUnique({
    where: { organisationId_userId: { organisationId: cohort.organisationId, userId } },
    select: { id: true },
  });
  if (!membership) {
    const orgRole = role === "instructor" ? "instructor" : "learner";
    await db.membership.create({ data: { organisationId: cohort.organisationId, userId, role: orgRole } });
    if (audit)
      await record(db, {
        actor: audit,
        action: "membership.added",
        subject: { type: "user", id: userId },
        organisationId: cohort.organisationId,
        details: { role: orgRole, cohortId: cohort.id },
      });
  }
  if (role === "learner") await enrolInCohortCourses(db, cohort.id, userId);
  return !existing;
}

export function removeFromCohort(db: DbClient, cohortId: string, userId: string) {
  return db.cohortMember.deleteMany({ where: { cohortId, userId } });
}

/**
 * A member of the organisation by e-mail address (compared without regard to case). Only people
 * already in the organisation are put into a cohort directly; anyone else is invited and joins
 * through the link, so that nobody's learning record is shown to an organisation they did not join.
 */
export function findOrganisationMemberByEmail(db: DbClient, organisationId: string, email: string) {
  return db.user.findFirst({
    where: { email: normaliseEmail(email), memberships: { some: { organisationId } } },
    select: { id: true, name: true },
  });
}

/**
 * For "My learning": each course the person must take as a cohort learner, with the organisation,
 * the cohort and the due date (the earliest when several cohorts assign the same course).
 */
export async function cohortCoursesFor(db: DbClient, userId: string) {
  const rows = await db.cohortCourse.findMany({
    where: { cohort: { members: { some: { userId, role: "learner" } } } },
    select: {
      courseId: true,
      dueAt: true,
      cohort: { select: { id: true, name: true, organisation: { select: { slug: true, name: true } } } },
    },
  });
  const byCourse = new Map<
    string,
    { cohortId: string; cohortName: string; organisationName: string; organisationSlug: string; dueAt: Date | null }[]
  >();
  for (const r of rows) {
    const list = byCourse.get(r.courseId) ?? [];
    list.push({
      cohortId: r.cohort.id,
      cohortName: r.cohort.name,
      organisationName: r.cohort.organisation.name,
      organisationSlug: r.cohort.organisation.slug,
      dueAt: r.dueAt,
    });
    byCourse.set(r.courseId, list);
  }
  for (const list of byCourse.values())
    list.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity));
  return byCourse;
}

/** Whether a due date has passed for a course not completed yet. */
export const isOverdue = (dueAt: Date | null, completedAt: Date | null, now = new Date()) =>
  Boolean(dueAt && !completedAt && dueAt.getTime() < now.getTime());
