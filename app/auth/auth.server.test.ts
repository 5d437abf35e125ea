import { describe, expect, it, vi } from "vitest";
import { db } from "~/db/db.server";
import { Prisma } from "~/generated/prisma/client";
import * as auth from "./auth.server";

const PASSWORD = "correct horse battery";
const DAY = 24 * 60 * 60 * 1000;
let accounts = 0;

/** A new account of its own for each test, so tests do not depend on one another. */
async function account(name = "Léa Ngũgĩ") {
  const email = `learner${++accounts}@example.org`;
  const result = await auth.signUp({ name, email, password: PASSWORD });
  if ("field" in result) throw new Error(result.problem.key);
  return { ...result, email, cookie: result.setCookie.split(";")[0] };
}

/** What a route handler threw: a redirect or an error response. */
function thrown(fn: () => unknown): Response {
  try {
    fn();
  } catch (e) {
    return e as Response;
  }
  throw new Error("nothing was thrown");
}

async function rejected(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (e) {
    return e as Response;
  }
  throw new Error("nothing was thrown");
}

const learner: auth.AuthUser = {
  id: "u",
  email: "e@example.org",
  name: "n",
  isInstructor: false,
  isAdmin: false,
  inOrganisation: false,
  dataSaver: false,
  language: null,
};
const instructor = { ...learner, isInstructor: true };
const admin = { ...learner, isAdmin: true };
const asking = (user: auth.AuthUser | null) => ({ auth: { user, session: user ? ({ id: "s1" } as never) : null } });

describe("accounts", () => {
  it("sign-up creates the account and a 30-day session together, with the name tidied and the e-mail normalised", async () => {
    const before = Date.now();
    const result = await auth.signUp({ name: "  Léa Ngũgĩ ", email: " Lea.Signup@Example.org ", password: PASSWORD });
    if ("field" in result) throw new Error(result.problem.key);
    expect(result.setCookie).toMatch(/^gda_session=/);
    const sessions = await db.session.findMany({ where: { userId: result.userId } });
    expect(sessions).toHaveLength(1);
    expect(result.setCookie.split(";")[0]).toBe(`gda_session=${sessions[0].id}`);
    const lifetime = sessions[0].expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThan(30 * DAY - 60_000);
    expect(lifetime).toBeLessThan(30 * DAY + 60_000);
    const signedIn = await auth.authenticate(result.setCookie.split(";")[0]);
    expect(signedIn.user).toEqual({
      id: result.userId,
      email: "lea.signup@example.org",
      name: "Léa Ngũgĩ",
      isInstructor: false,
      isAdmin: false,
      inOrganisation: false,
      dataSaver: false,
      language: null,
    });
  });

  it("refuses a weak password at sign-up and writes nothing", async () => {
    const weak = await auth.signUp({ name: "Weak", email: "weak@example.org", password: "aaaaaaaaaaaa" });
    expect(weak).toEqual({ field: "password", problem: { key: "account:problems.password.repeated" } });
    expect(await db.user.count({ where: { email: "weak@example.org" } })).toBe(0);
  });

  it("stores an argon2id hash and a normalised e-mail, never the password", async () => {
    const { userId, email } = await account();
    const row = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(row.email).toBe(email);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
  });

  it("refuses a second account with the same e-mail, whatever its case", async () => {
    const { email } = await account();
    const again = await auth.signUp({ name: "Someone", email: email.toUpperCase(), password: "another long password" });
    expect(again).toEqual({ field: "email", problem: { key: "account:problems.emailTaken" } });
    expect(await db.user.count({ where: { name: "Someone" } })).toBe(0);
  });

  it("gives the same answer for a wrong e-mail and a wrong password", async () => {
    const { userId, email } = await account();
    const wrongPassword = await auth.logIn({ email, password: "not the password" });
    const wrongEmail = await auth.logIn({ email: "nobody@example.org", password: PASSWORD });
    expect(wrongPassword).toEqual({ field: "password", problem: auth.WRONG_CREDENTIALS });
    expect(wrongEmail).toEqual(wrongPassword);
    expect(await auth.logIn({ email: ` ${email.toUpperCase()}`, password: PASSWORD })).toEqual({ userId });
  });
});

