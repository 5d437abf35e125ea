import { describe, expect, it } from "vitest";
import { lessonComponents } from "./components";
import { MAX_NESTING, checkLessonMdx } from "./mdx-guard";
import { COMPONENT_NAMES } from "./registry";

const lesson = (body: string) => `---\ntitle: T\nsummary: S\nminutes: 5\n---\n\n${body}\n`;
const messages = (body: string) => checkLessonMdx(lesson(body)).map((p) => `${p.line}: ${p.message}`);

describe("the lesson MDX check", () => {
  it("accepts Markdown and registered components with literal props", () => {
    expect(
      messages(`# Heading

Text with a <Term definition="A definition.">term</Term> and a [link](https://example.org).

| a | b |
| - | - |
| 1 | 2 |

<KeyFigure value="62 Mt" label="e-waste in 2022" source="Global E-waste Monitor 2024" year="2024" />

<Callout type="tip" title="On Monday">Do this.</Callout>

<KnowledgeCheck question="Which?">
<Option feedback="No.">A</Option>
<Option correct feedback="Yes.">B</Option>
</KnowledgeCheck>

<Tabs>
<Tab label="One">First.</Tab>
<Tab label="Two">Second.</Tab>
</Tabs>

<PueCalculator facilityKwh="1500" itKwh="1000" />`),
    ).toEqual([]);
  });

  it("rejects an import line, with its line number", () => {
    expect(messages(`import Chart from "./chart"`)).toEqual([
      expect.stringMatching(/^7: import and export are not allowed/),
    ]);
  });

  it("rejects JavaScript expressions in text and in attributes", () => {
    expect(messages(`Two plus two is {2 + 2}.`)).toEqual([expect.stringMatching(/^7: JavaScript expressions/)]);
    expect(messages(`<Callout type={"note"}>x</Callout>`)).toContainEqual(
      expect.stringMatching(/^7: <Callout>: the value of type must be a literal string/),
    );
    expect(messages(`<Callout {...props}>x</Callout>`)).toContainEqual(expect.stringMatching(/spread attributes/));
  });

  it("rejects unknown components, raw HTML, scripts, iframes and event handlers", () => {
    expect(messages(`<Chart />`)).toEqual([expect.stringMatching(/^7: unknown component <Chart>/)]);
    expect(messages(`<script>alert(1)</script>`)).toEqual([
      expect.stringMatching(/^7: HTML elements such as <script>/),
    ]);
    expect(messages(`<iframe src="https://evil.example" />`)).toEqual([expect.stringMatching(/<iframe>/)]);
    expect(messages(`<Callout type="note" onClick="alert(1)">x</Callout>`)).toEqual([
      expect.stringMatching(/event-handler attributes such as onClick/),
    ]);
    expect(messages(`[click](javascript:alert(1))`)).toEqual([expect.stringMatching(/links must be http/)]);
  });

  it("requires a KeyFigure's source and year", () => {
    expect(messages(`Intro.\n\n<KeyFigure value="62 Mt" label="e-waste" />`)).toEqual([
      "9: <KeyFigure>: source is required",
      "9: <KeyFigure>: year is required",
    ]);
    expect(messages(`<KeyFigure value="1" label="l" source="s" year="recent" />`)).toEqual([
      "7: <KeyFigure>: year must be a four-digit year",
    ]);
  });

  it("takes a Figure from a file under /content/ or an uploaded image named by its hash, never both", () => {
    const hash = "0123456789abcdef0123456789abcdef";
    expect(messages(`<Figure src="/content/a/chart.svg" alt="A chart." caption="C." />`)).toEqual([]);
    expect(messages(`<Figure media="${hash}" alt="A photo." caption="C." />`)).toEqual([]);
    expect(messages(`<Figure media="${hash}" alt="A photo." caption="C." width="1200" height="800" />`)).toEqual([]);
    expect(messages(`<Figure media="${hash.toUpperCase()}" alt="A." caption="C." />`)).toEqual([
      expect.stringMatching(/<Figure>: media must be the name of an uploaded image/),
    ]);
    expect(messages(`<Figure media="../../etc/passwd" alt="A." caption="C." />`)).toEqual([
      expect.stringMatching(/media must be the name of an uploaded image/),
    ]);
    expect(messages(`<Figure src="/content/a.png" media="${hash}" alt="A." caption="C." />`)).toEqual([
      expect.stringMatching(/either src .* or media/),
    ]);
    expect(messages(`<Figure alt="A." caption="C." />`)).toEqual([expect.stringMatching(/either src .* or media/)]);
    expect(messages(`<Figure media="${hash}" alt="A." caption="C." width="1200" />`)).toEqual([
      expect.stringMatching(/width and height together/),
    ]);
    expect(messages(`<Figure media="${hash}" alt="A." caption="C." width="wide" height="0" />`)).toEqual([
      expect.stringMatching(/width must be a whole number of pixels/),
      expect.stringMatching(/height must be a whole number of pixels/),
    ]);
    expect(messages(`<Figure media="${hash}" caption="C." />`)).toEqual([expect.stringMatching(/alt is required/)]);
  });

  it("checks how components nest and that knowledge checks have a right answer", () => {
    expect(messages(`<Option feedback="x">A</Option>`)).toEqual([
      expect.stringMatching(/must be placed directly inside <KnowledgeCheck>/),
    ]);
    expect(
      messages(
        `<KnowledgeCheck question="Q">\n<Option feedback="a">A</Option>\n<Option feedback="b">B</Option>\n</KnowledgeCheck>`,
      ),
    ).toEqual([expect.stringMatching(/exactly one correct <Option> \(found 0\)/)]);
    expect(messages(`<Callout type="alarm">x</Callout>`)).toEqual([
      expect.stringMatching(/<Callout>: type: Invalid enum value/),
    ]);
  });

  it("reports MDX syntax errors with a position", () => {
    const [problem] = checkLessonMdx(lesson(`<Callout type="note">never closed`));
    expect(problem.message).toMatch(/MDX syntax error/);
    expect(problem.line).toBeGreaterThanOrEqual(7);
  });

  it("has a component for every registered name, and nothing unregistered", () => {
    expect(Object.keys(lessonComponents).sort()).toEqual([...COMPONENT_NAMES].sort());
  });

  it("rejects scripts, iframes, expressions and javascript: links nested inside components", () => {
    expect(messages(`<Callout type="note">\n<script>alert(1)</script>\n</Callout>`)).toEqual([
      expect.stringMatching(/^8: HTML elements such as <script>/),
    ]);
    expect(messages(`<Callout type="note">Read {secret} now.</Callout>`)).toEqual([
      expect.stringMatching(/^7: JavaScript expressions/),
    ]);
    expect(messages(`<Callout type="tip">See [this](javascript:alert(1)).</Callout>`)).toEqual([
      expect.stringMatching(/^7: links must be http/),
    ]);
    expect(messages(`<Tabs>\n<Tab label="One">\n<iframe src="https://evil.example" />\n</Tab>\n</Tabs>`)).toEqual([
      expect.stringMatching(/^9: HTML elements such as <iframe>/),
    ]);
    expect(
      messages(
        `<KnowledgeCheck question="Q">\n<Option feedback="a">A {1 + 1}</Option>\n<Option correct feedback="b">B [x](javascript:void(0))</Option>\n</KnowledgeCheck>`,
      ),
    ).toEqual([expect.stringMatching(/^8: JavaScript expressions/), expect.stringMatching(/^9: links must be http/)]);
    expect(
      messages(`<Steps>\n<Step title="S">\n<Term definition="d" onMouseOver="x">t</Term>\n</Step>\n</Steps>`),
    ).toEqual([expect.stringMatching(/^9: <Term>: event-handler attributes such as onMouseOver/)]);
  });

  it("accepts http, https, mailto and site links, and refuses other schemes anywhere in a link", () => {
    expect(
      messages(
        `[a](http://example.org) [b](https://example.org) [c](mailto:a@example.org) [d](/courses/x) [e](#top) [f](../other)`,
      ),
    ).toEqual([]);
    expect(messages(`[a](HTTPS://EXAMPLE.ORG)`)).toEqual([]);
    expect(messages(`[x](javascript:alert('https:'))`)).toEqual([
      `7: links must be http(s), mailto or site paths, not "javascript:alert('https:')"`,
    ]);
    expect(messages(`[x](data:text/html,hi)`)).toEqual([expect.stringMatching(/^7: links must be http/)]);
    expect(messages(`[x](//evil.example/path)`)).toEqual([expect.stringMatching(/^7: links must be http/)]);
    expect(messages(`![pic](javascript:alert(1))`)).toEqual([expect.stringMatching(/^7: links must be http/)]);
    expect(messages(`[ref]: vbscript:msgbox\n\nSee [it][ref].`)).toEqual([
      expect.stringMatching(/^7: links must be http/),
    ]);
    expect(messages(`[x](javascript:alert(1)) and [y](javascript:alert(2))`)).toHaveLength(2);
  });

  it("rejects fragments, and lists every problem in reading order with its column", () => {
    expect(messages(`<>x</>`)).toEqual([expect.stringMatching(/^7: fragments/)]);
    expect(checkLessonMdx(lesson(`Fine.\n\nText {a} and {b}.\n\n<Chart />`)).map((p) => [p.line, p.column])).toEqual([
      [9, 6],
      [9, 14],
      [11, 1],
    ]);
  });

  it("names unknown attributes, one or several, and says which components a restricted one may contain", () => {
    expect(messages(`<Callout type="note" colour="red">x</Callout>`)).toEqual([
      `7: <Callout>: unknown attribute colour`,
    ]);
    expect(messages(`<Callout type="note" colour="red" size="2">x</Callout>`)).toEqual([
      `7: <Callout>: unknown attributes colour, size`,
    ]);
    expect(messages(`<Callout type="note" title="">x</Callout>`)).toEqual([`7: <Callout>: title must not be empty`]);
    expect(messages(`<Callout>x</Callout>`)).toEqual([`7: <Callout>: type: Required`]);
    expect(messages(`<Tabs>\nLoose text.\n</Tabs>`)).toEqual([`7: <Tabs> may contain only <Tab>`]);
    expect(messages(`<Tabs>\n<Callout type="note">x</Callout>\n</Tabs>`)).toEqual([`7: <Tabs> may contain only <Tab>`]);
    expect(messages(`<Tabs>\n<Tab label="a">x</Tab>\n<Tab label="b">y</Tab>\n</Tabs>`)).toEqual([]);
    expect(messages(`<Tab label="a">x</Tab>`)).toEqual([`7: <Tab> must be placed directly inside <Tabs>`]);
    expect(messages(`<Tabs>\n<Steps>\n<Tab label="a">x</Tab>\n</Steps>\n</Tabs>`)).toEqual([
      `7: <Tabs> may contain only <Tab>`,
      `8: <Steps> may contain only <Step>`,
      `9: <Tab> must be placed directly inside <Tabs>`,
    ]);
  });

  it("takes a bare attribute as true and counts correct options, one or several", () => {
    const check = (attrs: string, options: string) =>
      messages(`<KnowledgeCheck question="Q"${attrs}>\n${options}\n</KnowledgeCheck>`);
    expect(check("", `<Option correct feedback="a">A</Option>\n<Option correct feedback="b">B</Option>`)).toEqual([
      expect.stringMatching(/exactly one correct <Option> \(found 2\)/),
    ]);
    expect(
      check(" multiple", `<Option correct feedback="a">A</Option>\n<Option correct feedback="b">B</Option>`),
    ).toEqual([]);
    expect(check(" multiple", `<Option feedback="a">A</Option>\n<Option feedback="b">B</Option>`)).toEqual([
      expect.stringMatching(/at least one correct/),
    ]);
    expect(check("", `<Option correct feedback="a">A</Option>`)).toEqual([
      expect.stringMatching(/at least two <Option>s/),
    ]);
    expect(check("", `<Option correct="yes" feedback="a">A</Option>\n<Option feedback="b">B</Option>`)).toContainEqual(
      expect.stringMatching(/^8: <Option>: correct: /),
    );
    expect(check("", `<Option {...x} correct feedback="a">A</Option>\n<Option feedback="b">B</Option>`)).toEqual([
      expect.stringMatching(/<Option>: spread attributes/),
    ]);
  });

  it("refuses nesting deeper than the limit before parsing, promptly and without exhausting the stack", () => {
    const deep = [
      '<Callout type="note">\n'.repeat(10_000) + "Deep.\n" + "</Callout>\n".repeat(10_000),
      '<Callout type="note">'.repeat(10_000) + "Deep." + "</Callout>".repeat(10_000),
      '<Callout\ntype="note">\n'.repeat(10_000) + "Deep.\n" + "</Callout>\n".repeat(10_000),
      '<Tabs>\n<Tab label="x">\n'.repeat(5_000) + "Deep.\n" + "</Tab>\n</Tabs>\n".repeat(5_000),
      ">".repeat(10_000) + " Deep.",
      "> ".repeat(10_000) + "Deep.",
      "- ".repeat(10_000) + "Deep.",
    ];
    for (const body of deep) {
      const started = performance.now();
      expect(messages(body)).toEqual([expect.stringMatching(/nested too deeply \(more than 32 levels of components/)]);
      expect(performance.now() - started).toBeLessThan(2_000);
    }
    // The place where it goes too deep.
    expect(checkLessonMdx(`Intro.\n\n${'<Callout type="note">\n'.repeat(40)}x`)[0]).toMatchObject({
      line: 35,
      column: 1,
    });
  });

  it("accepts nesting up to the limit, and tags shown as code do not count", () => {
    const nested = (n: number) => '<Callout type="note">\n'.repeat(n) + "Deep.\n" + "</Callout>\n".repeat(n);
    expect(messages(nested(MAX_NESTING - 4))).toEqual([]);
    expect(messages(">".repeat(MAX_NESTING) + " Quote.")).toEqual([]);
    const shown = "Write `<div>` or `<span>`, never closed here.\n\n".repeat(50);
    expect(messages(shown + "```html\n" + "<section>\n".repeat(50) + "```\n\nDone.")).toEqual([]);
  });

  it("refuses deep nesting that only the parsed document shows, such as emphasis in emphasis", () => {
    expect(messages("*a ".repeat(100) + "b" + " a*".repeat(100))).toEqual([
      expect.stringMatching(/^7: the lesson is nested too deeply/),
    ]);
  });

  it("refuses a frontmatter block in another language than YAML, which would be run as code", () => {
    expect(checkLessonMdx(`---js\nrequire("fs").writeFileSync("x", "y")\n---\n\n# Hi`)).toEqual([
      { line: 1, column: 1, message: 'frontmatter must be YAML between lines of just ---, not "---js"' },
    ]);
    expect(checkLessonMdx(`\uFEFF--- javascript\n{}\n---\n# Hi`)[0].message).toMatch(/frontmatter must be YAML/);
    expect(checkLessonMdx(`---coffee\nx\n---\n# Hi`)[0].message).toMatch(/frontmatter must be YAML/);
    expect(checkLessonMdx(lesson("Fine."))).toEqual([]);
    expect(checkLessonMdx("----\n\nText after a rule.")).toEqual([]);
  });
});

describe("the lesson MDX check, in detail", () => {
  it("reads a scheme only at the start of a link: site paths with a colon pass, schemes with digits do not", () => {
    expect(messages(`[a](notes/part:2) [b](/glossary#scope:3) [c](?q=a:b)`)).toEqual([]);
    expect(messages(`[x](ed2k://file)`)).toEqual([`7: links must be http(s), mailto or site paths, not "ed2k://file"`]);
  });

  it("names every lesson component, comma-separated, when one is unknown", () => {
    expect(messages(`<Chart />`)).toEqual([
      `7: unknown component <Chart>; lessons may use ${COMPONENT_NAMES.join(", ")}`,
    ]);
    expect(COMPONENT_NAMES).toEqual(expect.arrayContaining(["Callout", "KnowledgeCheck", "Option", "Tabs", "Tab"]));
  });

  it("counts options written over several lines, as block elements, like options on one line", () => {
    const block = (correct: string) => `<Option${correct} feedback="f">\nText.\n</Option>`;
    expect(messages(`<KnowledgeCheck question="Q">\n${block(" correct")}\n${block("")}\n</KnowledgeCheck>`)).toEqual(
      [],
    );
    expect(messages(`<KnowledgeCheck question="Q">\n${block("")}\n${block("")}\n</KnowledgeCheck>`)).toEqual([
      `7: KnowledgeCheck needs exactly one correct <Option> (found 0); add "multiple" if more are right`,
    ]);
  });

  it("refuses loose text beside a permitted component on the same line", () => {
    expect(messages(`<Tabs>\n<Tab label="a">x</Tab> and loose text\n</Tabs>`)).toEqual([
      `7: <Tabs> may contain only <Tab>`,
    ]);
  });

  it("does not count an option marked correct with a value as correct", () => {
    expect(
      messages(
        `<KnowledgeCheck question="Q">\n<Option correct="yes" feedback="a">A</Option>\n<Option feedback="b">B</Option>\n</KnowledgeCheck>`,
      ),
    ).toEqual([
      `7: KnowledgeCheck needs exactly one correct <Option> (found 0); add "multiple" if more are right`,
      expect.stringMatching(/^8: <Option>: correct: /),
    ]);
  });
});
