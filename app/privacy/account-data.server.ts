// A person's own data: the download of everything the academy holds about them, and the deletion
// of their account. Both are recorded in the audit log. Domain module: returns results, never HTTP.
import { list, record, type AuditActor } from "~/audit/audit.server";
import { verifyPassword } from "~/auth/password.server";
import { withholdHolder } from "~/certificates/certificate.server";
import type { Db, DbClient } from "~/db/db.server";
import { siteUrl } from "~/site";

const parse = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * Everything stored about the person, as one JSON-ready object: profile, enrolments with progress,
 * lesson completions, quiz attempts with their answers, certificates, organisation and cohort
 * memberships, courses they author and the audit entries by or about them. No password hash,
 * session or token. The download itself is recorded in the audit log first, in the same transaction.
 */
export async function exportPersonalData(db: Db, userId: string, ip: string | null, now = new Date()) {
  return db.$transaction(async (tx) => {
    await record(tx, {
      actor: { id: userId, label: "self", ip },
      action: "account.exported",
      subject: { type: "user", id: userId },
    });
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        name: true,
        email: true,
        emailVerifiedAt: true,
        emailReminders: true,
        dataSaver: true,
        language: true,
        isInstructor: true,
        isAdmin: true,
        createdAt: true,
        updatedAt: true,
      },
    });
    const [enrollments, completions, attempts, results, certificates, memberships, cohorts, authored] =
      await Promise.all([
        tx.enrollment.findMany({
          where: { userId },
          orderBy: { enrolledAt: "asc" },
          include: {
            course: { select: { slug: true, title: true } },
            modules: { select: { moduleKey: true, lessonsDone: true, lessonsTotal: true, quizBest: true } },
          },
        }),
        tx.lessonCompletion.findMany({
          where: { userId },
          orderBy: { completedAt: "asc" },
          select: {
            completedAt: true,
            lesson: { select: { key: true, title: true, course: { select: { slug: true } } } },
          },
        }),
        tx.quizAttempt.findMany({
          where: { userId },
          orderBy: { startedAt: "asc" },
          select: {
            id: true,
            quizKey: true,
            startedAt: true,
            submittedAt: true,
            layout: true,
            answers: true,
            score: true,
            passed: true,
            course: { select: { slug: true } },
          },
        }),
        tx.quizResult.findMany({
          where: { userId },
          select: {
            quizKey: true,
            attempts: true,
            bestScore: true,
            passedAt: true,
            lastAttemptAt: true,
            course: { select: { slug: true } },
          },
        }),
        tx.certificate.findMany({
          where: { userId },
          orderBy: { issuedAt: "asc" },
          select: {
            id: true,
            learnerName: true,
            courseTitle: true,
            score: true,
            completedAt: true,
            issuedAt: true,
            revokedAt: true,
            revokedReason: true,
          },
        }),
        tx.membership.findMany({
          where: { userId },
          select: { role: true, createdAt: true, organisation: { select: { slug: true, name: true } } },
        }),
        tx.cohortMember.findMany({
          where: { userId },
          select: {
            role: true,
            joinedAt: true,
            cohort: { select: { name: true, organisation: { select: { slug: true } } } },
          },
        }),
        tx.courseAuthor.findMany({
          where: { userId },
          select: { role: true, addedAt: true, course: { select: { slug: true, title: true } } },
        }),
      ]);
    const audit = await list(tx, { personId: userId, perPage: 10_000 });
    const base = siteUrl();
    return {
      format: "green-digital-academy/personal-data/1",
      exportedAt: now.toISOString(),
      profile: user,
      enrolments: enrollments.map((e) => ({
        course: e.course,
        enrolledAt: e.enrolledAt,
        completedLessons: e.completedLessons,
        percent: e.percent,
        currentLessonKey: e.currentLessonKey,
        lastActivityAt: e.lastActivityAt,
        quizzesPassed: e.quizzesPassed,
        finalScore: e.finalScore,
        completedAt: e.completedAt,
        modules: e.modules,
      })),
      lessonCompletions: completions.map((c) => ({
        course: c.lesson.course.slug,
        lesson: c.lesson.key,
        title: c.lesson.title,
        completedAt: c.completedAt,
      })),
      quizAttempts: attempts.map((a) => ({
        id: a.id,
        course: a.course.slug,
        quiz: a.quizKey,
        startedAt: a.startedAt,
        submittedAt: a.submittedAt,
        questionsShown: parse(a.layout),
        answers: parse(a.answers),
        score: a.score,
        passed: a.passed,
      })),
      quizResults: results.map(({ course, ...r }) => ({ course: course.slug, ...r })),
      certificates: certificates.map((c) => ({ ...c, verifyUrl: `${base}/verify/${c.id}` })),
      organisations: memberships.map((m) => ({ ...m.organisation, role: m.role, since: m.createdAt })),
      cohorts: cohorts.map((c) => ({
        organisation: c.cohort.organisation.slug,
        cohort: c.cohort.name,
        role: c.role,
        joinedAt: c.joinedAt,
      })),
      authoredCourses: authored.map((a) => ({ ...a.course, role: a.role, since: a.addedAt })),
      auditLog: audit.entries.map((e) => ({
        at: e.at,
        action: e.action,
        by: e.actorId === userId ? "you" : e.actorLabel,
        subject: { type: e.subjectType, id: e.subjectId },
        // The address is the person's own only when they acted.
        ip: e.actorId === userId ? e.ip : null,
        details: e.details,
      })),
    };
  });
}