describe("sessions", () => {
  it("validates sessions, and logging out invalidates the session in the database", async () => {
    const { userId } = await account();
    const cookie = await auth.startSession(userId);
    const header = cookie.split(";")[0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Not in production and COOKIE_SECURE unset: plain http works for local development.
    expect(cookie).not.toMatch(/Secure/);
    const signedIn = await auth.authenticate(header);
    expect(signedIn.user?.name).toBe("Léa Ngũgĩ");
    expect(signedIn.setCookie).toBeUndefined();
    const cleared = await auth.endSession(signedIn.session!.id);
    expect(cleared).toMatch(/^gda_session=;.*Max-Age=0/);
    expect(await db.session.findUnique({ where: { id: signedIn.session!.id } })).toBeNull();
    const after = await auth.authenticate(header);
    expect(after).toEqual({ user: null, session: null, setCookie: expect.stringMatching(/Max-Age=0/) });
  });

  it("a request without a session cookie is anonymous and sets no cookie", async () => {
    expect(await auth.authenticate(undefined)).toEqual({ user: null, session: null });
    expect(await auth.authenticate("other=1")).toEqual({ user: null, session: null });
    expect(await auth.endSession(undefined)).toMatch(/Max-Age=0/);
  });

  it("a session past half its life is renewed for another 30 days", async () => {
    const { userId } = await account();
    const cookie = (await auth.startSession(userId)).split(";")[0];
    const id = cookie.slice("gda_session=".length);
    await db.session.update({ where: { id }, data: { expiresAt: new Date(Date.now() + 10 * DAY) } });
    const renewed = await auth.authenticate(cookie);
    expect(renewed.user?.id).toBe(userId);
    expect(renewed.setCookie).toMatch(new RegExp(`^gda_session=${id};`));
    const row = await db.session.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29 * DAY);
  });

  it("the cookie is Secure in production and when COOKIE_SECURE=true, and not when COOKIE_SECURE=false", async () => {
    const cookieWith = async (env: Record<string, string>) => {
      vi.resetModules();
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
      try {
        const fresh = await import("./auth.server");
        return fresh.lucia.createBlankSessionCookie().serialize();
      } finally {
        vi.unstubAllEnvs();
      }
    };
    expect(await cookieWith({ NODE_ENV: "production", COOKIE_SECURE: "" })).toBe(
      "gda_session=; HttpOnly; Max-Age=0; Path=/; SameSite=Lax; Secure",
    );
    expect(await cookieWith({ NODE_ENV: "development", COOKIE_SECURE: "true" })).toMatch(/Secure/);
    expect(await cookieWith({ NODE_ENV: "production", COOKIE_SECURE: "false" })).not.toMatch(/Secure/);
    expect(await cookieWith({ NODE_ENV: "development", COOKIE_SECURE: "" })).not.toMatch(/Secure/);
  });
});

