// The account page's language setting: saved in the account and in the browser's cookie, then the
// page comes in that language; a value that is not one of the interface languages is refused.
import { describe, expect, it } from "vitest";
import { authenticate, signUp } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { action, loader } from "./account";

async function signedIn(email: string) {
  const created = await signUp({ name: "Amina Haddad", email, password: "a long test password" });
  if (!("userId" in created)) throw new Error("sign-up failed");
  const cookie = created.setCookie.split(";")[0]!;
  const context = async () => ({ auth: await authenticate(cookie), cspNonce: "n", clientIp: "127.0.0.1" });
  return { userId: created.userId, cookie, context };
}

const post = (cookie: string, fields: Record<string, string>) =>
  new Request("http://localhost/account", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields),
  });

/** The action's answer: a thrown redirect, or data with its status. */
async function answer(request: Request, context: object) {
  try {
    const result = (await action({ request, params: {}, context } as never)) as unknown as {
      data: { intent: string; result?: { error?: Record<string, string[]> } };
      init: { status: number } | null;
    };
    return { status: result.init?.status ?? 200, data: result.data, headers: new Headers() };
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    return { status: thrown.status, data: null, headers: thrown.headers };
  }
}

describe("account: language", () => {
  it("saves the chosen language in the account and the cookie, and the page then comes in it", async () => {
    const { userId, cookie, context } = await signedIn("amina@example.org");
    const saved = await answer(post(cookie, { intent: "language", language: "fr" }), await context());
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/account?language=fr#language-heading");
    expect(saved.headers.get("Set-Cookie")).toMatch(/^gda_lang=/);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).language).toBe("fr");

    const request = new Request("http://localhost/account?language=fr", {
      headers: { Cookie: cookie, "Accept-Language": "en" },
    });
    const page = await loader({ request, params: {}, context: await context() } as never);
    expect(page).toMatchObject({ language: "fr", title: "Votre compte · Green Digital Academy" });
  });

  it("answers 400 with the reason next to the field for a language that is not offered", async () => {
    const { userId, cookie, context } = await signedIn("karim@example.org");
    const refused = await answer(post(cookie, { intent: "language", language: "de" }), await context());
    expect(refused.status).toBe(400);
    expect(refused.data?.intent).toBe("language");
    expect(refused.data?.result?.error).toEqual({ language: ["Choose one of the languages offered."] });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).language).toBeNull();
  });
});
