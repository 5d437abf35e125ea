import { describe, expect, it } from "vitest";
import { languageCookie } from "~/i18n/language.server";
import { readForm, type ReadFormOptions } from "./form.server";

type Context = Parameters<typeof readForm>[0]["context"];
/** Nobody signed in. */
const anonymous = {} as Context;
const read = (request: Request, options?: ReadFormOptions, context = anonymous) =>
  readForm({ request, context }, options);

const url = "http://localhost/form";
const post = (body: BodyInit | null, contentType?: string, extra: Record<string, string> = {}) =>
  new Request(url, {
    method: "POST",
    body,
    headers: { ...(contentType ? { "Content-Type": contentType } : {}), ...extra },
  });

async function refusal(request: Request, options?: ReadFormOptions, context = anonymous) {
  try {
    await read(request, options, context);
  } catch (e) {
    if (e instanceof Response) return { status: e.status, reason: await e.text() };
    throw e;
  }
  throw new Error("readForm accepted the request");
}

const multipart = (boundary: string, parts: [string, string][]) =>
  parts.map(([n, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${n}"\r\n\r\n${v}\r\n`).join("") +
  `--${boundary}--\r\n`;

describe("readForm", () => {
  it("reads an url-encoded form, with + as space and UTF-8 escapes", async () => {
    const form = await read(
      post("name=Zo%C3%AB+Al-Hassan&email=a%40b.org&empty=&flag", "application/x-www-form-urlencoded;charset=UTF-8"),
    );
    expect(Object.fromEntries(form)).toEqual({ name: "Zoë Al-Hassan", email: "a@b.org", empty: "", flag: "" });
  });

  it("keeps repeated fields and unusual but valid text", async () => {
    const value = "\u202Eevil\u200B 🌱 \r\n";
    const body = new URLSearchParams([
      ["a", "1"],
      ["a", "2"],
      ["t", value],
    ]);
    const form = await read(post(body.toString(), "application/x-www-form-urlencoded"));
    expect(form.getAll("a")).toEqual(["1", "2"]);
    expect(form.get("t")).toBe(value);
  });

  it("reads a multipart form", async () => {
    const form = await read(
      post(
        multipart("XyZ", [
          ["name", "Zoë"],
          ["email", "a@b.org"],
        ]),
        "multipart/form-data; boundary=XyZ",
      ),
    );
    expect(Object.fromEntries(form)).toEqual({ name: "Zoë", email: "a@b.org" });
  });

  it("refuses other content types with 415", async () => {
    for (const type of ["application/json", "text/plain", undefined]) {
      const r = await refusal(post('{"email":"a@b.org"}', type));
      expect(r.status).toBe(415);
      expect(r.reason).toMatch(/application\/x-www-form-urlencoded/);
    }
  });

  it("refuses a declared or streamed body over the limit with 413", async () => {
    const big = "a=" + "x".repeat(70 * 1024);
    expect(await refusal(post(big, "application/x-www-form-urlencoded"))).toMatchObject({ status: 413 });
    // No Content-Length: counted while reading, and reading stops.
    let pulled = 0;
    const chunk = new TextEncoder().encode("x".repeat(16 * 1024));
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(chunk);
      },
    });
    const request = new Request(url, {
      method: "POST",
      body: endless,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(await refusal(request)).toMatchObject({ status: 413 });
    expect(pulled).toBeLessThan(10);
    expect((await read(post("a=1", "application/x-www-form-urlencoded"), { maxBytes: 3 })).get("a")).toBe("1");
  });

  it("refuses invalid UTF-8, raw or %-escaped, and malformed escapes with 400", async () => {
    const raw = new Uint8Array([...new TextEncoder().encode("name="), 0xff, 0xfe]);
    expect(await refusal(post(raw, "application/x-www-form-urlencoded"))).toMatchObject({ status: 400 });
    expect(await refusal(post("name=%FF%FE", "application/x-www-form-urlencoded"))).toMatchObject({ status: 400 });
    expect(await refusal(post("name=%ED%A0%80", "application/x-www-form-urlencoded"))).toMatchObject({ status: 400 });
    expect(await refusal(post("name=100%", "application/x-www-form-urlencoded"))).toMatchObject({ status: 400 });
    const mp = new Uint8Array([
      ...new TextEncoder().encode('--B\r\nContent-Disposition: form-data; name="n"\r\n\r\n'),
      0xc3,
      0x28,
      ...new TextEncoder().encode("\r\n--B--\r\n"),
    ]);
    expect(await refusal(post(mp, "multipart/form-data; boundary=B"))).toMatchObject({
      status: 400,
      reason: expect.stringMatching(/UTF-8/),
    });
  });

  it("refuses NUL characters, broken multipart, files and too many fields", async () => {
    expect(await refusal(post("name=a%00b", "application/x-www-form-urlencoded"))).toMatchObject({
      status: 400,
      reason: expect.stringMatching(/NUL/),
    });
    expect(
      await refusal(
        post('--B\r\nContent-Disposition: form-data; name="n"\r\n\r\nunterminated', "multipart/form-data; boundary=B"),
      ),
    ).toMatchObject({ status: 400 });
    expect(await refusal(post(multipart("B", [["n", "v"]]), "multipart/form-data"))).toMatchObject({ status: 400 });
    const withFile = new FormData();
    withFile.append("f", new Blob(["data"]), "f.txt");
    expect(await refusal(new Request(url, { method: "POST", body: withFile }))).toMatchObject({
      status: 400,
      reason: expect.stringMatching(/files/),
    });
    const many = Array.from({ length: 201 }, (_, i) => `f${i}=1`).join("&");
    expect(await refusal(post(many, "application/x-www-form-urlencoded"))).toMatchObject({ status: 413 });
  });

  it("words its reasons in English by default, exactly", async () => {
    expect(await refusal(post("{}", "application/json"))).toEqual({
      status: 415,
      reason: "Send this form as application/x-www-form-urlencoded or multipart/form-data.",
    });
    expect(
      await refusal(post("a=" + "x".repeat(5000), "application/x-www-form-urlencoded"), { maxBytes: 3072 }),
    ).toEqual({ status: 413, reason: "This form is too large (the limit is 3 KiB)." });
    expect(await refusal(post("name=100%", "application/x-www-form-urlencoded"))).toEqual({
      status: 400,
      reason: "The form is not properly encoded: it has a malformed %-escape or one that is not valid UTF-8.",
    });
  });

  it("words its reasons in the language the request asks for: the switcher's cookie, else Accept-Language", async () => {
    const french = { "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5" };
    expect(await refusal(post("{}", "application/json", french))).toEqual({
      status: 415,
      reason: "Envoyez ce formulaire en application/x-www-form-urlencoded ou en multipart/form-data.",
    });
    const big = "a=" + "x".repeat(70 * 1024);
    expect(await refusal(post(big, "application/x-www-form-urlencoded", french))).toEqual({
      status: 413,
      reason: "Ce formulaire est trop volumineux (la limite est de 64 Kio).",
    });
    const arabicCookie = (await languageCookie.serialize("ar")).split(";")[0];
    expect(
      await refusal(post("name=a%00b", "application/x-www-form-urlencoded", { ...french, Cookie: arabicCookie })),
    ).toEqual({
      status: 400,
      reason: "يحتوي النموذج على المحرف NUL، ولا يقبله أي حقل.",
    });
    // A signed-in reader's account language comes first.
    const english = { auth: { user: { language: "en" } } } as unknown as Context;
    expect(await refusal(post("name=a%00b", "application/x-www-form-urlencoded", french), {}, english)).toEqual({
      status: 400,
      reason: "The form contains a NUL character, which no field accepts.",
    });
  });

  it("an empty body is an empty form", async () => {
    expect([...(await read(post("", "application/x-www-form-urlencoded")))]).toEqual([]);
    expect([
      ...(await read(
        new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      )),
    ]).toEqual([]);
  });

  it("a stream that fails midway is a 400, not a crash", async () => {
    let n = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(c) {
        if (n++ === 0) c.enqueue(new TextEncoder().encode("a=1"));
        else c.error(new Error("connection reset"));
      },
    });
    const request = new Request(url, {
      method: "POST",
      body: failing,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(await refusal(request)).toMatchObject({ status: 400 });
  });
});
