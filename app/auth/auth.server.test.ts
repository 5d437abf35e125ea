import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/db.server";
import * as auth from "./auth.server";

describe("accounts", () => {
  let userId = "";
  beforeAll(async () => {
    const result = await auth.signUp({ name: "Léa Ngũgĩ", email: " Lea@Example.org ", password: "correct horse battery" });
    if ("field" in result) throw new Error(result.message);
    userId = result.userId;
    // The account starts with a session, created in the same transaction.
    expect(result.setCookie).toMatch(/^gda_session=/);
    expect(await db.session.count({ where: { userId } })).toBe(1);
  });

  it("refuses a weak password at sign-up and writes nothing", async () => {
    const weak = await auth.signUp({ name: "Weak", email: "weak@example.org", password: "aaaaaaaaaaaa" });
    expect(weak).toEqual({ field: "password", message: expect.stringMatching(/repeated/) });
    expect(await db.user.count({ where: { email: "weak@example.org" } })).toBe(0);
  });

  it("stores an argon2id hash and a normalised e-mail, never the password", async () => {
    const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row.email).toBe("lea@example.org");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it("refuses a second account with the same e-mail", async () => {
    const again = await auth.signUp({ name: "Someone", email: "LEA@example.org", password: "another long password" });
    expect(again).toEqual({ field: "email", message: expect.stringMatching(/already exists/) });
  });

  it("gives the same answer for a wrong e-mail and a wrong password", async () => {
    const wrongPassword = await auth.logIn({ email: "lea@example.org", password: "not the password" });
    const wrongEmail = await auth.logIn({ email: "nobody@example.org", password: "correct horse battery" });
    expect(wrongPassword).toEqual(wrongEmail);
    expect(await auth.logIn({ email: "LEA@example.org", password: "correct horse battery" })).toEqual({ userId });
  });

  it("validates sessions, and logging out invalidates the session in the database", async () => {
    const cookie = await auth.startSession(userId);
    const header = cookie.split(";")[0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const signedIn = await auth.authenticate(header);
    expect(signedIn.user?.name).toBe("Léa Ngũgĩ");
    await auth.endSession(signedIn.session!.id);
    expect(await db.session.findUnique({ where: { id: signedIn.session!.id } })).toBeNull();
    const after = await auth.authenticate(header);
    expect(after.user).toBeNull();
    expect(after.setCookie).toMatch(/Max-Age=0/);
  });

  it("changing the password needs the current one and signs out other sessions", async () => {
    const mine = (await auth.authenticate((await auth.startSession(userId)).split(";")[0])).session!;
    const other = (await auth.authenticate((await auth.startSession(userId)).split(";")[0])).session!;
    const user = (await auth.authenticate(`gda_session=${mine.id}`)).user!;
    expect(await auth.changePassword(user, mine.id, { currentPassword: "wrong one", newPassword: "a new long password" })).toEqual({
      field: "currentPassword",
      message: expect.any(String),
    });
    expect(await auth.changePassword(user, mine.id, { currentPassword: "correct horse battery", newPassword: "lea@example.org" })).toEqual({
      field: "newPassword",
      message: expect.stringMatching(/e-mail/),
    });
    expect(await db.session.findUnique({ where: { id: other.id } })).not.toBeNull();
    expect(await auth.changePassword(user, mine.id, { currentPassword: "correct horse battery", newPassword: "a new long password" })).toBeNull();
    expect(await db.session.findUnique({ where: { id: other.id } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: mine.id } })).not.toBeNull();
    expect(await auth.logIn({ email: "lea@example.org", password: "a new long password" })).toEqual({ userId });
  });

  it("a new e-mail address needs the current password; a new name does not", async () => {
    expect(await auth.updateProfile(userId, { name: "Léa N.", email: "lea@example.org" })).toBeNull();
    expect(await auth.updateProfile(userId, { name: "Léa N.", email: "lea.new@example.org" })).toEqual({
      field: "currentPassword",
      message: expect.stringMatching(/Enter your current password/),
    });
    expect(await auth.updateProfile(userId, { name: "Léa N.", email: "lea.new@example.org", currentPassword: "wrong" })).toEqual({
      field: "currentPassword",
      message: expect.stringMatching(/not right/),
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe("lea@example.org");
    const other = await auth.signUp({ name: "Other", email: "taken@example.org", password: "another long password" });
    expect("userId" in other).toBe(true);
    expect(await auth.updateProfile(userId, { name: "Léa N.", email: "TAKEN@example.org", currentPassword: "a new long password" })).toEqual({
      field: "email",
      message: expect.stringMatching(/Another account/),
    });
    expect(await auth.updateProfile(userId, { name: "Léa Ngũgĩ", email: " Lea.New@example.org", currentPassword: "a new long password" })).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ email: "lea.new@example.org", name: "Léa Ngũgĩ" });
  });

  it("sends people back only to paths on this site", () => {
    expect(auth.safeRedirect("/courses/x?y=1#part")).toBe("/courses/x?y=1#part");
    expect(auth.safeRedirect(null, "/")).toBe("/");
    expect(auth.safeRedirect(undefined)).toBe("/learn");
    const bypasses = [
      "//evil.example",
      "https://evil.example",
      "/\t/evil.example/x",
      "/\t\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "\t//evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "/.//evil.example",
      "/./\\evil.example",
      "/%2F/evil.example/..//x",
      "///evil.example",
      "javascript:alert(1)",
      "data:text/html,hi",
      " /x",
      "evil.example",
      "/" + "a".repeat(3000),
    ];
    for (const to of bypasses) {
      const result = auth.safeRedirect(to);
      // Whatever comes back resolves to this site when a browser follows it.
      expect(new URL(result, "https://academy.example").origin, JSON.stringify(to)).toBe("https://academy.example");
      expect(result.startsWith("//") || result.startsWith("/\\"), JSON.stringify(to)).toBe(false);
    }
    expect(auth.safeRedirect("/\t/evil.example/x")).toBe("/learn");
  });

  it("percent-encodes what it returns, so it is always a valid header value", () => {
    expect(auth.safeRedirect("/🦄")).toBe("/%F0%9F%A6%84");
    expect(auth.safeRedirect("/a\u202Eb")).toBe("/a%E2%80%AEb");
    expect(auth.safeRedirect("/a\u0000b")).toBe("/a%00b");
    expect(auth.safeRedirect("/a\r\nSet-Cookie: x=1")).toBe("/aSet-Cookie:%20x=1");
    for (const to of ["/🦄", "/a\u202Eb", "/a\u0000b", "/x\r\ny", "/é?q=ü#ß"]) {
      expect(() => new Headers({ Location: auth.safeRedirect(to) })).not.toThrow();
    }
  });

  it("requireUser redirects to log-in with a return path; requireRole answers 403", async () => {
    const request = new Request("http://localhost/account?tab=1");
    let thrown: unknown;
    try {
      auth.requireUser(request, { auth: { user: null, session: null } });
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Faccount%3Ftab%3D1");
    const learner = { id: "u", email: "e", name: "n", isInstructor: false, isAdmin: false };
    try {
      auth.requireRole(request, { auth: { user: learner, session: null } }, "admin");
      thrown = null;
    } catch (e) {
      thrown = e;
    }
    expect((thrown as Response).status).toBe(403);
    expect(auth.hasRole({ ...learner, isAdmin: true }, "instructor")).toBe(true);
  });
});
