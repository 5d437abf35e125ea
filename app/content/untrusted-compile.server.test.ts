import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileLesson } from "./compile.server";
import {
  CompilePool,
  MAX_LESSON_BYTES,
  compileUntrustedLesson,
  shutdownUntrustedCompiler,
  workerEntryPath,
  type UntrustedCompileResult,
} from "./untrusted-compile.server";

// Every payload that could run would leave a file in this folder.
const markers = mkdtempSync(join(tmpdir(), "untrusted-compile-"));
const marker = (name: string) => JSON.stringify(join(markers, name));
const nothingRan = () => expect(readdirSync(markers)).toEqual([]);

const messages = (result: UntrustedCompileResult) => (result.ok ? [] : result.problems.map((p) => p.message));
const rejected = async (source: string, message: RegExp) => {
  const result = await compileUntrustedLesson(source);
  expect(result.ok, `accepted:\n${source.slice(0, 300)}`).toBe(false);
  expect(messages(result)).toContainEqual(expect.stringMatching(message));
  return result;
};

const VALID = `# Data centres

Cooling takes energy. See [the report](https://example.org/report) and the [glossary](/glossary).

<Callout type="tip" title="On Monday">Turn off idle servers.</Callout>

<KnowledgeCheck question="What does PUE measure?">
<Option feedback="No: that is water.">Litres per kWh</Option>
<Option correct feedback="Yes.">Facility energy over IT energy</Option>
</KnowledgeCheck>

<Tabs>
<Tab label="Air">Fans.</Tab>
<Tab label="Liquid">Pipes.</Tab>
</Tabs>
`;

/** Hostile inputs: the text, what the answer must say, and the file it would write if it ever ran. */
const HOSTILE: [string, string, RegExp][] = [
  [
    "import fs",
    `import fs from "fs"\n\nexport const done = fs.writeFileSync(${marker("import")}, "x")`,
    /import and export are not allowed/,
  ],
  [
    "import child_process",
    `import { exec } from "child_process"\n\nexport const run = exec("touch " + ${marker("exec")})`,
    /import and export are not allowed/,
  ],
  ["process.exit", `{process.exit()}`, /JavaScript expressions in braces are not allowed/],
  [
    "an expression writing a file",
    `{require("fs").writeFileSync(${marker("expression")}, "x")}`,
    /JavaScript expressions/,
  ],
  ["an expression setting a global", `Text {globalThis.pwned = true} more`, /JavaScript expressions/],
  ["export", `export const x = 1`, /import and export are not allowed/],
  [
    "script",
    `<script>{require("fs").writeFileSync(${marker("script")}, "x")}</script>`,
    /HTML elements such as <script>/,
  ],
  ["iframe", `<iframe src="https://evil.example/" />`, /HTML elements such as <iframe>/],
  ["img onerror", `<img src="x" onerror="alert(1)" />`, /HTML elements such as <img>/],
  [
    "img onError expression",
    `<img src="x" onError={() => require("fs").writeFileSync(${marker("img")}, "x")} />`,
    /HTML elements such as <img>/,
  ],
  ["javascript: link", `[click](javascript:alert(1))`, /links must be http\(s\), mailto or site paths/],
  ["data: link", `[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`, /links must be http\(s\)/],
  [
    "data: image",
    `![pic](data:image/svg+xml,<svg onload="alert(1)">)`,
    /links must be http\(s\)|HTML elements|MDX syntax error/,
  ],
  ["spread props", `<Callout {...x}>Hi.</Callout>`, /spread attributes are not allowed/],
  [
    "an expression attribute",
    `<Callout type="note" title={require("fs").writeFileSync(${marker("attr")}, "x")}>Hi.</Callout>`,
    /must be a literal string/,
  ],
  [
    "an event handler on a component",
    `<Callout type="note" onClick="alert(1)">Hi.</Callout>`,
    /event-handler attributes/,
  ],
  ["an unknown component", `<Chart data="1" />`, /unknown component <Chart>/],
  ["a fragment", `<>Hi.</>`, /fragments/],
];

/** The same inputs, inside components. */
const PLACES: [string, (s: string) => string][] = [
  ["at the top level", (s) => s],
  ["inside a Callout", (s) => `<Callout type="note">\n\n${s}\n\n</Callout>`],
  ["inside a Tab of Tabs", (s) => `<Tabs>\n<Tab label="One">\n\n${s}\n\n</Tab>\n<Tab label="Two">Fine.</Tab>\n</Tabs>`],
  [
    "inside a KnowledgeCheck option",
    (s) =>
      `<KnowledgeCheck question="Which?">\n<Option feedback="No.">\n\n${s}\n\n</Option>\n<Option correct feedback="Yes.">B</Option>\n</KnowledgeCheck>`,
  ],
];

