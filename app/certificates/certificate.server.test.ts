import { generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import Ajv2019 from "ajv/dist/2019.js";
import addFormats from "ajv-formats";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { quizCourse } from "#tests/fixtures/course-fixture";
import { syncCatalogue } from "~/content/sync.server";
import { db } from "~/db/db.server";
import * as revocationListRoute from "~/routes/credentials.status.revocation";
import * as credentialJwtRoute from "~/routes/verify.$id.credential[.]jwt";
import { siteUrl } from "~/site";
import * as certs from "./certificate.server";
import { buildCredential, buildStatusListCredential, signCredential, verifyCredential } from "./credential.server";
import * as keys from "./keys.server";
import { certificatePdf } from "./pdf.server";
import * as statusList from "./status-list.server";
import { verificationReport } from "./verification.server";

const byAdmin = { id: null, label: "admin", ip: "203.0.113.9" } as const;

const BASE = "https://academy.example.org";
let courseId = "";

async function issue(userId: string, name: string) {
  await db.user.create({ data: { id: userId, email: `${userId}@example.org`, name, passwordHash: "x" } });
  const row = await db.$transaction((tx) =>
    certs.issueCertificate(tx, { userId, courseId, score: 87, completedAt: new Date("2026-11-20T10:00:00Z") }),
  );
  return (await certs.findCertificate(db, row.id))!;
}

beforeAll(async () => {
  await syncCatalogue(db, { courses: [quizCourse()] });
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: "quiz-course" } })).id;
});

describe("certificates", () => {
  it("are issued once per learner and course, with a valid Ed25519 signature", async () => {
    const c = await issue("u1", "Zoë Ngũgĩ");
    expect(c).toMatchObject({
      status: "valid",
      signatureValid: true,
      learnerName: "Zoë Ngũgĩ",
      courseTitle: "Quiz course",
      score: 87,
    });
    const again = await db.$transaction((tx) =>
      certs.issueCertificate(tx, { userId: "u1", courseId, score: 10, completedAt: new Date() }),
    );
    expect(again.id).toBe(c.id);
    // Ids are looked up the way people type them.
    expect((await certs.findCertificate(db, c.id.toLowerCase().replace(/-/g, " ")))?.id).toBe(c.id);
  });

  it("any altered field makes the stored certificate fail verification", async () => {
    const c = await issue("u2", "Original Name");
    for (const change of [
      { learnerName: "Someone Else" },
      { score: 100 },
      { courseTitle: "Another course" },
      { completedAt: new Date("2020-01-01") },
    ]) {
      const before = await db.certificate.findUniqueOrThrow({ where: { id: c.id } });
      await db.certificate.update({ where: { id: c.id }, data: change });
      expect((await certs.findCertificate(db, c.id))?.status).toBe("invalid");
      await db.certificate.update({
        where: { id: c.id },
        data: {
          learnerName: before.learnerName,
          score: before.score,
          courseTitle: before.courseTitle,
          completedAt: before.completedAt,
        },
      });
    }
    expect((await certs.findCertificate(db, c.id))?.status).toBe("valid");
  });

  it("can be revoked with a reason", async () => {
    const c = await issue("u3", "To Revoke");
    expect(await certs.revokeCertificate(db, c.id, "Issued in error", byAdmin)).toBe(true);
    expect(await certs.revokeCertificate(db, c.id, "Twice", byAdmin)).toBe(false);
    expect(await certs.findCertificate(db, c.id)).toMatchObject({
      status: "revoked",
      revokedReason: "Issued in error",
    });
    // One entry in the audit log, from where the admin acted; the refused second revocation adds none.
    const entries = await db.auditEntry.findMany({ where: { subjectType: "certificate", subjectId: c.id } });
    expect(entries).toMatchObject([{ action: "certificate.revoked", actorLabel: "admin", ip: "203.0.113.9" }]);
  });
});