export type PersonalData = Awaited<ReturnType<typeof exportPersonalData>>;

export type CertificateChoice = "keep" | "revoke";

export type DeletionRefusal =
  | { code: "password"; message: string }
  | { code: "choices"; message: string }
  | { code: "last-admin"; message: string }
  | { code: "sole-owner"; message: string; organisations: string[] };

/** What deleting the account involves: the certificates to decide about and what stands in the way. */
export async function deletionPlan(db: Db, userId: string) {
  const [certificates, blockers] = await Promise.all([
    db.certificate.findMany({
      where: { userId },
      orderBy: { issuedAt: "asc" },
      select: { id: true, courseTitle: true, completedAt: true, revokedAt: true },
    }),
    deletionBlockers(db, userId),
  ]);
  return { certificates, ...blockers };
}

async function deletionBlockers(db: DbClient, userId: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { isAdmin: true } });
  const lastAdmin = user.isAdmin && (await db.user.count({ where: { isAdmin: true } })) <= 1;
  const owned = await db.membership.findMany({
    where: { userId, role: "owner" },
    select: {
      organisation: {
        select: {
          id: true,
          name: true,
          members: { select: { userId: true, role: true } },
        },
      },
    },
  });
  // An organisation they alone own and others belong to would be left without an owner.
  const soleOwner = owned
    .map((m) => m.organisation)
    .filter(
      (o) =>
        o.members.some((x) => x.userId !== userId) && !o.members.some((x) => x.userId !== userId && x.role === "owner"),
    );
  // An organisation with nobody else in it goes with the account.
  const alone = owned.map((m) => m.organisation).filter((o) => o.members.every((x) => x.userId === userId));
  return { lastAdmin, soleOwnerOf: soleOwner.map((o) => o.name), aloneIn: alone.map((o) => o.id) };
}

const REVOKED_ON_DELETION = "Revoked at the holder's request when their account was deleted.";

/**
 * Deletes the account, after checking the password, in one transaction: each certificate is kept
 * verifiable without the name, or revoked (`choices`, one per certificate); then the person's
 * e-mail messages, invitations to their address, xAPI statements and the account itself go, and
 * with it (the database's cascades) sessions, e-mail tokens, memberships, cohort places,
 * enrolments, progress, quiz attempts and results, and co-authorships. Audit entries they made keep
 * the capacity they acted in, not who they were. Organisations in which they were alone go too.
 */
export async function deleteAccount(
  db: Db,
  userId: string,
  input: { password: string; choices: Record<string, CertificateChoice>; ip: string | null },
  now = new Date(),
): Promise<{ ok: true; kept: number; revoked: number } | { ok: false; refusal: DeletionRefusal }> {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, input.password)))
    return { ok: false, refusal: { code: "password", message: "Your password is not right." } };
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
    const blockers = await deletionBlockers(tx, userId);
    if (blockers.lastAdmin)
      return {
        ok: false as const,
        refusal: {
          code: "last-admin" as const,
          message: "You are the last admin: grant the admin role to someone else first.",
        },
      };
    if (blockers.soleOwnerOf.length > 0)
      return {
        ok: false as const,
        refusal: {
          code: "sole-owner" as const,
          message: "Make someone else an owner of each organisation you alone own first.",
          organisations: blockers.soleOwnerOf,
        },
      };
    const certificates = await tx.certificate.findMany({ where: { userId }, select: { id: true, revokedAt: true } });
    if (certificates.some((c) => input.choices[c.id] !== "keep" && input.choices[c.id] !== "revoke"))
      return {
        ok: false as const,
        refusal: { code: "choices" as const, message: "Choose, for each certificate, to keep it or revoke it." },
      };
    const self: AuditActor = { id: userId, label: "self", ip: input.ip };
    let kept = 0;
    let revoked = 0;
    for (const c of certificates) {
      if (input.choices[c.id] === "revoke") {
        if (!c.revokedAt) {
          await tx.certificate.update({
            where: { id: c.id },
            data: { revokedAt: now, revokedReason: REVOKED_ON_DELETION },
          });
          await record(tx, { actor: self, action: "certificate.revoked", subject: { type: "certificate", id: c.id } });
        }
        revoked++;
      } else kept++;
      await withholdHolder(tx, c.id, now);
    }
    await tx.outboxMessage.deleteMany({
      where: { OR: [{ userId }, { channel: "email", payload: { contains: JSON.stringify(user.email).slice(1, -1) } }] },
    });
    await tx.invitation.deleteMany({ where: { email: { in: [user.email, user.email.toLowerCase()] } } });
    await tx.xapiStatement.deleteMany({ where: { userId } });
    if (blockers.aloneIn.length > 0) await tx.organisation.deleteMany({ where: { id: { in: blockers.aloneIn } } });
    await record(tx, {
      actor: self,
      action: "account.deleted",
      subject: { type: "user", id: userId },
      details: { certificatesKept: kept, certificatesRevoked: revoked },
    });
    await tx.user.delete({ where: { id: userId } });
    return { ok: true as const, kept, revoked };
  });
}
