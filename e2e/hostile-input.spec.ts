// Every form and API of the app, fed hostile input: wrong content types, broken or oversized bodies,
// invalid UTF-8, odd types and unicode edge cases. Each answer is a 4xx with a reason, or the normal
// answer for harmless input, never a 5xx; and nothing is stored half-way.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { queryTestDb } from "./db";

const COURSE = "green-digital-action-essentials";
const QUIZ = "why-it-matters";
const ADMIN = { email: "admin@example.org", password: "admin-demo-2026" };
const RUN = `${Date.now().toString(36)}${process.pid}`;
const PASSWORD = "a long test password";

/** Unicode edge cases; each goes into every field in turn. */
const EDGE: Record<string, string> = {
  "bidi override": "Zoë \u202Egpj.exe\u202C",
  "zero-width": "a\u200Bb\u200C\u200Dc\uFEFF",
  NUL: "a\u0000b",
  "CR/LF": "line\r\nSet-Cookie: injected=1\r\n",
  emoji: "🌱👩🏽‍💻🏳️‍🌈 test",
  "10 000 characters": "y".repeat(10_000),
  "1 MB": "x".repeat(1024 * 1024),
};

const URLENCODED = { "Content-Type": "application/x-www-form-urlencoded" };
const encode = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

type Case = { label: string; options: Parameters<APIRequestContext["post"]>[1]; status?: number };

/** Bodies a form must refuse, with the status it must refuse them with. */
function wrongBodies(fields: Record<string, string>): Case[] {
  const form = encode(fields);
  return [
    {
      label: "JSON",
      options: { data: JSON.stringify(fields), headers: { "Content-Type": "application/json" } },
      status: 415,
    },
    { label: "text/plain", options: { data: form, headers: { "Content-Type": "text/plain" } }, status: 415 },
    { label: "no content type", options: { data: Buffer.from(form) }, status: 415 },
    {
      label: "broken multipart",
      options: {
        data: Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary'),
        headers: { "Content-Type": "multipart/form-data; boundary=XyZ" },
      },
      status: 400,
    },
    {
      label: "multipart without boundary",
      options: { data: Buffer.from("whatever"), headers: { "Content-Type": "multipart/form-data" } },
      status: 400,
    },
    {
      label: "invalid UTF-8 bytes",
      options: {
        data: Buffer.concat([Buffer.from(`${form}&name=`), Buffer.from([0xff, 0xfe, 0xc3, 0x28])]),
        headers: URLENCODED,
      },
      status: 400,
    },
    { label: "invalid UTF-8 escape", options: { data: `${form}&name=%C3%28`, headers: URLENCODED }, status: 400 },
    { label: "malformed escape", options: { data: `${form}&name=100%`, headers: URLENCODED }, status: 400 },
    {
      label: "a file",
      options: {
        multipart: { ...fields, file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("hello") } },
      },
      status: 400,
    },
    {
      label: "too many fields",
      options: { data: `${form}&${Array.from({ length: 300 }, (_, i) => `f${i}=1`).join("&")}`, headers: URLENCODED },
      status: 413,
    },
    {
      label: "oversized body (200 KiB)",
      options: { data: `${form}&pad=${"x".repeat(200 * 1024)}`, headers: URLENCODED },
      status: 413,
    },
    {
      label: "oversized body (5 MB)",
      options: { data: `${form}&pad=${"x".repeat(5 * 1024 * 1024)}`, headers: URLENCODED },
      status: 413,
    },
  ];
}

