import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse } from "~/test/course-fixture";
import { useFreshDatabase } from "~/test/database";

process.env.CERT_KEY_FILE = join(mkdtempSync(join(tmpdir(), "gda-keys-")), "key.pem");
delete process.env.CERT_SIGNING_KEY;
const db = await useFreshDatabase();
const { syncCatalogue } = await import("~/content/sync.server");
const certs = await import("./certificate.server");
const { buildCredential, signCredential, verifyCredential } = await import("./credential.server");
const keys = await import("./keys.server");
const { certificatePdf } = await import("./pdf.server");

const BASE = "https://academy.example.org";
let courseId = "";

async function issue(userId: string, name: string) {
  await db.user.create({ data: { id: userId, email: `${userId}@example.org`, name, passwordHash: "x" } });
  const row = await db.$transaction((tx) => certs.issueCertificate(tx, { userId, courseId, score: 87, completedAt: new Date("2026-11-20T10:00:00Z") }));
  return (await certs.findCertificate(db, row.id))!;
}

beforeAll(async () => {
  await syncCatalogue(db, { courses: [quizCourse()] });
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: "quiz-course" } })).id;
});

describe("certificates", () => {
  it("are issued once per learner and course, with a valid Ed25519 signature", async () => {
    const c = await issue("u1", "Zoë Ngũgĩ");
    expect(c).toMatchObject({ status: "valid", signatureValid: true, learnerName: "Zoë Ngũgĩ", courseTitle: "Quiz course", score: 87 });
    const again = await db.$transaction((tx) => certs.issueCertificate(tx, { userId: "u1", courseId, score: 10, completedAt: new Date() }));
    expect(again.id).toBe(c.id);
    // Ids are looked up the way people type them.
    expect((await certs.findCertificate(db, c.id.toLowerCase().replace(/-/g, " ")))?.id).toBe(c.id);
  });

  it("any altered field makes the stored certificate fail verification", async () => {
    const c = await issue("u2", "Original Name");
    for (const change of [{ learnerName: "Someone Else" }, { score: 100 }, { courseTitle: "Another course" }, { completedAt: new Date("2020-01-01") }]) {
      const before = await db.certificate.findUniqueOrThrow({ where: { id: c.id } });
      await db.certificate.update({ where: { id: c.id }, data: change });
      expect((await certs.findCertificate(db, c.id))?.status).toBe("invalid");
      await db.certificate.update({ where: { id: c.id }, data: { learnerName: before.learnerName, score: before.score, courseTitle: before.courseTitle, completedAt: before.completedAt } });
    }
    expect((await certs.findCertificate(db, c.id))?.status).toBe("valid");
  });

  it("can be revoked with a reason", async () => {
    const c = await issue("u3", "To Revoke");
    expect(await certs.revokeCertificate(db, c.id, "Issued in error")).toBe(true);
    expect(await certs.revokeCertificate(db, c.id, "Twice")).toBe(false);
    expect(await certs.findCertificate(db, c.id)).toMatchObject({ status: "revoked", revokedReason: "Issued in error" });
  });
});

describe("Open Badges 3.0 credentials", () => {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(new URL("./ob_v3p0_achievementcredential_schema.json", import.meta.url), "utf8")));

  it("validate against 1EdTech's AchievementCredential JSON Schema", async () => {
    const c = await issue("u4", "أمينة حداد");
    const credential = buildCredential(c, BASE);
    const ok = validate(credential);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(credential.credentialSubject.achievement).toMatchObject({ name: "Quiz course", criteria: { narrative: expect.stringContaining("Pick A") } });
  });

  it("are VC-JWTs that a standard JOSE library verifies with the published JWKS", async () => {
    const c = await issue("u5", "Jwt Holder");
    const jwt = await signCredential(db, buildCredential(c, BASE));
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: "EdDSA", typ: "vc+jwt", kid: keys.loadSigningKey().kid });
    const jwks = createLocalJWKSet(await keys.publicJwks(db));
    const { payload } = await jwtVerify(jwt, jwks, { algorithms: ["EdDSA"] });
    expect(payload).toMatchObject({ id: `${BASE}/verify/${c.id}`, type: ["VerifiableCredential", "OpenBadgeCredential"] });
    // Nothing private is published.
    expect(JSON.stringify(await keys.publicJwks(db))).not.toMatch(/"d"/);
  });

  it("fail verification when any field is altered", async () => {
    const c = await issue("u6", "Tamper Target");
    const jwt = await signCredential(db, buildCredential(c, BASE));
    const [header, payload, signature] = jwt.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const alterations = [
      (x: typeof claims) => (x.credentialSubject.identifier[0].identityHash = "Someone Else"),
      (x: typeof claims) => (x.validFrom = "2020-01-01T00:00:00.000Z"),
      (x: typeof claims) => (x.credentialSubject.achievement.name = "Another course"),
      (x: typeof claims) => (x.issuer.name = "Fake Academy"),
    ];
    for (const alter of alterations) {
      const copy = structuredClone(claims);
      alter(copy);
      const forged = `${header}.${Buffer.from(JSON.stringify(copy)).toString("base64url")}.${signature}`;
      await expect(verifyCredential(db, forged)).rejects.toThrow(/signature/i);
    }
    await expect(verifyCredential(db, jwt)).resolves.toMatchObject({ kid: c.keyId });
  });

  it("signed by a retired key still verify after the key is rotated", async () => {
    const c = await issue("u7", "Before Rotation");
    const oldJwt = await signCredential(db, buildCredential(c, BASE));
    const oldKid = keys.loadSigningKey().kid;

    const { privateKey } = generateKeyPairSync("ed25519");
    process.env.CERT_SIGNING_KEY = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    process.env.CERT_SIGNING_KEY_ID = "2026-rotated";
    keys.resetSigningKeyCache();
    try {
      const newer = await issue("u8", "After Rotation");
      expect(newer.keyId).toBe("2026-rotated");
      expect((await keys.publicJwks(db)).keys.map((k) => k.kid)).toEqual([oldKid, "2026-rotated"]);
      await expect(verifyCredential(db, oldJwt)).resolves.toMatchObject({ kid: oldKid });
      expect((await certs.findCertificate(db, c.id))?.status).toBe("valid");
      expect((await certs.findCertificate(db, newer.id))?.status).toBe("valid");
    } finally {
      delete process.env.CERT_SIGNING_KEY;
      delete process.env.CERT_SIGNING_KEY_ID;
      keys.resetSigningKeyCache();
    }
  });
});

describe("the PDF", () => {
  it("is a PDF whose text holds the name, course, score, id and verify URL, in Latin and Arabic", async () => {
    for (const [id, name] of [
      ["p1", "Zoë Łukasiewicz-Ngũgĩ"],
      ["p2", "أمينة حداد"],
    ]) {
      const c = await issue(id, name);
      const pdf = await certificatePdf(c, `${BASE}/verify/${c.id}`);
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
      expect(text).toContain(c.id);
      expect(text).toContain("Quiz course");
      expect(text).toContain("87%");
      expect(text).toContain(`${BASE}/verify/${c.id}`);
      // Shaped Arabic comes back as its letters, with stray control characters between joined forms.
      const letters = (t: string) => t.replace(/[\u0000-\u001f\s]/g, "");
      expect(letters(text)).toContain(letters(name));
    }
  });
});
