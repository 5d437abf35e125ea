import { gunzipSync } from "node:zlib";
import { escapeHtml } from "@remix-run/react/dist/markup.js";
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  fill,
  gzipFill,
  inData,
  inHtml,
  PageTemplates,
  templateOf,
  viewKey,
  type Template,
} from "./page-templates.server";

/** The text a kept page holds, its placeholders left out. */
const textOf = (template: Template) =>
  Buffer.concat(template.filter((part): part is Buffer => typeof part !== "number")).toString();

const AWKWARD = ["Ana", `O'Neil "Nour" <b>&amp; Co`, "نور الهدى", "Zoë ✓ 🌍", "$& $1 $$", "back\\slash\u2028line"];

/** A page as the server writes one: the name in the header, the data in Remix's single-fetch script. */
function page(name: string, id: string, nonce: string, extra: Record<string, unknown> = {}) {
  const loaderData = { root: { user: { id, name } }, "routes/lesson": { title: "Why recycling lags", ...extra } };
  // Remix's <Scripts>: the stream's text (turbo-stream: one JSON array, equal strings written once)
  // written as a JSON string, escaped by Remix's own escapeHtml.
  const strings: string[] = [];
  const ref = (s: string) => (strings.includes(s) ? strings.indexOf(s) : strings.push(s) - 1);
  const entries: unknown[] = [];
  const keys = {
    loaderData: ref("loaderData"),
    root: ref("root"),
    user: ref("user"),
    id: ref("id"),
    name: ref("name"),
  };
  const idAt = ref(id);
  const nameAt = ref(name);
  const title = ref("title");
  const titleAt = ref(String(loaderData["routes/lesson"].title));
  strings.forEach((s, i) => (entries[i] = s));
  const at = strings.length;
  const objects = [
    { [`_${keys.loaderData}`]: at + 1 },
    { [`_${keys.root}`]: at + 2 },
    { [`_${keys.user}`]: at + 3 },
    { [`_${keys.id}`]: idAt, [`_${keys.name}`]: nameAt },
    { [`_${title}`]: titleAt },
  ];
  entries.push(...objects);
  const stream = JSON.stringify(entries);
  const script = `window.__remixContext.streamController.enqueue(${escapeHtml(JSON.stringify(stream))});`;
  const header = renderToStaticMarkup(
    h("summary", null, h("span", { className: "sr-only" }, "Account menu for"), name),
  );
  const html = `<html><head><script nonce="${nonce}">manifest</script></head><body>${header}<h1>Why recycling lags</h1><script nonce="${nonce}">${script}</script></body></html>`;
  return { html, loaderData };
}

describe("a page's person, in its HTML and in its hydration data", () => {
  it.each(AWKWARD)("writes %j as React writes it in the page", (name) => {
    const html = renderToStaticMarkup(h("p", { title: name }, name));
    expect(html).toBe(`<p title="${inHtml(name)}">${inHtml(name)}</p>`);
  });

  it.each(AWKWARD)("writes %j as it stands in the data's script, and reads back", (name) => {
    // As Remix's <Scripts> writes a chunk of the stream (its own escapeHtml).
    const written = escapeHtml(JSON.stringify(JSON.stringify(["name", name])));
    expect(written).toContain(`\\"${inData(name)}\\"`);
    expect(JSON.parse(JSON.parse(written) as string)).toEqual(["name", name]);
  });
});

