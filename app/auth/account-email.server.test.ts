import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "~/db/db.server";
import {
  confirmEmail,
  emailStatus,
  requestPasswordReset,
  resetPassword,
  resetTokenState,
  sendVerificationAgain,
  setEmailReminders,
  verifyTokenState,
} from "./account-email.server";
import * as auth from "./auth.server";
import { hashToken } from "./email-tokens.server";

const PASSWORD = "a long test password";
const NEW_PASSWORD = "another quite long password";
let n = 0;

async function account(name = "Ama Mensah") {
  const email = `person${n++}.${Date.now()}@example.org`;
  const result = await auth.signUp({ name, email, password: PASSWORD });
  if ("field" in result) throw new Error(result.problem.key);
  return { userId: result.userId, email };
}

type Mail = { to: string; subject: string; text: string; html: string };
async function mailsTo(to: string): Promise<Mail[]> {
  const rows = await db.outboxMessage.findMany({ where: { channel: "email" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => JSON.parse(r.payload) as Mail).filter((m) => m.to === to);
}
const tokenIn = (mail: Mail, route: string) => {
  const m = new RegExp(`/${route}/([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m) throw new Error(`No ${route} link in: ${mail.text}`);
  return m[1];
};

beforeEach(() => {
  vi.useRealTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("password reset", () => {
  it("e-mails a single-use link whose token is stored only as its SHA-256", async () => {
    const { userId, email } = await account();
    await requestPasswordReset(email.toUpperCase());
    const mails = (await mailsTo(email)).filter((m) => /Reset your password/.test(m.subject));
    expect(mails).toHaveLength(1);
    const token = tokenIn(mails[0], "reset-password");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await db.emailToken.findFirstOrThrow({ where: { userId, purpose: "reset" } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(row.tokenHash).not.toContain(token);
    expect(await db.emailToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(60 * 60_000, -3);
    expect(mails[0].html).toContain(`/reset-password/${token}`);
  });

  it("is written in the account's language, else in the language of the page that asked", async () => {
    const { userId, email } = await account();
    await requestPasswordReset(email, { requested: "fr" });
    const [french] = (await mailsTo(email)).filter((m) => /mot de passe/.test(m.subject));
    expect(french.subject).toBe("Réinitialisez votre mot de passe · Green Digital Academy");
    expect(french.text).toMatch(/^Bonjour Ama Mensah,/);
    expect(french.html).toMatch(/<html lang="fr" dir="ltr">/);
    await db.user.update({ where: { id: userId }, data: { language: "ar" } });
    await requestPasswordReset(email, { requested: "fr" });
    const arabic = (await mailsTo(email)).find((m) => m.subject.startsWith("أعد تعيين كلمة المرور"));
    expect(arabic?.html).toMatch(/<html lang="ar" dir="rtl">/);
  });

  it("answers the same, in about the same time, for an address without an account, and queues nothing", async () => {
    const before = await db.outboxMessage.count();
    const started = Date.now();
    await expect(requestPasswordReset("nobody@example.org", { minimumMs: 150 })).resolves.toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect(await db.outboxMessage.count()).toBe(before);
    const { email } = await account();
    const t0 = Date.now();
    await expect(requestPasswordReset(email, { minimumMs: 150 })).resolves.toBeUndefined();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it("changes the password, uses the token up, voids the other reset links and ends every session", async () => {
    const { userId, email } = await account();
    await auth.startSession(userId);
    expect(await db.session.count({ where: { userId } })).toBe(2);
    await requestPasswordReset(email);
    await requestPasswordReset(email);
    const [first, second] = (await mailsTo(email))
      .filter((m) => /Reset/.test(m.subject))
      .map((m) => tokenIn(m, "reset-password"));
    // Reading a token's state changes nothing.
    expect((await resetTokenState(second)).status).toBe("valid");
    expect((await resetTokenState(second)).status).toBe("valid");

    expect(await resetPassword(second, NEW_PASSWORD)).toEqual({ ok: true, userId });
    expect(await db.session.count({ where: { userId } })).toBe(0);
    expect(await auth.logIn({ email, password: NEW_PASSWORD })).toEqual({ userId });
    expect(await auth.logIn({ email, password: PASSWORD })).toMatchObject({ field: "password" });
    // The link proved the address.
    expect((await emailStatus(userId)).verified).toBe(true);

    expect(await resetPassword(second, "yet another long password")).toEqual({ ok: false, state: "used" });
    expect(await resetPassword(first, "yet another long password")).toEqual({ ok: false, state: "used" });
    expect((await resetTokenState(first)).status).toBe("used");
  });

  it("refuses a weak password without using the token", async () => {
    const { email } = await account();
    await requestPasswordReset(email);
    const token = tokenIn(
      (await mailsTo(email)).find((m) => /Reset/.test(m.subject))!,
      "reset-password",
    );
    expect(await resetPassword(token, "aaaaaaaaaaaa")).toMatchObject({ ok: false, field: "newPassword" });
    expect((await resetTokenState(token)).status).toBe("valid");
  });

  it("refuses an expired or unknown token", async () => {
    const { email } = await account();
    await requestPasswordReset(email);
    const token = tokenIn(
      (await mailsTo(email)).find((m) => /Reset/.test(m.subject))!,
      "reset-password",
    );
    await db.emailToken.update({
      where: { tokenHash: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, state: "expired" });
    expect(await resetPassword("A".repeat(43), NEW_PASSWORD)).toEqual({ ok: false, state: "unknown" });
    expect(await resetPassword("not a token", NEW_PASSWORD)).toEqual({ ok: false, state: "unknown" });
  });

  it("lets only one of two requests racing with the same link through", async () => {
    const { email } = await account();
    await requestPasswordReset(email);
    const token = tokenIn(
      (await mailsTo(email)).find((m) => /Reset/.test(m.subject))!,
      "reset-password",
    );
    const results = await Promise.all([
      resetPassword(token, NEW_PASSWORD),
      resetPassword(token, "a different long password"),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("verification of the address", () => {
  it("queues a link at sign-up, in the account's transaction; confirming it marks the address verified, once", async () => {
    const { userId, email } = await account();
    const [mail] = await mailsTo(email);
    expect(mail.subject).toMatch(/Confirm your e-mail address/);
    const token = tokenIn(mail, "verify-email");
    const row = await db.emailToken.findFirstOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row).toMatchObject({ userId, purpose: "verify", email });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeCloseTo(7 * 24 * 3600_000, -3);
    expect((await emailStatus(userId)).verified).toBe(false);
    expect((await verifyTokenState(token)).status).toBe("valid");
    expect((await emailStatus(userId)).verified).toBe(false);

    expect(await confirmEmail(token)).toEqual({ ok: true, email, changed: false });
    expect((await emailStatus(userId)).verified).toBe(true);
    expect(await confirmEmail(token)).toEqual({ ok: false, state: "used" });
    expect(await sendVerificationAgain(userId)).toBe("nothing-to-verify");
  });

  it("a reset token is not a verification token, nor the other way round", async () => {
    const { email } = await account();
    const verify = tokenIn((await mailsTo(email))[0], "verify-email");
    expect(await resetPassword(verify, NEW_PASSWORD)).toEqual({ ok: false, state: "unknown" });
  });

  it("sends the link again on request", async () => {
    const { userId, email } = await account();
    expect(await sendVerificationAgain(userId)).toBe("sent");
    expect((await mailsTo(email)).filter((m) => /Confirm your e-mail/.test(m.subject))).toHaveLength(2);
  });

  it("changes the address only once the new one is confirmed; the old one gets a notice and keeps working until then", async () => {
    const { userId, email } = await account();
    const newEmail = `changed.${email}`;
    expect(
      await auth.updateProfile(userId, { name: "Ama Mensah", email: newEmail, currentPassword: PASSWORD }),
    ).toBeNull();
    expect(await emailStatus(userId)).toMatchObject({ email, pendingEmail: newEmail });
    expect(await auth.logIn({ email, password: PASSWORD })).toEqual({ userId });
    const notice = (await mailsTo(email)).find((m) => /change of e-mail address/.test(m.subject));
    expect(notice?.text).toContain(newEmail);
    const [link] = await mailsTo(newEmail);
    expect(link.subject).toMatch(/Confirm your new e-mail address/);
    // The first sign-up link must never switch the address back afterwards.
    const signupToken = tokenIn((await mailsTo(email))[0], "verify-email");

    expect(await confirmEmail(tokenIn(link, "verify-email"))).toEqual({ ok: true, email: newEmail, changed: true });
    expect(await emailStatus(userId)).toMatchObject({ email: newEmail, verified: true, pendingEmail: null });
    expect(await auth.logIn({ email: newEmail, password: PASSWORD })).toEqual({ userId });
    expect(await auth.logIn({ email, password: PASSWORD })).toMatchObject({ field: "password" });
    expect(await confirmEmail(signupToken)).toEqual({ ok: false, state: "used" });
  });

  it("confirming the current address keeps a pending change pending", async () => {
    const { userId, email } = await account();
    const signupToken = tokenIn((await mailsTo(email))[0], "verify-email");
    await auth.updateProfile(userId, { name: "Ama Mensah", email: `later.${email}`, currentPassword: PASSWORD });
    expect(await confirmEmail(signupToken)).toMatchObject({ ok: true, changed: false });
    expect(await emailStatus(userId)).toMatchObject({ email, verified: true, pendingEmail: `later.${email}` });
  });

  it("only the newest change counts, and an address taken meanwhile is refused", async () => {
    const { userId, email } = await account();
    await auth.updateProfile(userId, { name: "Ama Mensah", email: `first.${email}`, currentPassword: PASSWORD });
    await auth.updateProfile(userId, { name: "Ama Mensah", email: `second.${email}`, currentPassword: PASSWORD });
    const first = tokenIn((await mailsTo(`first.${email}`))[0], "verify-email");
    const second = tokenIn((await mailsTo(`second.${email}`))[0], "verify-email");
    expect(await confirmEmail(first)).toEqual({ ok: false, state: "used" });
    // Someone else signs up with the new address before it is confirmed.
    await auth.signUp({ name: "Other", email: `second.${email}`, password: PASSWORD });
    expect(await confirmEmail(second)).toEqual({ ok: false, state: "taken" });
    expect((await emailStatus(userId)).email).toBe(email);
  });
});

describe("reminders setting", () => {
  it("is on by default and can be turned off", async () => {
    const { userId } = await account();
    expect((await emailStatus(userId)).reminders).toBe(true);
    await setEmailReminders(userId, false);
    expect((await emailStatus(userId)).reminders).toBe(false);
  });
});