beforeAll(async () => {
  // Starts the worker, so that the time limits below measure the lessons, not the start.
  expect((await compileUntrustedLesson("# Warm")).ok).toBe(true);
});

afterAll(async () => {
  await shutdownUntrustedCompiler();
  nothingRan();
  rmSync(markers, { recursive: true, force: true });
});

describe("compiling lessons written in the browser", () => {
  it("compiles a valid lesson and returns its code", async () => {
    const result = await compileUntrustedLesson(VALID);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code).toContain("Turn off idle servers.");
    expect(result.code).toContain("KnowledgeCheck");
    expect(result.code).toEqual(await compileLesson({ body: VALID }));
  });

  it("accepts a leading YAML frontmatter block and keeps line numbers", async () => {
    const withFrontmatter = `---\ntitle: Data centres\nminutes: 5\n---\n\n${VALID}`;
    expect((await compileUntrustedLesson(withFrontmatter)).ok).toBe(true);
    const result = await rejected(`---\ntitle: T\n---\n\nFine.\n\n{oops}`, /JavaScript expressions/);
    expect(result.ok || result.problems[0].line).toBe(7);
  });

  it("refuses a lesson over the size limit before parsing it, at once", async () => {
    const big = "Plain text. ".repeat((5 * 1024 * 1024) / 12);
    const started = performance.now();
    const result = await rejected(big, /the lesson is too large \(5120 KB; at most 100 KB\)/);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.ok).toBe(false);
    await rejected("é".repeat(MAX_LESSON_BYTES / 2 + 1), /too large/); // counted in bytes, not characters
  });

  it("compiles a large valid lesson just under the size limit", async () => {
    const section = (i: number) =>
      `## Part ${i}\n\nSome **text** with a [link](https://example.org/${i}) and a <Term definition="A word.">term</Term>.\n\n<Callout type="note">Note ${i}.</Callout>\n\n- one\n- two\n\n`;
    let body = "";
    for (let i = 0; body.length + 400 < MAX_LESSON_BYTES; i++) body += section(i);
    // Given ample time: this is about the memory limits, not speed, on a busy test machine.
    const result = await compileUntrustedLesson(body, { timeoutMs: 60_000 });
    expect(result.ok, JSON.stringify(messages(result))).toBe(true);
  });

  for (const [where, place] of PLACES) {
    it(`rejects every hostile input ${where}, with a clear message, and runs none of it`, async () => {
      for (const [, source, message] of HOSTILE) await rejected(place(source), message);
      nothingRan();
      expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined();
    });
  }

  it("gives the line and column of the problem inside a component", async () => {
    const result = await compileUntrustedLesson(`Intro.\n\n<Callout type="note">\nRead {secret} now.\n</Callout>`);
    expect(result).toEqual({
      ok: false,
      problems: [{ line: 4, column: 6, message: expect.stringMatching(/JavaScript expressions/) }],
    });
  });

  it("treats import-like words inside a paragraph as text", async () => {
    const result = await compileUntrustedLesson(
      `<Callout type="note">import fs from "fs" is how code reads files.</Callout>`,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.code).not.toMatch(/require\(|from\s*"fs"\)?;/);
  });

  it("refuses a frontmatter block in JavaScript, which a frontmatter reader would run", async () => {
    await rejected(
      `---js\nrequire("fs").writeFileSync(${marker("frontmatter")}, "x")\n---\n\n# Hi`,
      /frontmatter must be YAML/,
    );
    await rejected(
      `---javascript\n{ title: require("fs").writeFileSync(${marker("frontmatter2")}, "x") }\n---\n# Hi`,
      /frontmatter must be YAML/,
    );
    nothingRan();
  });

  it("runs nothing while compiling, even without the check", async () => {
    // The compile step on its own, given what the check would refuse: it bundles, it does not run.
    for (const body of [
      `import fs from "fs"\n\nexport const done = fs.writeFileSync(${marker("compile-import")}, "x")`,
      `{require("fs").writeFileSync(${marker("compile-expression")}, "x")}`,
      `---js\nrequire("fs").writeFileSync(${marker("compile-frontmatter")}, "x")\n---\n# Hi`,
    ]) {
      await compileLesson({ body }).catch(() => {});
    }
    nothingRan();
  });

  it("refuses 10,000 nested components and 10,000-deep quotes promptly", async () => {
    const started = performance.now();
    // 10,000 nested Callouts do not fit in a lesson: refused as too large, before any parsing.
    await rejected('<Callout type="note">\n'.repeat(10_000) + "Deep.\n" + "</Callout>\n".repeat(10_000), /too large/);
    const deep = [
      '<Callout type="note">\n'.repeat(3_000) + "Deep.\n" + "</Callout>\n".repeat(3_000),
      '<Callout type="note">'.repeat(3_000) + "Deep." + "</Callout>".repeat(3_000),
      "<Steps>".repeat(10_000) + "Deep.",
      '<Tabs>\n<Tab label="x">\n'.repeat(2_000) + "Deep.\n" + "</Tab>\n</Tabs>\n".repeat(2_000),
      '<KnowledgeCheck question="q">\n<Option feedback="f">\n'.repeat(1_000) + "Deep.\n",
      ">".repeat(10_000) + " Deep.\n",
      "> ".repeat(10_000) + "Deep.\n",
      "- ".repeat(10_000) + "Deep.\n",
      "1. ".repeat(10_000) + "Deep.\n",
    ];
    for (const source of deep) await rejected(source, /nested too deeply/);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  it("stops a lesson that takes too long, keeps the server thread free meanwhile, and recovers", async () => {
    // Deeply nested emphasis is slow to parse (time grows faster than the text).
    const slow = "*".repeat(50_000) + "x" + "*".repeat(50_000);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const started = performance.now();
    const result = await compileUntrustedLesson(slow, { timeoutMs: 1_500 });
    clearInterval(ticker);
    expect(messages(result)).toEqual([expect.stringMatching(/took too long .* \(over 1.5 s\) and was stopped/)]);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(ticks).toBeGreaterThan(10); // the test's own thread kept running
    expect((await compileUntrustedLesson(VALID)).ok).toBe(true);
  });

  it("answers busy when too many lessons wait, and recovers", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => compileUntrustedLesson(`# Lesson ${i}`)));
    const busy = results.filter((r) => messages(r).some((m) => /busy; try again/.test(m)));
    expect(busy.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.ok).length + busy.length).toBe(30);
    expect((await compileUntrustedLesson(VALID)).ok).toBe(true);
  });

  it("starts afresh after a shutdown, and answers lessons caught by the shutdown", async () => {
    const caught = compileUntrustedLesson(VALID);
    await shutdownUntrustedCompiler();
    const answer = await caught;
    expect(answer.ok || messages(answer)).toEqual(answer.ok ? true : [expect.stringMatching(/shutting down/)]);
    expect((await compileUntrustedLesson(VALID)).ok).toBe(true);
  });

  it("finds its worker entry beside the module", () => {
    expect(workerEntryPath()).toMatch(/app\/content\/untrusted-compile\.worker\.mjs$/);
    expect(existsSync(workerEntryPath())).toBe(true);
  });
});

