// Certificates: issued once per learner and course when the course is completed, signed with
// Ed25519, publicly verifiable, revocable by an admin (revocation is published in a status list).
import { sign, verify } from "node:crypto";
import { record, type AuditActor } from "~/audit/audit.server";
import type { Db, Tx } from "~/db/db.server";
import { SITE_NAME } from "~/site";
import { newCertificateId, normaliseCertificateId } from "./ids";
import { activeSigningKey, publicKeyFor } from "./keys.server";
import { withStatusIndex } from "./status-list.server";

/**
 * What a certificate states. Format 1 (the first certificates) signs the id, learner, course,
 * outcomes, score and date; format 2 also signs the pass mark and the course summary, which are
 * then stored with the certificate. For format 1 those two are null here: they were not signed.
 * Format 3 is a certificate whose holder deleted their account and kept it verifiable: the name is
 * gone (null), and the academy signed the remaining record again, with when the name was withheld
 * (see docs/decisions/014-deleted-accounts-and-certificates.md).
 */
export type CertificateData = {
  signedFormat: 1 | 2 | 3;
  id: string;
  /** Null when the holder's account was deleted (format 3). */
  learnerName: string | null;
  courseSlug: string;
  courseTitle: string;
  outcomes: string[];
  score: number;
  completedAt: Date;
  passMark: number | null;
  courseSummary: string | null;
  /** Format 3: when the holder's name was withheld. */
  holderWithheldAt?: Date | null;
};

/** The format new certificates are signed in. */
export const CURRENT_FORMAT = 2;

/** The exact bytes that are signed: fixed field order, ISO dates. */
export function canonicalBytes(c: CertificateData): Buffer {
  const common = {
    id: c.id,
    issuer: SITE_NAME,
    learnerName: c.learnerName,
    course: c.courseSlug,
    courseTitle: c.courseTitle,
    outcomes: c.outcomes,
    score: c.score,
  };
  if (c.signedFormat === 1) return Buffer.from(JSON.stringify({ ...common, completedAt: c.completedAt.toISOString() }));
  if (c.signedFormat === 3)
    return Buffer.from(
      JSON.stringify({
        format: 3,
        ...common,
        learnerName: null,
        holder: "deleted-account",
        passMark: c.passMark,
        courseSummary: c.courseSummary,
        completedAt: c.completedAt.toISOString(),
        holderWithheldAt: (c.holderWithheldAt ?? new Date(0)).toISOString(),
      }),
    );
  return Buffer.from(
    JSON.stringify({
      format: 2,
      ...common,
      passMark: c.passMark,
      courseSummary: c.courseSummary,
      completedAt: c.completedAt.toISOString(),
    }),
  );
}

/**
 * Issues the certificate for a completed enrolment, inside the caller's transaction, with its
 * place in the revocation status list. Issuing twice returns the existing certificate.
 */
export async function issueCertificate(
  tx: Tx,
  input: { userId: string; courseId: string; score: number; completedAt: Date; courseVersion?: number | null },
) {
  const existing = await tx.certificate.findUnique({
    where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
  });
  if (existing) return existing;
  const [user, course] = await Promise.all([
    tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { name: true } }),
    tx.course.findUniqueOrThrow({
      where: { id: input.courseId },
      select: { slug: true, title: true, outcomes: true, passMark: true, summary: true },
    }),
  ]);
  const key = await activeSigningKey(tx);
  const data: CertificateData = {
    signedFormat: CURRENT_FORMAT,
    id: newCertificateId(),
    learnerName: user.name,
    courseSlug: course.slug,
    courseTitle: course.title,
    outcomes: JSON.parse(course.outcomes) as string[],
    score: input.score,
    completedAt: input.completedAt,
    passMark: course.passMark,
    courseSummary: course.summary,
  };
  const signature = sign(null, canonicalBytes(data), key.privateKey).toString("base64url");
  return withStatusIndex(tx, (statusIndex) =>
    tx.certificate.create({
      data: {
        id: data.id,
        userId: input.userId,
        courseId: input.courseId,
        learnerName: user.name,
        courseTitle: data.courseTitle,
        outcomes: JSON.stringify(data.outcomes),
        score: data.score,
        completedAt: data.completedAt,
        passMark: data.passMark,
        courseSummary: data.courseSummary,
        signedFormat: data.signedFormat,
        courseVersion: input.courseVersion ?? null,
        statusIndex,
        keyId: key.kid,
        signature,
      },
    }),
  );
}

export type CertificateView = CertificateData & {
  issuedAt: Date;
  keyId: string;
  /** Null once the holder's account is deleted. */
  userId: string | null;
  /** valid: the signature matches and it is not revoked. Revocation is live state, not signed. */
  status: "valid" | "revoked" | "invalid";
  signatureValid: boolean;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** The certificate's index in the revocation status list (null until one is assigned). */
  statusIndex: number | null;
  /** The course as the catalogue describes it today: not part of what was signed. */
  catalogue: { passMark: number; courseSummary: string };
  /** The course version the certificate was earned on (not signed; null before versions existed). */
  courseVersion: number | null;
  /** The language of the course it was earned in: the certificate, its PDF and its verify page are written in it. */
  language: string;
};

