// The patched loader calls (patches/@remix-run+server-runtime…, decision 016): a loader gets the
// very request the server handed to Remix when there is no `index`, `_routes` or `_data` parameter
// to take out of its address, instead of a copy (each copy copies the headers and adds a listener,
// a WeakRef and a FinalizationRegistry entry for the original's abort signal).
import { describe, expect, it } from "vitest";
import { oneRouteApp } from "./remix-build.fixture";

/** A one-route app that records the request its loader was given. */
function app() {
  const seen: Request[] = [];
  const handle = oneRouteApp(
    async (_request, status, headers, context) => {
      context.serverHandoffStream = undefined;
      return new Response("page", { status, headers });
    },
    ({ request }) => {
      seen.push(request);
      return { ok: true };
    },
  );
  return { handle, seen };
}

describe("the request a loader is given", () => {
  it("is the request itself when there is nothing to take out of its address", async () => {
    const { handle, seen } = app();
    const request = new Request("http://academy.test/?step=2", { headers: { "X-Test": "1" } });
    expect((await handle(request)).status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(request);
  });

  it("is a copy without Remix's own parameters when there are some, keeping the rest", async () => {
    const { handle, seen } = app();
    const controller = new AbortController();
    const request = new Request("http://academy.test/?index&step=2", {
      headers: { "X-Test": "1" },
      signal: controller.signal,
    });
    expect((await handle(request)).status).toBe(200);
    const given = seen[0]!;
    expect(given).not.toBe(request);
    expect(given.url).toBe("http://academy.test/?step=2");
    expect(given.headers.get("X-Test")).toBe("1");
    controller.abort();
    expect(given.signal.aborted).toBe(true);
  });
});
