// The patched document request (patches/@remix-run+server-runtime…, decision 016): Remix encodes the
// data that hydration reads when the entry first reads `serverHandoffStream`, so an entry that
// answers from a kept page, without rendering, does not pay for encoding it.
import { describe, expect, it } from "vitest";
import { oneRouteApp, type Entry } from "./remix-build.fixture";

/** A one-route app whose loader data counts how often its `name` is read, answered by `entry`. */
function app(entry: Entry) {
  const reads = { count: 0 };
  const loader = () => ({
    get name() {
      reads.count++;
      return "Nour";
    },
  });
  return { handle: oneRouteApp(entry, loader), reads };
}

describe("the hydration data of a page", () => {
  it("is not encoded when the entry answers without reading it", async () => {
    const { handle, reads } = app(async (_request, status, headers, context) => {
      context.serverHandoffStream = undefined;
      return new Response("kept page", { status, headers });
    });
    const response = await handle(new Request("http://academy.test/"));
    expect(await response.text()).toBe("kept page");
    expect(reads.count).toBe(0);
  });

  it("is encoded, once, when the entry reads it, and holds the loader data", async () => {
    let same = false;
    const { handle, reads } = app(async (_request, status, headers, context) => {
      const stream = context.serverHandoffStream!;
      same = stream === context.serverHandoffStream;
      return new Response(stream, { status, headers });
    });
    const text = await (await handle(new Request("http://academy.test/"))).text();
    expect(same).toBe(true);
    expect(reads.count).toBe(1);
    expect(text).toContain('"name"');
    expect(text).toContain('"Nour"');
  });
});
