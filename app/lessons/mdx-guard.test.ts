import { describe, expect, it } from "vitest";
import { lessonComponents } from "./components";
import { checkLessonMdx } from "./mdx-guard";
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
    expect(messages(`import Chart from "./chart"`)).toEqual([expect.stringMatching(/^7: import and export are not allowed/)]);
  });

  it("rejects JavaScript expressions in text and in attributes", () => {
    expect(messages(`Two plus two is {2 + 2}.`)).toEqual([expect.stringMatching(/^7: JavaScript expressions/)]);
    expect(messages(`<Callout type={"note"}>x</Callout>`)).toContainEqual(expect.stringMatching(/^7: <Callout>: the value of type must be a literal string/));
    expect(messages(`<Callout {...props}>x</Callout>`)).toContainEqual(expect.stringMatching(/spread attributes/));
  });

  it("rejects unknown components, raw HTML, scripts, iframes and event handlers", () => {
    expect(messages(`<Chart />`)).toEqual([expect.stringMatching(/^7: unknown component <Chart>/)]);
    expect(messages(`<script>alert(1)</script>`)).toEqual([expect.stringMatching(/^7: HTML elements such as <script>/)]);
    expect(messages(`<iframe src="https://evil.example" />`)).toEqual([expect.stringMatching(/<iframe>/)]);
    expect(messages(`<Callout type="note" onClick="alert(1)">x</Callout>`)).toEqual([expect.stringMatching(/event-handler attributes such as onClick/)]);
    expect(messages(`[click](javascript:alert(1))`)).toEqual([expect.stringMatching(/links must be http/)]);
  });

  it("requires a KeyFigure's source and year", () => {
    expect(messages(`Intro.\n\n<KeyFigure value="62 Mt" label="e-waste" />`)).toEqual([
      "9: <KeyFigure>: source is required",
      "9: <KeyFigure>: year is required",
    ]);
    expect(messages(`<KeyFigure value="1" label="l" source="s" year="recent" />`)).toEqual(["7: <KeyFigure>: year must be a four-digit year"]);
  });

  it("checks how components nest and that knowledge checks have a right answer", () => {
    expect(messages(`<Option feedback="x">A</Option>`)).toEqual([expect.stringMatching(/must be placed directly inside <KnowledgeCheck>/)]);
    expect(messages(`<KnowledgeCheck question="Q">\n<Option feedback="a">A</Option>\n<Option feedback="b">B</Option>\n</KnowledgeCheck>`)).toEqual([
      expect.stringMatching(/exactly one correct <Option> \(found 0\)/),
    ]);
    expect(messages(`<Callout type="alarm">x</Callout>`)).toEqual([expect.stringMatching(/<Callout>: type: Invalid enum value/)]);
  });

  it("reports MDX syntax errors with a position", () => {
    const [problem] = checkLessonMdx(lesson(`<Callout type="note">never closed`));
    expect(problem.message).toMatch(/MDX syntax error/);
    expect(problem.line).toBeGreaterThanOrEqual(7);
  });

  it("has a component for every registered name, and nothing unregistered", () => {
    expect(Object.keys(lessonComponents).sort()).toEqual([...COMPONENT_NAMES].sort());
  });
});