/** Looks a certificate up by its public id and checks its signature. Null when there is none. */
export async function findCertificate(db: Db, rawId: string): Promise<CertificateView | null> {
  const id = normaliseCertificateId(rawId);
  if (!id) return null;
  const row = await db.certificate.findUnique({
    where: { id },
    include: { course: { select: { slug: true, passMark: true, summary: true, language: true } } },
  });
  if (!row) return null;
  const data = storedData(row);
  const key = await publicKeyFor(db, row.keyId);
  const known = row.signedFormat >= 1 && row.signedFormat <= 3;
  const signatureValid = Boolean(
    known && key && verify(null, canonicalBytes(data), key, Buffer.from(row.signature, "base64url")),
  );
  return {
    ...data,
    issuedAt: row.issuedAt,
    keyId: row.keyId,
    userId: row.userId,
    status: !signatureValid ? "invalid" : row.revokedAt ? "revoked" : "valid",
    signatureValid,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    statusIndex: row.statusIndex,
    catalogue: { passMark: row.course.passMark, courseSummary: row.course.summary },
    courseVersion: row.courseVersion,
    language: row.course.language,
  };
}

type StoredCertificate = {
  id: string;
  signedFormat: number;
  learnerName: string;
  courseTitle: string;
  outcomes: string;
  score: number;
  completedAt: Date;
  passMark: number | null;
  courseSummary: string | null;
  holderWithheldAt: Date | null;
  course: { slug: string };
};

/** What the stored row states, in its signed format. */
function storedData(row: StoredCertificate): CertificateData {
  const format = row.signedFormat === 3 ? 3 : row.signedFormat === 2 ? 2 : 1;
  return {
    signedFormat: format,
    id: row.id,
    learnerName: format === 3 ? null : row.learnerName,
    courseSlug: row.course.slug,
    courseTitle: row.courseTitle,
    outcomes: JSON.parse(row.outcomes) as string[],
    score: row.score,
    completedAt: row.completedAt,
    passMark: format === 1 ? null : row.passMark,
    courseSummary: format === 1 ? null : row.courseSummary,
    holderWithheldAt: format === 3 ? row.holderWithheldAt : null,
  };
}

/**
 * For an account being deleted, inside its transaction: the holder's certificate keeps verifying
 * without their name. When its signature over the stored record (with the name) is valid, the
 * record without the name is signed again with the active key as format 3; the name is removed
 * either way, so a certificate that did not verify before still does not. Revocation is unchanged.
 */
export async function withholdHolder(tx: Tx, certificateId: string, now = new Date()): Promise<void> {
  const row = await tx.certificate.findUniqueOrThrow({
    where: { id: certificateId },
    include: { course: { select: { slug: true } } },
  });
  if (row.signedFormat === 3) return;
  const before = storedData(row);
  const oldKey = await publicKeyFor(tx, row.keyId);
  const wasValid = Boolean(
    oldKey && verify(null, canonicalBytes(before), oldKey, Buffer.from(row.signature, "base64url")),
  );
  const after: CertificateData = {
    ...before,
    signedFormat: 3,
    learnerName: null,
    passMark: row.passMark,
    courseSummary: row.courseSummary,
    holderWithheldAt: now,
  };
  const key = wasValid ? await activeSigningKey(tx) : null;
  await tx.certificate.update({
    where: { id: certificateId },
    data: {
      learnerName: "",
      signedFormat: 3,
      holderWithheldAt: now,
      ...(key
        ? { keyId: key.kid, signature: sign(null, canonicalBytes(after), key.privateKey).toString("base64url") }
        : { signature: "" }),
    },
  });
}

/** Revokes a certificate and records who did it in the audit log, in one transaction. */
export async function revokeCertificate(db: Db, rawId: string, reason: string, actor: AuditActor): Promise<boolean> {
  const id = normaliseCertificateId(rawId);
  if (!id) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
    if (count !== 1) return false;
    await record(tx, { actor, action: "certificate.revoked", subject: { type: "certificate", id } });
    return true;
  });
}

/** The id of the learner's certificate for a course, if it has been issued. */
export async function certificateIdFor(db: Db, userId: string, courseId: string): Promise<string | null> {
  const row = await db.certificate.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { id: true },
  });
  return row?.id ?? null;
}

export function listCertificates(db: Db, userId: string) {
  return db.certificate.findMany({
    where: { userId },
    orderBy: { issuedAt: "desc" },
    select: { id: true, courseId: true, courseTitle: true, completedAt: true, score: true, revokedAt: true },
  });
}

export function recentCertificates(db: Db, take = 50) {
  return db.certificate.findMany({
    orderBy: { issuedAt: "desc" },
    take,
    select: {
      id: true,
      learnerName: true,
      holderWithheldAt: true,
      courseTitle: true,
      issuedAt: true,
      revokedAt: true,
      revokedReason: true,
    },
  });
}
