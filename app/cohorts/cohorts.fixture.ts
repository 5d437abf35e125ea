// Test data for the organisation and cohort tests: people, published courses, an organisation
// with a cohort. Writes straight to the test database of the file that imports it.
import { randomUUID } from "node:crypto";
import type { AuthUser } from "~/auth/auth.server";
import type { Db } from "~/db/db.server";

export async function person(db: Db, options: { admin?: boolean; email?: string; name?: string } = {}) {
  const id = randomUUID();
  const row = {
    id,
    email: options.email ?? `${id}@example.org`,
    name: options.name ?? `P ${id.slice(0, 6)}`,
    isInstructor: false,
    isAdmin: Boolean(options.admin),
    dataSaver: false,
    language: null,
  };
  await db.user.create({ data: { ...row, passwordHash: "x" } });
  return { ...row, inOrganisation: false };
}

/** A published course (with a current version), as the catalogue would list it. */
export async function publishedCourse(db: Db, title = "Course") {
  const slug = `c-${randomUUID().slice(0, 8)}`;
  const course = await db.course.create({
    data: {
      slug,
      position: 1,
      title,
      summary: "s",
      outcomes: "[]",
      level: "introductory",
      language: "en",
      estimatedMinutes: 30,
      passMark: 70,
      contentHash: "h",
    },
  });
  const version = await db.courseVersion.create({
    data: {
      courseId: course.id,
      number: 1,
      contentHash: "h",
      files: "{}",
      catalogue: "{}",
      changeNote: "",
      origin: "content",
    },
  });
  await db.course.update({ where: { id: course.id }, data: { currentVersionId: version.id } });
  return { id: course.id, slug, title };
}

/** An organisation with an owner and a cohort. */
export async function organisationWithCohort(db: Db, owner: AuthUser, name = "Org") {
  const slug = `org-${randomUUID().slice(0, 8)}`;
  const organisation = await db.organisation.create({
    data: { slug, name, members: { create: { userId: owner.id, role: "owner" } } },
  });
  const cohort = await db.cohort.create({ data: { organisationId: organisation.id, name: `${name} cohort` } });
  return { organisation, cohort };
}