describe("changing account details", () => {
  it("changing the password needs the current one and signs out this account's other sessions only", async () => {
    const { userId, email } = await account();
    const someoneElse = await account("Someone Else");
    const mine = (await auth.authenticate((await auth.startSession(userId)).split(";")[0])).session!;
    const other = (await auth.authenticate((await auth.startSession(userId)).split(";")[0])).session!;
    const user = (await auth.authenticate(`gda_session=${mine.id}`)).user!;
    expect(
      await auth.changePassword(user, mine.id, { currentPassword: "wrong one", newPassword: "a new long password" }),
    ).toEqual({
      field: "currentPassword",
      problem: { key: "account:problems.currentPasswordWrong" },
    });
    expect(await auth.changePassword(user, mine.id, { currentPassword: PASSWORD, newPassword: email })).toEqual({
      field: "newPassword",
      problem: { key: "account:problems.password.isEmail" },
    });
    expect(await auth.logIn({ email, password: PASSWORD })).toEqual({ userId });
    expect(await db.session.findUnique({ where: { id: other.id } })).not.toBeNull();
    expect(
      await auth.changePassword(user, mine.id, { currentPassword: PASSWORD, newPassword: "a new long password" }),
    ).toBeNull();
    expect(await db.session.findUnique({ where: { id: other.id } })).toBeNull();
    expect(await db.session.findUnique({ where: { id: mine.id } })).not.toBeNull();
    expect(await db.session.count({ where: { userId: someoneElse.userId } })).toBe(1);
    expect(await auth.logIn({ email, password: "a new long password" })).toEqual({ userId });
    expect(await auth.logIn({ email, password: PASSWORD })).toEqual({
      field: "password",
      problem: auth.WRONG_CREDENTIALS,
    });
  });

  it("a new name needs no password and is tidied; a new e-mail address needs the current password", async () => {
    const { userId, email } = await account();
    expect(await auth.updateProfile(userId, { name: " Léa N. ", email: email.toUpperCase() })).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ name: "Léa N.", email });
    const newEmail = `new.${email}`;
    expect(await auth.updateProfile(userId, { name: "Léa N.", email: newEmail })).toEqual({
      field: "currentPassword",
      problem: { key: "account:problems.currentPasswordForEmail" },
    });
    expect(await auth.updateProfile(userId, { name: "Léa N.", email: newEmail, currentPassword: "wrong" })).toEqual({
      field: "currentPassword",
      problem: { key: "account:problems.currentPasswordWrong" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).email).toBe(email);
    expect(
      await auth.updateProfile(userId, {
        name: "Léa Ngũgĩ",
        email: ` ${newEmail.toUpperCase()}`,
        currentPassword: PASSWORD,
      }),
    ).toBeNull();
    // The new address takes effect only once the link sent to it is opened (account-email.server.test.ts).
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ email, name: "Léa Ngũgĩ" });
    expect(await db.emailToken.count({ where: { userId, purpose: "verify", email: newEmail } })).toBe(1);
  });

  it("an e-mail address another account uses cannot be taken", async () => {
    const { userId, email } = await account();
    const other = await account("Other");
    expect(
      await auth.updateProfile(userId, { name: "Léa N.", email: other.email.toUpperCase(), currentPassword: PASSWORD }),
    ).toEqual({
      field: "email",
      problem: { key: "account:problems.emailInUse" },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ email, name: "Léa Ngũgĩ" });
  });
});

