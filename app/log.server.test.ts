import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskEmails, redact, redactPath, redactText, requestIdFrom, REDACTED } from "./log.server";

describe("redactPath", () => {
  it("replaces the token of links sent by e-mail, in pages and data requests", () => {
    expect(redactPath("/reset-password/abc123")).toBe(`/reset-password/${REDACTED}`);
    expect(redactPath("/verify-email/abc123.data")).toBe(`/verify-email/${REDACTED}`);
    expect(redactPath("/join/Zx9_-q/next")).toBe(`/join/${REDACTED}/next`);
    expect(redactPath("/learn/green-it/lesson-1")).toBe("/learn/green-it/lesson-1");
  });

  it("replaces every query string value and keeps the keys", () => {
    expect(redactPath("/login?redirectTo=%2Flearn&token=t0k")).toBe(`/login?redirectTo=${REDACTED}&token=${REDACTED}`);
    expect(redactPath("/search?q")).toBe("/search?q");
    expect(redactPath("/reset-password/abc?x=1#frag")).toBe(`/reset-password/${REDACTED}?x=${REDACTED}`);
  });
});

describe("maskEmails", () => {
  it("keeps the first letter and the domain", () => {
    expect(maskEmails("sent to jane.doe@example.org and b@x.co")).toBe("sent to j***@example.org and b***@x.co");
    expect(maskEmails("node_modules/@prisma/client")).toBe("node_modules/@prisma/client");
  });

  it("never leaves an address whole", () => {
    fc.assert(
      // An address whose name is only asterisks reads the same masked ("*@a.aa" → "****@a.aa").
      fc.property(
        fc.emailAddress().filter((email) => !/^\*+@/.test(email)),
        fc.string(),
        (email, around) => {
          const masked = maskEmails(`${around} ${email} ${around}`);
          expect(masked).not.toContain(email);
        },
      ),
    );
  });
});

describe("redact", () => {
  it("drops passwords, tokens, cookies and authorization headers at any depth, and masks e-mail addresses", () => {
    expect(
      redact({
        email: "ana@example.org",
        password: "hunter2",
        newPassword: "x",
        headers: { cookie: "gda_session=abc", authorization: "Bearer x", "set-cookie": ["a"], accept: "text/html" },
        nested: [{ resetToken: "t", apiKey: "k", secret: "s", count: 3 }],
      }),
    ).toEqual({
      email: "a***@example.org",
      password: REDACTED,
      newPassword: REDACTED,
      headers: { cookie: REDACTED, authorization: REDACTED, "set-cookie": REDACTED, accept: "text/html" },
      nested: [{ resetToken: REDACTED, apiKey: REDACTED, secret: REDACTED, count: 3 }],
    });
  });

  it("keeps an error's type and message, redacted", () => {
    const error = new TypeError("no account for bob@example.com at /join/abc");
    expect(redact(error)).toMatchObject({
      type: "TypeError",
      message: `no account for b***@example.com at /join/${REDACTED}`,
    });
  });

  it("redacts links inside text", () => {
    expect(redactText("open https://academy.example.org/reset-password/abc?next=/x now")).toBe(
      `open https://academy.example.org/reset-password/${REDACTED}?next=${REDACTED} now`,
    );
  });
});

describe("requestIdFrom", () => {
  it("keeps a sane incoming id and replaces anything else with a new one", () => {
    expect(requestIdFrom("abc-123.x:y_z")).toBe("abc-123.x:y_z");
    expect(requestIdFrom(["first", "second"])).toBe("first");
    for (const bad of [undefined, "", "has space", "a".repeat(129), "new\nline", "ünï"]) {
      const id = requestIdFrom(bad);
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(requestIdFrom("a".repeat(128))).toBe("a".repeat(128));
  });
});
