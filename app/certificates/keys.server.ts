// The Ed25519 key that signs certificates. It comes from configuration (CERT_SIGNING_KEY, a PKCS#8
// PEM, with CERT_SIGNING_KEY_ID); without it, a key is generated once and kept in the data folder
// (CERT_KEY_FILE). Servers starting at the same time on one data folder end up with one key: the
// first to create the file wins, the others read it. Servers on different machines need
// CERT_SIGNING_KEY (or a shared data folder).
// Every public key that has ever signed is recorded in the database and published as a JWKS, so
// that a key can be rotated and certificates signed with an older key still verify.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import {
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import type { Db, DbClient } from "~/db/db.server";
import { isUniqueViolation } from "~/db/errors";
import { log } from "~/log.server";

export type Jwk = JsonWebKey & { kid?: string; alg?: string; use?: string };
export type SigningKey = { kid: string; privateKey: KeyObject; publicJwk: Jwk };

let current: SigningKey | null = null;
/** For a key from the key file: which version of the file it was read from (a rotation replaces the file). */
let currentFileVersion = "";
const registered = new Set<string>();

function keyFile() {
  return resolve(process.env.CERT_KEY_FILE ?? "data/keys/certificate-signing-key.pem");
}

function fromPem(pem: string, kid?: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new Error("The certificate signing key must be an Ed25519 key.");
  const publicJwk = createPublicKey(privateKey).export({ format: "jwk" }) as Jwk;
  // Without a configured id, derive one from the public key itself.
  const id = kid ?? `k-${createHash("sha256").update(publicJwk.x!).digest("base64url").slice(0, 12)}`;
  return { kid: id, privateKey, publicJwk: { ...publicJwk, kid: id, alg: "EdDSA", use: "sig" } };
}

export function loadSigningKey(): SigningKey {
  const configured = process.env.CERT_SIGNING_KEY;
  if (configured) {
    current ??= fromPem(configured.replace(/\\n/g, "\n"), process.env.CERT_SIGNING_KEY_ID || undefined);
    return current;
  }
  const file = keyFile();
  if (!existsSync(file) && createKeyFile(file)) {
    log.warn(`Generated a certificate signing key at ${file}. In production, set CERT_SIGNING_KEY instead.`);
  }
  // `npm run keys:rotate` replaces the file (a new inode): running servers pick the new key up.
  const stat = statSync(file);
  const version = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  if (!current || currentFileVersion !== version) {
    current = fromPem(readFileSync(file, "utf8"));
    currentFileVersion = version;
  }
  return current;
}

/**
 * Creates the key file unless another process did first; returns whether this one did. The key is
 * written completely into a file of its own (`wx`: never an existing one), then linked to its
 * name, which fails if the name exists: no process ever reads half a key or replaces another's.
 */
export function createKeyFile(file: string): boolean {
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync("ed25519");
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(draft, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false; // another process won: use its key
    throw e;
  } finally {
    unlinkSync(draft);
  }
}

/** The signing key, with its public half recorded in the database (once per process). */
export async function activeSigningKey(db: DbClient): Promise<SigningKey> {
  const key = loadSigningKey();
  if (!registered.has(key.kid)) {
    try {
      await db.signingKey.upsert({
        where: { id: key.kid },
        create: { id: key.kid, publicJwk: JSON.stringify(key.publicJwk) },
        update: {},
      });
    } catch (e) {
      // Another server recorded the same key at the same moment: it is recorded.
      if (!isUniqueViolation(e)) throw e;
    }
    registered.add(key.kid);
  }
  return key;
}

/** All public keys that have signed certificates, as a JSON Web Key Set. */
export async function publicJwks(db: Db): Promise<{ keys: Jwk[] }> {
  await activeSigningKey(db);
  const rows = await db.signingKey.findMany({ orderBy: { createdAt: "asc" } });
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as Jwk) };
}

export async function publicKeyFor(db: DbClient, kid: string): Promise<KeyObject | null> {
  const row = await db.signingKey.findUnique({ where: { id: kid } });
  return row ? createPublicKey({ key: JSON.parse(row.publicJwk), format: "jwk" }) : null;
}

/** For tests and key rotation: forget the cached key so the configuration is read again. */
export function resetSigningKeyCache() {
  current = null;
  currentFileVersion = "";
  registered.clear();
}

export type Rotation = {
  previousKid: string;
  kid: string;
} & ({ configuredBy: "file"; file: string } | { configuredBy: "environment"; pem: string });

/**
 * Makes a new Ed25519 key the one that signs. Its public key is recorded (and so published in the
 * JWKS) at once; the retired key's public key stays recorded, so what it signed keeps verifying.
 * With the key in the data folder, the file is replaced (atomically) and running servers use the
 * new key from their next signature. With CERT_SIGNING_KEY, nothing can be written: the new PEM
 * and id are returned for the operator to set on every server, which then restart.
 */
export async function rotateSigningKey(db: Db): Promise<Rotation> {
  const previous = await activeSigningKey(db);
  const pem = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  const next = fromPem(pem);
  await db.signingKey.upsert({
    where: { id: next.kid },
    create: { id: next.kid, publicJwk: JSON.stringify(next.publicJwk) },
    update: {},
  });
  if (process.env.CERT_SIGNING_KEY)
    return { previousKid: previous.kid, kid: next.kid, configuredBy: "environment", pem };
  const file = keyFile();
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(draft, pem, { mode: 0o600, flag: "wx" });
  renameSync(draft, file);
  return { previousKid: previous.kid, kid: next.kid, configuredBy: "file", file };
}