/** Harmless but odd input: the normal answer (a page or a redirect) or a 4xx with a reason. */
function oddBodies(fields: Record<string, string>): Case[] {
  const cases: Case[] = [];
  for (const name of Object.keys(fields)) {
    for (const [label, value] of Object.entries(EDGE)) {
      cases.push({ label: `${name}: ${label}`, options: { form: { ...fields, [name]: value } } });
      // A same-site path with the odd text in it.
      if (name === "redirectTo")
        cases.push({
          label: `${name}: a path with ${label}`,
          options: { form: { ...fields, [name]: `/learn${value}` } },
        });
      if (label === "emoji")
        cases.push({ label: `${name}: ${label}, as multipart`, options: { multipart: { ...fields, [name]: value } } });
    }
    cases.push({
      label: `${name}: missing`,
      options: { form: Object.fromEntries(Object.entries(fields).filter(([k]) => k !== name)) },
    });
    cases.push({
      label: `${name}: twice`,
      options: { data: `${encode(fields)}&${encodeURIComponent(name)}=again`, headers: URLENCODED },
    });
    cases.push({
      label: `${name}[]: as an array`,
      options: {
        data: `${encode(fields)}&${encodeURIComponent(name)}[]=1&${encodeURIComponent(name)}[]=2`,
        headers: URLENCODED,
      },
    });
  }
  cases.push({ label: "empty body", options: { data: "", headers: URLENCODED } });
  return cases;
}

/** Never a 5xx; a 4xx says why in words. */
async function expectSane(response: APIResponse, label: string) {
  const status = response.status();
  // Soft: one 5xx does not hide the others.
  expect.soft(status, `${label}: status ${status}`).toBeLessThan(500);
  if (status >= 400) {
    const text = (await response.text()).replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ");
    expect(text, `${label}: a reason`).toMatch(/[a-z]{3,}/i);
    expect(text, `${label}: not a generic failure`).not.toMatch(/Something went wrong/);
  }
  return status;
}