describe("Open Badges 3.0 credentials", () => {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(
    JSON.parse(
      readFileSync(new URL("../../tests/fixtures/ob_v3p0_achievementcredential_schema.json", import.meta.url), "utf8"),
    ),
  );

  it("validate against 1EdTech's AchievementCredential JSON Schema", async () => {
    const c = await issue("u4", "أمينة حداد");
    const credential = buildCredential(c, BASE);
    const ok = validate(credential);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(credential.credentialSubject.achievement).toMatchObject({
      name: "Quiz course",
      criteria: { narrative: expect.stringContaining("Pick A") },
    });
  });

  it("are VC-JWTs that a standard JOSE library verifies with the published JWKS", async () => {
    const c = await issue("u5", "Jwt Holder");
    const jwt = await signCredential(db, buildCredential(c, BASE));
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: "EdDSA", typ: "vc+jwt", kid: keys.loadSigningKey().kid });
    const jwks = createLocalJWKSet(await keys.publicJwks(db));
    const { payload } = await jwtVerify(jwt, jwks, { algorithms: ["EdDSA"] });
    expect(payload).toMatchObject({
      id: `${BASE}/verify/${c.id}`,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
    });
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

describe("npm run keys:rotate (rotateSigningKey)", () => {
  it("with the key in the data folder: replaces the file, signs new certificates with the new kid, old ones still verify", async () => {
    const before = await issue("r1", "Signed Before");
    const beforeJwt = await signCredential(db, buildCredential(before, BASE));
    const oldPem = readFileSync(process.env.CERT_KEY_FILE!, "utf8");

    const rotation = await keys.rotateSigningKey(db);
    expect(rotation).toMatchObject({
      configuredBy: "file",
      previousKid: before.keyId,
      file: process.env.CERT_KEY_FILE,
    });
    expect(rotation.kid).not.toBe(before.keyId);
    expect(readFileSync(process.env.CERT_KEY_FILE!, "utf8")).not.toBe(oldPem);
    // No cache reset: a running process notices the replaced file by itself.
    const after = await issue("r2", "Signed After");
    expect(after.keyId).toBe(rotation.kid);
    const kids = (await keys.publicJwks(db)).keys.map((k) => k.kid);
    expect(kids).toContain(before.keyId);
    expect(kids).toContain(rotation.kid);
    expect((await certs.findCertificate(db, before.id))?.status).toBe("valid");
    expect((await certs.findCertificate(db, after.id))?.status).toBe("valid");
    await expect(verifyCredential(db, beforeJwt)).resolves.toMatchObject({ kid: before.keyId });
    const afterJwt = await signCredential(db, buildCredential(after, BASE));
    expect(decodeProtectedHeader(afterJwt).kid).toBe(rotation.kid);
    await expect(verifyCredential(db, afterJwt)).resolves.toMatchObject({ kid: rotation.kid });
  });

  it("with CERT_SIGNING_KEY: publishes the new key at once and hands back the PEM and id to set; signing changes once they are set", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    process.env.CERT_SIGNING_KEY = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    process.env.CERT_SIGNING_KEY_ID = "env-old";
    keys.resetSigningKeyCache();
    try {
      const before = await issue("r3", "Env Before");
      expect(before.keyId).toBe("env-old");
      const rotation = await keys.rotateSigningKey(db);
      if (rotation.configuredBy !== "environment") throw new Error("expected the environment's key");
      expect(rotation.pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect((await keys.publicJwks(db)).keys.map((k) => k.kid)).toEqual(
        expect.arrayContaining(["env-old", rotation.kid]),
      );
      // Still the configured key until the operator sets the new one and restarts.
      expect((await issue("r4", "Env Still Old")).keyId).toBe("env-old");

      process.env.CERT_SIGNING_KEY = rotation.pem;
      process.env.CERT_SIGNING_KEY_ID = rotation.kid;
      keys.resetSigningKeyCache(); // a restart
      const after = await issue("r5", "Env After");
      expect(after.keyId).toBe(rotation.kid);
      expect((await certs.findCertificate(db, before.id))?.status).toBe("valid");
      expect((await certs.findCertificate(db, after.id))?.status).toBe("valid");
    } finally {
      delete process.env.CERT_SIGNING_KEY;
      delete process.env.CERT_SIGNING_KEY_ID;
      keys.resetSigningKeyCache();
    }
  });
});

describe("signed pass mark and course summary (format 2)", () => {
  it("are stored with new certificates, and editing them in the database makes the certificate invalid", async () => {
    const c = await issue("f1", "Format Two");
    expect(c).toMatchObject({ signedFormat: 2, passMark: 70, status: "valid" });
    const row = await db.certificate.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ signedFormat: 2, passMark: 70, courseSummary: c.courseSummary });
    expect(row.courseSummary).toBeTruthy();
    for (const change of [{ passMark: 5 }, { courseSummary: "A different promise" }, { signedFormat: 1 }]) {
      await db.certificate.update({ where: { id: c.id }, data: change });
      expect((await certs.findCertificate(db, c.id))?.status).toBe("invalid");
      await db.certificate.update({
        where: { id: c.id },
        data: { passMark: row.passMark, courseSummary: row.courseSummary, signedFormat: row.signedFormat },
      });
    }
    expect((await certs.findCertificate(db, c.id))?.status).toBe("valid");
  });

  it("a format-1 certificate still verifies; its pass mark and summary are only current catalogue information", async () => {
    await db.user.create({ data: { id: "f2", email: "f2@example.org", name: "Format One", passwordHash: "x" } });
    const key = keys.loadSigningKey();
    const data = {
      signedFormat: 1 as const,
      id: "F2F2-F2F2-F2F2-F2F2",
      learnerName: "Format One",
      courseSlug: "quiz-course",
      courseTitle: "Quiz course",
      outcomes: ["Pick A"],
      score: 90,
      completedAt: new Date("2025-05-05T00:00:00Z"),
      passMark: null,
      courseSummary: null,
    };
    await db.certificate.create({
      data: {
        id: data.id,
        userId: "f2",
        courseId,
        learnerName: data.learnerName,
        courseTitle: data.courseTitle,
        outcomes: JSON.stringify(data.outcomes),
        score: data.score,
        completedAt: data.completedAt,
        keyId: key.kid,
        signature: sign(null, certs.canonicalBytes(data), key.privateKey).toString("base64url"),
      },
    });
    const c = (await certs.findCertificate(db, data.id))!;
    expect(c).toMatchObject({
      status: "valid",
      signedFormat: 1,
      passMark: null,
      courseSummary: null,
      catalogue: { passMark: 70 },
    });
    // The catalogue's values are not signed: changing them leaves it valid, and the credential does not state them.
    await db.course.update({ where: { id: courseId }, data: { passMark: 5 } });
    try {
      const again = (await certs.findCertificate(db, data.id))!;
      expect(again).toMatchObject({ status: "valid", catalogue: { passMark: 5 } });
      const credential = buildCredential(again, BASE);
      expect(JSON.stringify(credential)).not.toMatch(/5%/);
      expect(credential.credentialSubject.achievement.description).not.toBe(again.catalogue.courseSummary);
      const report = verificationReport(again, BASE);
      expect(report.certified).not.toHaveProperty("passMark");
      expect(report.catalogue).toMatchObject({
        passMark: 5,
        note: expect.stringMatching(/not part of the signed certificate/),
      });
    } finally {
      await db.course.update({ where: { id: courseId }, data: { passMark: 70 } });
    }
  });
});

