import { describe, expect, it } from "vitest";
import { signUp } from "~/auth/auth.server";
import { db } from "~/db/db.server";
import { loader as devMailLoader } from "./dev.mail";
import { action } from "./forgot-password";

async function ask(email: string, ip = "203.0.113.7") {
  const request = new Request("http://localhost/forgot-password", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email }),
  });
  const started = Date.now();
  const result = (await action({ request, params: {}, context: { clientIp: ip } } as never)) as unknown as {
    data: unknown;
    init: { status: number } | null;
  };
  return { body: JSON.stringify(result.data), status: result.init?.status, ms: Date.now() - started };
}

describe("forgot-password", () => {
  it("answers the same, in about the same time, whether or not an account has the address", async () => {
    const created = await signUp({ name: "Kofi Boateng", email: "kofi@example.org", password: "a long test password" });
    expect("userId" in created).toBe(true);
    await ask("warm-up@example.org", "203.0.113.99"); // the first request loads modules and prepares queries
    const before = await db.outboxMessage.count();
    const known = await ask("kofi@example.org");
    const unknown = await ask("nobody-here@example.org");
    expect(known.status).toBe(200);
    expect(unknown).toMatchObject({ status: known.status, body: known.body });
    expect(known.ms).toBeGreaterThanOrEqual(390);
    expect(unknown.ms).toBeGreaterThanOrEqual(390);
    expect(Math.abs(known.ms - unknown.ms)).toBeLessThan(150);
    expect(await db.outboxMessage.count()).toBe(before + 1);
  });

  it("answers 400 with the reason for an invalid address", async () => {
    const r = await ask("not-an-address");
    expect(r.status).toBe(400);
    expect(r.body).toContain("Enter an e-mail address like name@example.org.");
  });

  it("sends at most three reset e-mails an hour to one address, answering the same", async () => {
    await signUp({ name: "Efua Owusu", email: "efua@example.org", password: "a long test password" });
    const count = () => db.outboxMessage.count({ where: { payload: { contains: "Reset your password" } } });
    const before = await count();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask("efua@example.org", `198.51.100.${i}`));
    expect(new Set(answers.map((a) => `${a.status} ${a.body}`)).size).toBe(1);
    expect((await count()) - before).toBe(3);
  });
});

describe("dev/mail", () => {
  it("does not exist in production", async () => {
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await expect(devMailLoader({} as never)).rejects.toMatchObject({ status: 404 });
    } finally {
      process.env.NODE_ENV = env;
    }
  });
});
