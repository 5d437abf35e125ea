// Single-use tokens sent by e-mail (password reset, address verification). The token is 32 random
// bytes in base64url and exists only in the e-mail; the database keeps its SHA-256. Reading a token
// never changes it; `consumeToken` uses it up with a conditional update, so of two requests racing
// with the same link only one succeeds.
import { createHash, randomBytes } from "node:crypto";
import type { DbClient } from "~/db/db.server";

export type TokenPurpose = "reset" | "verify";

export const RESET_TOKEN_TTL_MS = 60 * 60_000;
export const VERIFY_TOKEN_TTL_MS = 7 * 24 * 60 * 60_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Creates a token for the user (in the caller's transaction); returns the token itself, for the e-mail. */
export async function issueToken(
  tx: DbClient,
  input: { userId: string; purpose: TokenPurpose; email: string; ttlMs: number; now?: Date },
): Promise<string> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString("base64url");
  await tx.emailToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      email: input.email,
      expiresAt: new Date(now.getTime() + input.ttlMs),
    },
  });
  return token;
}

export type TokenRow = { id: string; userId: string; email: string | null; expiresAt: Date };
export type TokenState = { status: "valid"; token: TokenRow } | { status: "unknown" | "expired" | "used" };

/** What a token is now, without changing anything. */
export async function inspectToken(
  db: DbClient,
  token: string,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<TokenState> {
  if (!TOKEN_SHAPE.test(token)) return { status: "unknown" };
  const row = await db.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== purpose) return { status: "unknown" };
  if (row.usedAt) return { status: "used" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "valid", token: { id: row.id, userId: row.userId, email: row.email, expiresAt: row.expiresAt } };
}

/** Uses the token up; false when it was used (or expired) meanwhile. */
export async function consumeToken(tx: DbClient, id: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.emailToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  return count === 1;
}

/** Voids the user's other unused tokens of this purpose (e.g. every older reset link). */
export async function voidTokens(tx: DbClient, userId: string, purpose: TokenPurpose, now = new Date()) {
  await tx.emailToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
}
