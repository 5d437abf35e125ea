// What the verify page and the verification API say about a certificate: what its signature
// certifies (only what was signed at issue), the course as the catalogue describes it now where
// the certificate does not state it, and the live revocation status.
import type { CertificateView } from "./certificate.server";
import { statusListUrl } from "./status-list.server";

export const CATALOGUE_NOTE =
  "Current course information from the catalogue. It is not part of the signed certificate and may have changed since.";

export function verificationReport(c: CertificateView, base: string) {
  const signed = {
    learnerName: c.learnerName,
    course: { slug: c.courseSlug, title: c.courseTitle, url: `${base}/courses/${c.courseSlug}`, outcomes: c.outcomes },
    score: c.score,
    completedAt: c.completedAt.toISOString(),
    ...(c.signedFormat >= 2 ? { passMark: c.passMark, courseSummary: c.courseSummary } : {}),
    /** Format 3: the holder deleted their account; the name is withheld (null) since then. */
    holderWithheldAt: c.signedFormat === 3 ? (c.holderWithheldAt?.toISOString() ?? null) : null,
  };
  return {
    id: c.id,
    status: c.status,
    valid: c.status === "valid",
    signature: {
      algorithm: "Ed25519",
      keyId: c.keyId,
      verified: c.signatureValid,
      format: c.signedFormat,
      jwks: `${base}/.well-known/jwks.json`,
    },
    /** Signed at issue; present only when the stored data matches the signature. */
    certified: c.signatureValid ? signed : null,
    /** When the signature does not match: the stored data, which nobody vouches for. */
    unverifiedRecord: c.signatureValid ? null : signed,
    /** For certificates whose signature does not cover the pass mark and summary. */
    catalogue:
      c.signedFormat === 1
        ? { note: CATALOGUE_NOTE, passMark: c.catalogue.passMark, courseSummary: c.catalogue.courseSummary }
        : null,
    /** Live state, not part of the certificate: also published in the status list. */
    revocation: {
      revoked: c.revokedAt !== null,
      at: c.revokedAt?.toISOString() ?? null,
      reason: c.revokedReason,
      statusList: c.statusIndex === null ? null : { url: statusListUrl(base), index: c.statusIndex },
    },
    credential: `${base}/verify/${c.id}/credential.jwt`,
    /** The course version the certificate was earned on, as recorded (not signed). */
    courseVersion: c.courseVersion,
  };
}

export type VerificationReport = ReturnType<typeof verificationReport>;