describe("the public address", () => {
  it("comes from PUBLIC_URL or the port, never from the request's Host header", async () => {
    const saved = { url: process.env.PUBLIC_URL, port: process.env.PORT };
    try {
      delete process.env.PUBLIC_URL;
      process.env.PORT = "4321";
      expect(siteUrl()).toBe("http://localhost:4321");
      const c = await issue("h1", "Host Header");
      const route = credentialJwtRoute;
      const response = await route.loader({
        params: { id: c.id },
        request: new Request(`http://evil.example/verify/${c.id}/credential.jwt`, {
          headers: { Host: "evil.example" },
        }),
        context: {} as never,
      });
      const jwt = await (response as Response).text();
      const { payload } = await jwtVerify(jwt, createLocalJWKSet(await keys.publicJwks(db)), { algorithms: ["EdDSA"] });
      expect(payload).toMatchObject({
        iss: "http://localhost:4321/issuer",
        issuer: { id: "http://localhost:4321/issuer" },
      });
      expect(JSON.stringify(payload)).not.toContain("evil.example");
      process.env.PUBLIC_URL = "https://academy.example.org//";
      expect(siteUrl()).toBe("https://academy.example.org");
    } finally {
      if (saved.url === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = saved.url;
      if (saved.port === undefined) delete process.env.PORT;
      else process.env.PORT = saved.port;
    }
  });
});

describe("revocation status list", () => {
  // An independent check, as a verifier would do it: jose and the JWKS, node:zlib, the bit.
  async function revokedPerList(credentialJwt: string, listJwt: string) {
    const jwks = createLocalJWKSet(await keys.publicJwks(db));
    const { payload: vc } = await jwtVerify(credentialJwt, jwks, { algorithms: ["EdDSA"], typ: "vc+jwt" });
    const { payload: list } = await jwtVerify(listJwt, jwks, { algorithms: ["EdDSA"], typ: "vc+jwt" });
    const status = vc.credentialStatus as {
      type: string;
      statusPurpose: string;
      statusListIndex: string;
      statusListCredential: string;
    };
    expect(status).toMatchObject({
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListCredential: `${BASE}/credentials/status/revocation`,
    });
    expect(status.statusListIndex).toMatch(/^\d+$/);
    expect(list).toMatchObject({
      id: status.statusListCredential,
      jti: status.statusListCredential,
      iss: vc.iss,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
    });
    const subject = list.credentialSubject as { type: string; statusPurpose: string; encodedList: string };
    expect(subject).toMatchObject({ type: "BitstringStatusList", statusPurpose: "revocation" });
    expect(subject.encodedList.startsWith("u")).toBe(true);
    const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), "base64url"));
    expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
    const index = Number(status.statusListIndex);
    return (bits[Math.floor(index / 8)] & (1 << (7 - (index % 8)))) !== 0;
  }

  it("each new certificate gets a distinct index, and its credential carries the W3C claims", async () => {
    const a = await issue("s1", "Status One");
    const b = await issue("s2", "Status Two");
    expect(a.statusIndex).not.toBeNull();
    expect(a.statusIndex).not.toBe(b.statusIndex);
    const jwt = await signCredential(db, buildCredential(a, BASE));
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
    expect(claims).toMatchObject({
      jti: `${BASE}/verify/${a.id}`,
      iss: `${BASE}/issuer`,
      nbf: Math.floor(a.completedAt.getTime() / 1000),
    });
    expect(claims.iat).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) - 5);
  });

  it("shows a downloaded credential as revoked once its certificate is revoked, and not before", async () => {
    const c = await issue("s3", "Soon Revoked");
    const credentialJwt = await signCredential(db, buildCredential(c, BASE));
    const before = await signCredential(db, await buildStatusListCredential(db, BASE));
    expect(await revokedPerList(credentialJwt, before)).toBe(false);

    // Revoked by the id as a person might type it.
    expect(
      await certs.revokeCertificate(db, ` ${c.id.toLowerCase().replace(/-/g, " ")} `, "Issued in error", byAdmin),
    ).toBe(true);
    const after = await signCredential(db, await buildStatusListCredential(db, BASE));
    expect(await revokedPerList(credentialJwt, after)).toBe(true);
    // Others stay clear; the verify page and API say the same.
    const other = await issue("s4", "Still Valid");
    expect(await revokedPerList(await signCredential(db, buildCredential(other, BASE)), after)).toBe(false);
    const report = verificationReport((await certs.findCertificate(db, c.id))!, BASE);
    expect(report).toMatchObject({
      status: "revoked",
      revocation: { revoked: true, statusList: { index: c.statusIndex } },
    });
  });

  it("is served as a VC-JWT at a stable address", async () => {
    const route = revocationListRoute;
    const response = await route.loader();
    expect(response.headers.get("Content-Type")).toBe("application/vc+jwt");
    expect(response.headers.get("Cache-Control")).toMatch(/max-age=\d+/);
    const { payload } = await jwtVerify(await response.text(), createLocalJWKSet(await keys.publicJwks(db)), {
      algorithms: ["EdDSA"],
    });
    expect(payload.id).toBe(`${siteUrl()}/credentials/status/revocation`);
  });

  it("retries with another index when a concurrent issue took the same one", async () => {
    const taken = (await issue("s5", "Index Holder")).statusIndex!;
    const c = await issue("s6", "Clash");
    const picks = [taken, taken, taken, taken, taken, taken, taken, taken];
    // The first write uses an index that is already taken (as if another transaction had just won it).
    let first = true;
    const used = await db.$transaction((tx) =>
      statusList.withStatusIndex(
        tx,
        async (index) => {
          const pick = first ? taken : index;
          first = false;
          await tx.certificate.update({ where: { id: c.id }, data: { statusIndex: pick } });
          return pick;
        },
        () => picks.shift() ?? 7,
      ),
    );
    expect(used).not.toBe(taken);
    expect((await db.certificate.findUniqueOrThrow({ where: { id: c.id } })).statusIndex).toBe(used);
  });

  it("older certificates without an index get one at start-up, once", async () => {
    const c = await issue("s7", "Issued Earlier");
    await db.certificate.update({ where: { id: c.id }, data: { statusIndex: null } });
    // (The format-1 certificate made above has none either.)
    expect(await statusList.assignMissingStatusIndexes(db)).toBe(2);
    expect(await statusList.assignMissingStatusIndexes(db)).toBe(0);
    expect(await db.certificate.count({ where: { statusIndex: null } })).toBe(0);
    expect((await certs.findCertificate(db, c.id))?.statusIndex).toEqual(expect.any(Number));
  });
});

