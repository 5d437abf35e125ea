import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { message as m } from "./support/messages";

test("HSTS in production, and no caching of anything a signed-in person receives", async ({ playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const home = await anon.get("/");
  expect(home.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(home.headers()["cache-control"] ?? "").not.toMatch(/no-store/);

  const me = await playwright.request.newContext({ baseURL });
  const account = { name: "Cache Test", email: `cache-${Date.now()}@example.org`, password: "a long test password" };
  expect((await me.post("/signup", { form: account, headers: { Origin: baseURL! }, maxRedirects: 0 })).status()).toBe(
    302,
  );
  for (const path of ["/learn", "/account", "/courses", "/learn.data", "/account.data?_routes=routes%2Faccount", "/"]) {
    const response = await me.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBeLessThan(400);
    expect(response.headers()["cache-control"], path).toBe("private, no-store");
  }
  // Hashed assets keep their own long-lived caching.
  const html = await (await me.get("/")).text();
  const asset = /\/assets\/[^"]+\.js/.exec(html)![0];
  expect((await me.get(asset)).headers()["cache-control"]).toMatch(/immutable/);
});

test("a POST to a page without a form answers 405 Method not allowed", async ({ request }) => {
  const response = await request.post("/courses", { form: { a: "1" } });
  expect(response.status()).toBe(405);
  const html = await response.text();
  expect(html).toContain("Method not allowed");
  expect(html).not.toContain("Something went wrong");
});

/** Sends a body in chunks without a Content-Length. */
function postChunked(
  url: string,
  totalBytes: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", ...headers },
      },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on("error", reject);
    const chunk = Buffer.alloc(16 * 1024, "a");
    let sent = 0;
    const write = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return req.once("drain", write);
      }
      req.end();
    };
    req.write("email=");
    write();
  });
}

test("bodies over the limit are refused with 413, declared or streamed", async ({ request, baseURL }) => {
  const started = Date.now();
  const declared = await request.post("/login", {
    data: `email=${"a".repeat(10 * 1024 * 1024)}`,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  expect(declared.status()).toBe(413);
  expect(await declared.text()).toContain("too large");
  const streamed = await postChunked(`${baseURL}/login`, 200 * 1024);
  expect(streamed).toMatchObject({ status: 413, body: expect.stringContaining("too large") });
  expect(Date.now() - started).toBeLessThan(10_000);
  // Just under the limit is read as usual.
  const fine = await request.post("/login", {
    form: { email: "a@example.org", password: "x", pad: "p".repeat(60 * 1024) },
    maxRedirects: 0,
  });
  expect(fine.status()).toBe(400); // read and answered: wrong credentials
});

test("the refusal of a body over the limit is worded in the reader's language", async ({ request, baseURL }) => {
  const tooLarge = (language: string) => m(language, "common:formRefusals.tooLarge", { kib: 64 });
  const declared = await request.post("/login", {
    data: `email=${"a".repeat(1024 * 1024)}`,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "fr-FR,fr;q=0.9" },
  });
  expect(declared.status()).toBe(413);
  expect(await declared.text()).toBe(tooLarge("fr"));
  const streamed = await postChunked(`${baseURL}/login`, 200 * 1024, { "Accept-Language": "ar" });
  expect(streamed).toEqual({ status: 413, body: tooLarge("ar") });
  const english = await request.post("/login", {
    data: `email=${"a".repeat(1024 * 1024)}`,
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en-GB" },
  });
  expect(await english.text()).toBe(tooLarge("en"));
});

test("only an image upload to a course's media may send a body over 64 KiB", async ({ request }) => {
  const data = `pad=${"a".repeat(1024 * 1024)}`;
  const headers = { "Content-Type": "application/x-www-form-urlencoded" };
  const upload = await request.post("/author/some-course/media", { data, headers, maxRedirects: 0 });
  expect(upload.status()).not.toBe(413); // past the server's limit; the route itself answers
  for (const path of ["/author/some-course/lessons", "/author/some-course/media/other", "/login"]) {
    const response = await request.post(path, { data, headers, maxRedirects: 0 });
    expect(response.status(), path).toBe(413);
  }
});