/** Posts every case; `strict`: the route reads a form, so the refusals must have their exact status. */
async function sendAll(ctx: APIRequestContext, path: string, cases: Case[], origin: string, strict = true) {
  const statuses: Record<string, number> = {};
  for (const c of cases) {
    const response = await ctx.post(path, {
      ...c.options,
      headers: { Origin: origin, ...c.options?.headers },
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    const status = await expectSane(response, `${path} ${c.label}`);
    if (strict && c.status) expect(status, `${path} ${c.label}`).toBe(c.status);
    statuses[c.label] = status;
  }
  return statuses;
}

async function signedUp(
  playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } },
  baseURL: string,
  prefix: string,
) {
  const ctx = await playwright.request.newContext({ baseURL });
  const account = { name: `Hostile ${prefix}`, email: `hostile-${prefix}-${RUN}@example.org`, password: PASSWORD };
  const response = await ctx.post("/signup", { form: account, headers: { Origin: baseURL }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return { ctx, account };
}

test.describe.configure({ mode: "parallel" });
test.setTimeout(180_000);

test("log-in form", async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const fields = { email: `nobody-${RUN}@example.org`, password: "wrong password", redirectTo: "/learn" };
  await sendAll(anon, "/login", wrongBodies(fields), baseURL!);
  // Odd values for one unknown account: the per-account lockout may answer 429 part-way, which is fine.
  await sendAll(anon, "/login", oddBodies(fields), baseURL!);
  expect(await anon.storageState().then((s) => s.cookies.length)).toBe(0);
});

test("sign-up form, and no account is stored half-way", async ({ playwright, baseURL }) => {
  const fields = {
    name: "Hostile Signup",
    email: `hostile-signup-${RUN}@example.org`,
    password: PASSWORD,
    redirectTo: "/learn",
  };
  const anon = await playwright.request.newContext({ baseURL });
  await sendAll(anon, "/signup", wrongBodies(fields), baseURL!);
  expect(queryTestDb("SELECT id FROM User WHERE email LIKE ?", `hostile-signup-${RUN}%`)).toEqual([]);

  // Odd values: each from a fresh, signed-out context and with its own e-mail address.
  const created: { email: string; password: string }[] = [];
  let n = 0;
  for (const c of oddBodies(fields)) {
    const ctx = await playwright.request.newContext({ baseURL });
    const own = (v: string) => v.replace(`hostile-signup-${RUN}`, `hostile-signup-${RUN}-${n++}`);
    const options = { ...c.options };
    if (options.form)
      options.form = Object.fromEntries(
        Object.entries(options.form).map(([k, v]) => [k, k === "email" ? own(String(v)) : v]),
      );
    if (options.multipart)
      options.multipart = Object.fromEntries(
        Object.entries(options.multipart).map(([k, v]) => [k, k === "email" ? own(String(v)) : v]),
      ) as typeof options.multipart;
    if (typeof options.data === "string")
      options.data = options.data.replace(
        encodeURIComponent(`hostile-signup-${RUN}`),
        encodeURIComponent(`hostile-signup-${RUN}-${n++}`),
      );
    const response = await ctx.post("/signup", {
      ...options,
      headers: { Origin: baseURL!, ...options.headers },
      maxRedirects: 0,
    });
    const status = await expectSane(response, `/signup ${c.label}`);
    if (status === 302) {
      const fields = (options.form ?? options.multipart ?? {}) as Record<string, unknown>;
      const email =
        new URLSearchParams(typeof options.data === "string" ? options.data : "").get("email") ?? String(fields.email);
      created.push({ email: email.trim().toLowerCase(), password: String(fields.password ?? PASSWORD) });
    }
    await ctx.dispose();
  }

  // Every stored account is a whole, working one: a real hash, a name, and a log-in that works.
  const rows = queryTestDb<{ email: string; name: string; passwordHash: string }>(
    "SELECT email, name, passwordHash FROM User WHERE email LIKE ?",
    `hostile-signup-${RUN}%`,
  );
  expect(rows.map((r) => r.email).sort()).toEqual(created.map((c) => c.email).sort());
  for (const row of rows) {
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.name.trim()).not.toBe("");
    expect(row.name).not.toContain("\u0000");
  }
  for (const account of created) {
    const ctx = await playwright.request.newContext({ baseURL });
    const response = await ctx.post("/login", {
      form: { email: account.email, password: account.password },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(response.status(), `log in as ${account.email}`).toBe(302);
    await ctx.dispose();
  }
});

test("account profile and password forms", async ({ playwright, baseURL }) => {
  const { ctx, account } = await signedUp(playwright, baseURL!, "account");
  const profile = { intent: "profile", name: account.name, email: account.email };
  // A wrong current password throughout, so that no hostile value can become the password.
  const password = {
    intent: "password",
    currentPassword: "not my password",
    newPassword: "another long password",
    confirmPassword: "another long password",
  };
  await sendAll(ctx, "/account", wrongBodies(profile), baseURL!);
  await sendAll(ctx, "/account", wrongBodies(password), baseURL!);
  await sendAll(ctx, "/account", oddBodies(password), baseURL!);
  const before = queryTestDb<{ id: string; passwordHash: string }>(
    "SELECT id, passwordHash FROM User WHERE email = ?",
    account.email,
  )[0];
  await sendAll(ctx, "/account", oddBodies(profile), baseURL!);

  const rows = queryTestDb<{ name: string; email: string; passwordHash: string }>(
    "SELECT name, email, passwordHash FROM User WHERE id = ?",
    before.id,
  );
  expect(rows[0].passwordHash).toBe(before.passwordHash);
  expect(rows[0].name).not.toContain("\u0000");
  expect(rows[0].name.length).toBeLessThanOrEqual(120);
  // The password is unchanged.
  const fresh = await playwright.request.newContext({ baseURL });
  const login = await fresh.post("/login", {
    form: { email: rows[0].email, password: PASSWORD },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(login.status()).toBe(302);
});

test("enrol, mark a lesson complete, start and submit a quiz", async ({ playwright, baseURL }) => {
  const { ctx, account } = await signedUp(playwright, baseURL!, "learner");
  const enrol = await ctx.post(`/courses/${COURSE}`, { form: {}, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(enrol.status()).toBe(302);
  const lesson = enrol.headers().location;
  expect(lesson).toMatch(new RegExp(`^/courses/${COURSE}/`));

  // These actions take no fields: odd bodies are ignored, but oversized ones are still refused.
  for (const path of [`/courses/${COURSE}`, lesson]) {
    const statuses = await sendAll(ctx, path, [...wrongBodies({ a: "1" }), ...oddBodies({ a: "1" })], baseURL!, false);
    expect(statuses["oversized body (5 MB)"]).toBe(413);
  }

  const quiz = `/courses/${COURSE}/quiz/${QUIZ}`;
  await sendAll(ctx, quiz, wrongBodies({ intent: "start" }), baseURL!);
  expect(
    (await ctx.post(quiz, { form: { intent: "start" }, headers: { Origin: baseURL! }, maxRedirects: 0 })).status(),
  ).toBe(302);
  const open = queryTestDb<{ id: string; layout: string }>(
    "SELECT a.id, a.layout FROM QuizAttempt a JOIN User u ON u.id = a.userId WHERE u.email = ? AND a.submittedAt IS NULL",
    account.email,
  );
  expect(open).toHaveLength(1);
  const layout = JSON.parse(open[0].layout) as { question: string; options: string[] }[];
  const answers = Object.fromEntries(layout.map((l) => [l.question, l.options[0] ?? "true"]));
  await sendAll(ctx, quiz, wrongBodies({ attempt: open[0].id, ...answers }), baseURL!);
  // Odd values in every field, the attempt ID included (without "confirm", nothing is submitted half-answered).
  await sendAll(
    ctx,
    quiz,
    oddBodies({ attempt: open[0].id, [layout[0].question]: layout[0].options[0] ?? "true" }),
    baseURL!,
  );

  // Nothing half-stored: every attempt is either open with no answers, or submitted with answers and a score.
  const attempts = queryTestDb<{
    submittedAt: string | null;
    answers: string | null;
    score: number | null;
    passed: number | null;
  }>(
    "SELECT a.submittedAt, a.answers, a.score, a.passed FROM QuizAttempt a JOIN User u ON u.id = a.userId WHERE u.email = ?",
    account.email,
  );
  for (const a of attempts) {
    if (a.submittedAt === null) expect(a).toMatchObject({ answers: null, score: null, passed: null });
    else expect(a.score !== null && a.answers !== null && a.passed !== null).toBe(true);
  }
});

test("admin revoke form", async ({ playwright, baseURL }) => {
  const admin = await playwright.request.newContext({ baseURL });
  expect((await admin.post("/login", { form: ADMIN, headers: { Origin: baseURL! }, maxRedirects: 0 })).status()).toBe(
    302,
  );
  const revokedBefore = queryTestDb<{ n: number }>(
    "SELECT COUNT(*) AS n FROM Certificate WHERE revokedAt IS NOT NULL",
  )[0].n;
  const fields = { id: "ABCD-EFGH-JKMN-PQRS", reason: "Hostile input test" };
  await sendAll(admin, "/admin/certificates", wrongBodies(fields), baseURL!);
  await sendAll(admin, "/admin/certificates", oddBodies(fields), baseURL!);
  expect(queryTestDb<{ n: number }>("SELECT COUNT(*) AS n FROM Certificate WHERE revokedAt IS NOT NULL")[0].n).toBe(
    revokedBefore,
  );
});

test("verify pages and APIs", async ({ request }) => {
  const ids = [
    ...Object.values(EDGE).map((v) => encodeURIComponent(v.slice(0, 2000))),
    "%FF",
    "%E0%A4%A",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "ABCD-EFGH-JKMN-PQRS",
  ];
  for (const id of ids) {
    for (const path of [
      `/verify/${id}`,
      `/api/verify/${id}`,
      `/verify/${id}/credential.jwt`,
      `/certificates/${id}.pdf`,
      `/verify?id=${id}`,
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      await expectSane(response, `GET ${path.slice(0, 80)}`);
    }
  }
  const api = await request.get("/api/verify/ABCD-EFGH-JKMN-PQRS");
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ status: "not-found" });
});

test("log-out", async ({ playwright, baseURL }) => {
  const { ctx } = await signedUp(playwright, baseURL!, "logout");
  const statuses = await sendAll(
    ctx,
    "/logout",
    [...wrongBodies({ a: "1" }), ...oddBodies({ a: "1" })],
    baseURL!,
    false,
  );
  expect(statuses["oversized body (5 MB)"]).toBe(413);
  expect(statuses["JSON"]).toBe(302);
});