describe("where people are sent back to", () => {
  it("sends people back only to paths on this site", () => {
    expect(auth.safeRedirect("/courses/x?y=1#part")).toBe("/courses/x?y=1#part");
    expect(auth.safeRedirect("/")).toBe("/");
    expect(auth.safeRedirect(null, "/")).toBe("/");
    expect(auth.safeRedirect(undefined)).toBe("/learn");
    expect(auth.safeRedirect(new File(["/x"], "x"))).toBe("/learn");
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
      "",
      "/" + "a".repeat(3000),
    ];
    for (const to of bypasses) {
      const result = auth.safeRedirect(to, "/fallback");
      // Whatever comes back resolves to this site when a browser follows it.
      expect(new URL(result, "https://academy.example").origin, JSON.stringify(to)).toBe("https://academy.example");
      expect(result.startsWith("//") || result.startsWith("/\\"), JSON.stringify(to)).toBe(false);
    }
    for (const to of [
      "//evil.example",
      "/\\evil.example",
      "/.//evil.example",
      "/\t/evil.example/x",
      "https://evil.example",
      " /x",
      "",
    ]) {
      expect(auth.safeRedirect(to, "/fallback"), JSON.stringify(to)).toBe("/fallback");
    }
  });

  it("accepts a path of up to 2000 characters", () => {
    const longest = "/" + "a".repeat(1999);
    expect(auth.safeRedirect(longest)).toBe(longest);
    expect(auth.safeRedirect(longest + "a")).toBe("/learn");
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
});

describe("who may see a page", () => {
  it("requireUser returns the signed-in user, or redirects to log-in with a return path", () => {
    const request = new Request("http://localhost/account?tab=1");
    expect(auth.requireUser(request, asking(learner))).toBe(learner);
    expect(auth.getUser({})).toBeNull();
    for (const context of [asking(null), {}]) {
      const response = thrown(() => auth.requireUser(request, context));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount%3Ftab%3D1");
    }
  });

  it("instructors and admins may see instructor pages; only admins see admin pages", () => {
    expect([learner, instructor, admin].map((u) => auth.hasRole(u, "instructor"))).toEqual([false, true, true]);
    expect([learner, instructor, admin].map((u) => auth.hasRole(u, "admin"))).toEqual([false, false, true]);
  });

  it("requireRole lets the right people through, answers 403 to others and sends anonymous visitors to log in", async () => {
    const request = new Request("http://localhost/admin");
    expect(await auth.requireRole(request, asking(admin), "admin")).toBe(admin);
    expect(await auth.requireRole(request, asking(instructor), "instructor")).toBe(instructor);
    expect(await auth.requireRole(request, asking(admin), "instructor")).toBe(admin);
    const forbidden = await rejected(auth.requireRole(request, asking(instructor), "admin"));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toBe("This page is for admins only.");
    const notInstructor = await rejected(auth.requireRole(request, asking(learner), "instructor"));
    expect(notInstructor.status).toBe(403);
    expect(await notInstructor.text()).toBe("This page is for instructors only.");
    expect((await rejected(auth.requireRole(request, asking(null), "admin"))).status).toBe(302);
  });

  it("requireRole words its 403 in the reader's language: their choice, else the browser's", async () => {
    const browserFrench = new Request("http://localhost/admin", { headers: { "Accept-Language": "fr-FR,fr;q=0.9" } });
    const inFrench = await rejected(auth.requireRole(browserFrench, asking(learner), "instructor"));
    expect(await inFrench.text()).toBe("Cette page est réservée aux formateurs.");
    const inArabic = await rejected(
      auth.requireRole(browserFrench, asking({ ...instructor, language: "ar" }), "admin"),
    );
    expect(inArabic.status).toBe(403);
    expect(await inArabic.text()).toBe("هذه الصفحة مخصّصة للمشرفين فقط.");
  });

  it("requireSession gives the user and the id of the session asking", () => {
    const request = new Request("http://localhost/account");
    expect(auth.requireSession(request, asking(learner))).toEqual({ user: learner, sessionId: "s1" });
    expect(thrown(() => auth.requireSession(request, asking(null))).status).toBe(302);
  });
});

describe("what sign-up and profile changes refuse", () => {
  it("refuses a password made of the person's own e-mail address", async () => {
    const email = "mirembe.okafor@example.org";
    expect(await auth.signUp({ name: "Mirembe Okafor", email, password: email })).toEqual({
      field: "password",
      problem: { key: "account:problems.password.isEmail" },
    });
    expect(await auth.signUp({ name: "Mirembe Okafor", email, password: "Mirembe.Okafor" })).toEqual({
      field: "password",
      problem: { key: "account:problems.password.isEmail" },
    });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("reports a database failure other than a taken e-mail as a failure, not as a taken e-mail", async () => {
    const failures = [
      new Prisma.PrismaClientKnownRequestError("Foreign key constraint failed", { code: "P2003", clientVersion: "7" }),
      new Error("disk I/O error"),
    ];
    const { userId, email } = await account();
    // Each failure happens once; otherwise the client works as usual.
    const transaction = vi.spyOn(db, "$transaction");
    const update = vi.spyOn(db.user, "update");
    for (const failure of failures) {
      transaction.mockRejectedValueOnce(failure);
      await expect(auth.signUp({ name: "Failing", email: "failing@example.org", password: PASSWORD })).rejects.toBe(
        failure,
      );
    }
    for (const failure of failures) {
      update.mockRejectedValueOnce(failure);
      await expect(auth.updateProfile(userId, { name: "Changed", email })).rejects.toBe(failure);
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({ name: "Léa Ngũgĩ" });
    transaction.mockRestore();
    update.mockRestore();
  });
});