describe("the PDF", () => {
  const pdfText = async (c: Awaited<ReturnType<typeof issue>>) => {
    const pdf = await certificatePdf(c, `${BASE}/verify/${c.id}`);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    return (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;
  };

  it("states the hours of study and, in brief, the signed outcomes", async () => {
    const c = await issue("p0", "Study Hours");
    const pdf = await certificatePdf(c, `${BASE}/verify/${c.id}`, 215);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain("About 4 hours of study.");
    expect(text).toContain(`• ${c.outcomes[0]}`);
  });

  it("is a PDF whose text holds the name, course, score, id and verify URL", async () => {
    const c = await issue("p1", "Zoë Łukasiewicz-Ngũgĩ");
    const text = await pdfText(c);
    for (const part of [c.learnerName, c.id, "Quiz course", "87%", `${BASE}/verify/${c.id}`])
      expect(text).toContain(part);
  });

  it("prints names in Latin, Greek, Cyrillic, Chinese and Japanese exactly as signed", async () => {
    for (const [id, name] of [
      ["p2", "Ελένη Παπαδοπούλου"],
      ["p3", "Анна Иванова-Щукина"],
      ["p4", "王小明"],
      ["p5", "さくら アキラ"],
      ["p6", "José 王 Ωmega"],
    ]) {
      const c = await issue(id, name);
      expect(await pdfText(c)).toContain(name);
    }
  });

  it("prints Arabic names, shaped, with the same letters", async () => {
    const c = await issue("p7", "أمينة حداد");
    // Shaped Arabic comes back as its letters, with stray control characters between joined forms.
    const letters = (t: string) => t.replace(/[\p{Cc}\s]/gu, "");
    expect(letters(await pdfText(c))).toContain(letters(c.learnerName!));
  });

  it("is written in the language of the course: Arabic, right to left, with the digits 0–9", async () => {
    const c = await issue("p10", "أمينة حداد");
    const letters = (t: string) => t.replace(/[\p{Cc}\s]/gu, "");
    const text = await pdfText({ ...c, language: "ar" });
    // (Text extraction of shaped Arabic loses some letters' dots: the title's letters have none to lose.)
    expect(letters(text)).toContain(letters("شهادة إتمام"));
    expect(text).toContain("87%");
    expect(text).toContain(c.id);
    expect(text).not.toContain("Certificate of completion");
    expect(text).not.toMatch(/[\u0660-\u0669]/);
  });

  it("marks a revoked certificate REVOKED, with the date and reason; a valid one carries no mark", async () => {
    const c = await issue("p9", "Revoked Holder");
    expect(await pdfText(c)).not.toContain("REVOKED");
    await certs.revokeCertificate(db, c.id, "Issued to the wrong account", byAdmin);
    const text = await pdfText((await certs.findCertificate(db, c.id))!);
    expect(text).toContain("REVOKED");
    expect(text).toContain("Issued to the wrong account");
  });

  it("prints Devanagari names, shaped, with every character of every word", async () => {
    const c = await issue("p8", "प्रिया शर्मा अंकित");
    const text = await pdfText(c);
    // Shaping draws some vowel signs before their consonant and the reph after it, and text
    // extraction reads glyphs in drawing order: each word comes back with exactly its characters.
    const sorted = (w: string) => [...w].sort().join("");
    const tokens = text.split(/\s+/).map(sorted);
    for (const word of c.learnerName!.split(" ")) expect(tokens).toContain(sorted(word));
  });
});