describe("a kept page", () => {
  it.each(AWKWARD.slice(1))("gives another person (%j) exactly the page rendered for them", (other) => {
    const first = page("Perf Learner", "aaaaaaaaaaaaaaaa", "nonce1");
    const template = templateOf(
      first.html,
      { id: "aaaaaaaaaaaaaaaa", name: "Perf Learner" },
      "nonce1",
      first.loaderData,
    );
    expect(template).not.toBeNull();
    expect(textOf(template!)).not.toContain("Perf Learner");
    expect(textOf(template!)).not.toContain("aaaaaaaaaaaaaaaa");
    expect(textOf(template!)).not.toContain("nonce1");
    const theirs = page(other, "bbbbbbbbbbbbbbbb", "nonce2");
    expect(fill(template!, { id: "bbbbbbbbbbbbbbbb", name: other }, "nonce2").toString()).toBe(theirs.html);
  });

  it("is not made when the name appears anywhere else, on the page or in the data", () => {
    const person = (name: string) => ({ id: "aaaaaaaaaaaaaaaa", name });
    // "Why" is in the page's heading too.
    const why = page("Why", "aaaaaaaaaaaaaaaa", "n");
    expect(templateOf(why.html, person("Why"), "n", why.loaderData)).toBeNull();
    // A value equal to the name: the stream writes the string once for both.
    const twice = page("Nour", "aaaaaaaaaaaaaaaa", "n", { author: "Nour" });
    expect(templateOf(twice.html, person("Nour"), "n", twice.loaderData)).toBeNull();
    // A name that is also a key of the data.
    const key = page("title", "aaaaaaaaaaaaaaaa", "n");
    expect(templateOf(key.html, person("title"), "n", key.loaderData)).toBeNull();
    // A name that only the stream itself uses (one of its own keys), not the loader data.
    const frame = page("loaderData", "aaaaaaaaaaaaaaaa", "n");
    expect(templateOf(frame.html, person("loaderData"), "n", frame.loaderData)).toBeNull();
  });

  it("is kept for a page without hydration data (data saver), with the name in the page only", () => {
    const name = "Nour";
    const html = `<body>${renderToStaticMarkup(h("summary", null, name))}</body>`;
    const loaderData = { root: { user: { id: "aaaaaaaaaaaaaaaa", name } } };
    const template = templateOf(html, { id: "aaaaaaaaaaaaaaaa", name }, undefined, loaderData);
    expect(fill(template!, { id: "cccccccccccccccc", name: "Zoë" }, undefined).toString()).toBe(
      "<body><summary>Zoë</summary></body>",
    );
  });
});

describe("a kept page in gzip", () => {
  // A page with a lesson in it: some 60 KB of text, half of it unlike the rest.
  const first = page("Perf Learner", "aaaaaaaaaaaaaaaa", "nonce1");
  const lesson = Array.from({ length: 1500 }, (_, i) => `<p>Step ${i * 7919}: e-waste ${(i * 104729) % 9973}.</p>`);
  const html = first.html.replace("<h1>", `<main>${lesson.join("")}</main><h1>`);
  const template = templateOf(html, { id: "aaaaaaaaaaaaaaaa", name: "Perf Learner" }, "nonce1", first.loaderData)!;

  it.each([...AWKWARD, "é".repeat(40_000)])("decompresses to the page filled in for %#", (name) => {
    const person = { id: "bbbbbbbbbbbbbbbb", name };
    const filled = fill(template, person, "nonce2");
    const gzipped = gzipFill(template, person, "nonce2", filled);
    expect(gunzipSync(gzipped!).equals(filled)).toBe(true);
    // A name of 80,000 bytes is stored in more than one block (at most 65,535 bytes each).
    expect(gzipped!.length).toBeLessThan(filled.length);
  });

  it("is right for ids and nonces of other lengths, and for a page with NUL bytes of its own", () => {
    for (const [id, nonce] of [
      ["bbbbbbbbbbbbbbbb", "nonce2"],
      ["cuid0000000000000000000000", "n"],
      ["b", undefined],
    ] as const) {
      const person = { id, name: "Nour" };
      const filled = fill(template, person, nonce);
      expect(gunzipSync(gzipFill(template, person, nonce, filled)!).equals(filled)).toBe(true);
    }
    const nul = templateOf(
      html.replace(">manifest", ">\0\0\0\0\0\0manifest"),
      { id: "aaaaaaaaaaaaaaaa", name: "Perf Learner" },
      "nonce1",
      first.loaderData,
    )!;
    const person = { id: "bbbbbbbbbbbbbbbb", name: "Nour" };
    const filled = fill(nul, person, "nonce2");
    expect(gunzipSync(gzipFill(nul, person, "nonce2", filled)!).equals(filled)).toBe(true);
  });

  it("is not made for a page that is not this template filled in for this person", () => {
    const person = { id: "bbbbbbbbbbbbbbbb", name: "Nour" };
    const other = fill(template, { ...person, name: "Nour Ali" }, "nonce2");
    expect(gzipFill(template, person, "nonce2", other)).toBeNull();
  });
});

