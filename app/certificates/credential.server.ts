// Open Badges 3.0: each certificate as an OpenBadgeCredential (W3C Verifiable Credentials 2.0
// data model), secured as a VC-JWT signed with EdDSA. Anyone can check it with a standard JOSE
// library and the JWKS at /.well-known/jwks.json, and check whether it has been revoked in the
// academy's status list (W3C Bitstring Status List), itself a VC-JWT signed the same way.
import { CompactSign, createLocalJWKSet, jwtVerify } from "jose";
import type { Db } from "~/db/db.server";
import { formatPercent } from "~/lib/format";
import { SITE_NAME } from "~/site";
import { encodeBitstring } from "./bitstring";
import type { CertificateView } from "./certificate.server";
import { activeSigningKey, publicJwks } from "./keys.server";
import { revocationBits, statusListEntry, statusListUrl } from "./status-list.server";

export const OB_SCHEMA =
  "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
/** How long a verifier may cache the status list, in seconds (also its HTTP max-age). */
export const STATUS_LIST_TTL_SECONDS = 300;

export function issuerId(base: string) {
  return `${base}/issuer`;
}

export function issuerProfile(base: string) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: issuerId(base),
    type: ["Profile"],
    name: SITE_NAME,
    url: base,
    description: "A learning platform for the skills behind green digital action.",
  };
}

/**
 * The certificate as a credential. It states only what the certificate's signature covers: for
 * certificates signed before pass marks and summaries were (format 1), neither appears.
 */
export function buildCredential(c: CertificateView, base: string) {
  const { "@context": _context, ...issuer } = issuerProfile(base);
  const passRule =
    c.passMark === null
      ? "pass the final assessment"
      : `pass the final assessment with at least ${formatPercent(c.passMark)}`;
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `${base}/verify/${c.id}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${c.courseTitle}: certificate of completion`,
    issuer,
    validFrom: c.completedAt.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      // A holder who deleted their account is not named (format 3): the credential says nothing about them.
      ...(c.learnerName === null
        ? {}
        : {
            identifier: [{ type: "IdentityObject", identityHash: c.learnerName, identityType: "name", hashed: false }],
          }),
      activityEndDate: c.completedAt.toISOString(),
      achievement: {
        id: `${base}/courses/${c.courseSlug}#achievement`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: c.courseTitle,
        description: c.courseSummary ?? `Completion of the course ${c.courseTitle} at ${SITE_NAME}.`,
        criteria: {
          id: `${base}/courses/${c.courseSlug}`,
          narrative: [
            `Complete every lesson of ${c.courseTitle}, pass every module quiz, and ${passRule}.`,
            "Learners who earn it can:",
            ...c.outcomes.map((o) => `- ${o}`),
          ].join("\n"),
        },
        creator: issuer,
      },
    },
    ...(c.statusIndex === null ? {} : { credentialStatus: statusListEntry(base, c.statusIndex) }),
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

export type Credential = ReturnType<typeof buildCredential>;

/** The revocation list as a BitstringStatusListCredential, issued by the academy now. */
export async function buildStatusListCredential(db: Db, base: string, now = new Date()) {
  const { length, revoked } = await revocationBits(db);
  const url = statusListUrl(base);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuerId(base),
    validFrom: now.toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeBitstring(revoked, length),
      ttl: STATUS_LIST_TTL_SECONDS * 1000,
    },
  };
}

type Signable = { id: string; issuer: string | { id: string }; validFrom: string };

/**
 * The credential as a compact JWS (VC-JWT): header { alg: EdDSA, kid, typ: vc+jwt }, payload the
 * credential with the JWT claims jti (its id), iss (the issuer's id), nbf (validFrom) and iat.
 */
export async function signCredential(db: Db, credential: Signable, now = new Date()): Promise<string> {
  const key = await activeSigningKey(db);
  const claims = {
    ...credential,
    jti: credential.id,
    iss: typeof credential.issuer === "string" ? credential.issuer : credential.issuer.id,
    nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    iat: Math.floor(now.getTime() / 1000),
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "vc+jwt", cty: "vc" })
    .sign(key.privateKey);
}

/** Verifies a VC-JWT against the published keys; returns the credential or throws. */
export async function verifyCredential(db: Db, jwt: string) {
  const jwks = createLocalJWKSet(await publicJwks(db));
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ["EdDSA"], typ: "vc+jwt" });
  return { credential: payload as unknown as Credential, kid: protectedHeader.kid };
}
