// Open Badges 3.0: each certificate as an OpenBadgeCredential (W3C Verifiable Credentials 2.0
// data model), secured as a VC-JWT signed with EdDSA. Anyone can check it with a standard JOSE
// library and the JWKS at /.well-known/jwks.json.
import { CompactSign, createLocalJWKSet, jwtVerify } from "jose";
import type { Db } from "~/db/db.server";
import type { CertificateView } from "./certificate.server";
import { activeSigningKey, publicJwks } from "./keys.server";
import { ACADEMY_NAME } from "./academy";

export const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

export function issuerProfile(base: string) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `${base}/issuer`,
    type: ["Profile"],
    name: ACADEMY_NAME,
    url: base,
    description: "A learning platform for the skills behind green digital action.",
  };
}

export function buildCredential(c: CertificateView, base: string) {
  const { "@context": _context, ...issuer } = issuerProfile(base);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: `${base}/verify/${c.id}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `${c.courseTitle}: certificate of completion`,
    issuer,
    validFrom: c.completedAt.toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityHash: c.learnerName, identityType: "name", hashed: false }],
      activityEndDate: c.completedAt.toISOString(),
      achievement: {
        id: `${base}/courses/${c.courseSlug}#achievement`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: c.courseTitle,
        description: c.courseSummary,
        criteria: {
          id: `${base}/courses/${c.courseSlug}`,
          narrative: [
            `Complete every lesson of ${c.courseTitle}, pass every module quiz, and pass the final assessment with at least ${c.passMark}%.`,
            "Learners who earn it can:",
            ...c.outcomes.map((o) => `- ${o}`),
          ].join("\n"),
        },
        creator: issuer,
      },
    },
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

export type Credential = ReturnType<typeof buildCredential>;

/** The credential as a compact JWS (VC-JWT): header { alg: EdDSA, kid, typ: vc+jwt }, payload the credential. */
export async function signCredential(db: Db, credential: object): Promise<string> {
  const key = await activeSigningKey(db);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "vc+jwt", cty: "vc" })
    .sign(key.privateKey);
}

/** Verifies a VC-JWT against the published keys; returns the credential or throws. */
export async function verifyCredential(db: Db, jwt: string) {
  const jwks = createLocalJWKSet(await publicJwks(db));
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ["EdDSA"], typ: "vc+jwt" });
  return { credential: payload as unknown as Credential, kid: protectedHeader.kid };
}