describe("the key of a view", () => {
  const data = (name: string, id: string, done: boolean) => ({
    root: { language: "en", user: { id, name, isAdmin: false } },
    "routes/lesson": { title: "Why recycling lags", done },
  });
  const html = new Map([["lesson", "<p>The lesson.</p>"]]);

  it("is the same for two people with the same view, and differs with anything else", () => {
    const a = viewKey("http://x/courses/c/m/l", data("Ana", "a1", false), html);
    expect(a).not.toBeNull();
    expect(viewKey("http://x/courses/c/m/l", data("Nour", "b2", false), html)).toBe(a);
    expect(viewKey("http://x/courses/c/m/l", data("Ana", "a1", true), html)).not.toBe(a);
    expect(viewKey("http://x/courses/c/m/l?step=2", data("Ana", "a1", false), html)).not.toBe(a);
    expect(viewKey("http://x/courses/c/m/l", data("Ana", "a1", false), new Map([["lesson", "<p>New.</p>"]]))).not.toBe(
      a,
    );
  });

  it("depends on the HTML's text, not on which string holds it, however many pieces were seen", () => {
    const a = viewKey("http://x/courses/c/m/l", data("Ana", "a1", false), html);
    const sameText = ["<p>The ", "lesson.</p>"].join("");
    expect(viewKey("http://x/courses/c/m/l", data("Ana", "a1", false), new Map([["lesson", sameText]]))).toBe(a);
    const keys = new Set(
      Array.from({ length: 1_200 }, (_, i) =>
        viewKey("http://x/courses/c/m/l", data("Ana", "a1", false), new Map([["lesson", `<p>${i}</p>`]])),
      ),
    );
    expect(keys.size).toBe(1_200);
    expect(keys.has(a)).toBe(false);
    expect(viewKey("http://x/courses/c/m/l", data("Ana", "a1", false), html)).toBe(a);
  });

  it("is not made for data JSON cannot tell apart, nor without a person", () => {
    const withDate = { ...data("Ana", "a1", false), extra: { at: new Date(0) } };
    expect(viewKey("http://x/", withDate, html)).toBeNull();
    expect(viewKey("http://x/", { ...data("Ana", "a1", false), extra: { gone: undefined } }, html)).toBeNull();
    expect(viewKey("http://x/", { root: { user: null } }, html)).toBeNull();
  });
});

describe("the kept pages", () => {
  it("keeps at most so many, the oldest going first, each for a limited time", () => {
    let now = 0;
    const kept = new PageTemplates<string>(2, 1_000, () => now);
    kept.put("a", "A");
    kept.put("b", "B");
    kept.put("c", "C");
    expect([kept.get("a"), kept.get("b"), kept.get("c")]).toEqual([null, "B", "C"]);
    now = 1_001;
    expect(kept.get("b")).toBeNull();
    expect(kept.size).toBe(1);
  });

  it("has requests for a view being rendered wait for that render's page, or for null when it is not kept", async () => {
    const kept = new PageTemplates<string>();
    expect(kept.rendering("a")).toBeUndefined();
    const end = kept.startRender("a");
    const waiting = [kept.rendering("a"), kept.rendering("a")];
    expect(kept.rendering("b")).toBeUndefined();
    end("A");
    expect(await Promise.all(waiting)).toEqual(["A", "A"]);
    expect(kept.rendering("a")).toBeUndefined();
    const endUnkept = kept.startRender("a");
    const waiter = kept.rendering("a");
    endUnkept(null);
    expect(await waiter).toBeNull();
  });
});
