// Certificates: issued once per learner and course when the course is completed, signed with
// Ed25519, publicly verifiable, revocable by an admin (revocation is published in a status list).
import { sign, verify } from "node:crypto";
import type { Db, Tx } from "~/db/db.server";
import { SITE_NAME } from "~/site";
import { newCertificateId, normaliseCertificateId } from "./ids";
import { activeSigningKey, publicKeyFor } from "./keys.server";
import { withStatusIndex } from "./status-list.server";

/**
 * What a certificate states. Format 1 (the first certificates) signs the id, learner, course,
 * outcomes, score and date; format 2 also signs the pass mark and the course summary, which are
 * then stored with the certificate. For format 1 those two are null here: they were not signed.
 */
export type CertificateData = {
  signedFormat: 1 | 2;
  id: string;
  learnerName: string;
  courseSlug: string;
  courseTitle: string;
  outcomes: string[];
  score: number;
  completedAt: Date;
  passMark: number | null;
  courseSummary: string | null;
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
        learnerName: data.learnerName,
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
  userId: string;
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
  const format2 = row.signedFormat === 2;
  const data: CertificateData = {
    signedFormat: format2 ? 2 : 1,
    id: row.id,
    learnerName: row.learnerName,
    courseSlug: row.course.slug,
    courseTitle: row.courseTitle,
    outcomes: JSON.parse(row.outcomes) as string[],
    score: row.score,
    completedAt: row.completedAt,
    passMark: format2 ? row.passMark : null,
    courseSummary: format2 ? row.courseSummary : null,
  };
  const key = await publicKeyFor(db, row.keyId);
  const known = row.signedFormat === 1 || row.signedFormat === 2;
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

export async function revokeCertificate(db: Db, rawId: string, reason: string): Promise<boolean> {
  const id = normaliseCertificateId(rawId);
  if (!id) return false;
  const { count } = await db.certificate.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count === 1;
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
    select: { id: true, learnerName: true, courseTitle: true, issuedAt: true, revokedAt: true, revokedReason: true },
  });
}
