import { expect, test } from "@playwright/test";

// The production server's health endpoints and request ids (README: Operations).
test("health endpoints answer before the app, uncached, and every answer carries its request id", async ({
  request,
}) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.text()).toBe("ok");
  expect(health.headers()["cache-control"]).toBe("no-store");
  expect(health.headers()["set-cookie"]).toBeUndefined();

  const ready = await request.get("/readyz", { headers: { "X-Request-Id": "lb-check.1" } });
  expect(ready.status()).toBe(200);
  expect(ready.headers()["x-request-id"]).toBe("lb-check.1");
  expect(await ready.json()).toEqual({
    ready: true,
    checks: { database: { ok: true }, migrations: { ok: true }, catalogue: { ok: true } },
  });

  const page = await request.get("/", { headers: { "X-Request-Id": "bad id with spaces" } });
  expect(page.status()).toBe(200);
  expect(page.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