describe("the worker pool", () => {
  const entry = workerEntryPath().replace(/worker\.mjs$/, "fixture-worker.mjs");
  const ok = (r: UntrustedCompileResult) => r.ok;

  it("turns a worker running out of memory, out of stack, exiting or hanging into a problem, and replaces it", async () => {
    const pool = new CompilePool({
      entry,
      size: 1,
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    try {
      expect(await pool.run("a", 5_000)).toEqual({ ok: true, code: "compiled a", text: "a" });
      expect(messages(await pool.run("oom", 10_000))).toEqual([expect.stringMatching(/too much memory/)]);
      expect(ok(await pool.run("b", 5_000))).toBe(true);
      expect(messages(await pool.run("stack", 5_000))).toEqual([expect.stringMatching(/nested too deeply/)]);
      expect(ok(await pool.run("c", 5_000))).toBe(true);
      expect(messages(await pool.run("exit", 5_000))).toEqual([expect.stringMatching(/stopped unexpectedly/)]);
      expect(ok(await pool.run("d", 5_000))).toBe(true);
      expect(messages(await pool.run("hang", 500))).toEqual([expect.stringMatching(/took too long/)]);
      expect(await pool.run("e", 5_000)).toEqual({ ok: true, code: "compiled e", text: "e" });
    } finally {
      await pool.shutdown();
    }
  });

  it("keeps a bounded queue: one lesson per worker, then the queue, then busy", async () => {
    const pool = new CompilePool({ entry, size: 1, maxQueued: 2 });
    try {
      await pool.run("warm", 5_000);
      const results = await Promise.all(["hang", "1", "2", "3", "4"].map((s) => pool.run(s, 500)));
      expect(results.map((r) => (r.ok ? r.code : r.problems[0].message.slice(0, 24)))).toEqual([
        "the lesson took too long",
        "compiled 1",
        "compiled 2",
        "the lesson compiler is b",
        "the lesson compiler is b",
      ]);
    } finally {
      await pool.shutdown();
    }
  });

  it("answers, rather than waiting forever, when its worker cannot start", async () => {
    const pool = new CompilePool({ entry: join(markers, "missing-worker.mjs"), size: 1 });
    try {
      expect(messages(await pool.run("a", 1_000))).toEqual([expect.stringMatching(/could not be started/)]);
    } finally {
      await pool.shutdown();
    }
  });
});
