import { describe, expect, it } from "vitest";
import { mdxToPlainText } from "./plain-text.server";

describe("mdxToPlainText", () => {
  it("keeps the words a reader sees and drops the markup", () => {
    const text = mdxToPlainText(`---
title: A lesson
---

## A *rate* is a **ratio**

Read [the monitor](https://example.org) and \`L.1470\`.

- first item
- second item

| Region | Rate |
|---|---|
| Europe | 42.8% |

<KeyFigure value="22.3%" label="share documented" source="Global E-waste Monitor 2024" year="2024" />

<Callout type="note" title="Strategy">
You cannot recycle your way out. <Term definition="A hidden definition.">Formal collection</Term> matters.
</Callout>

<KnowledgeCheck question="Which is right?">
<Option feedback="Secret feedback.">Wrong answer</Option>
<Option correct feedback="Right, because.">Right answer</Option>
</KnowledgeCheck>

<Figure src="/content/x.svg" alt="Long alt text" caption="A caption" />
<PueCalculator facilityKwh="1500" itKwh="1000" />
`);
    expect(text.split("\n")).toEqual([
      "A rate is a ratio",
      "Read the monitor and L.1470.",
      "first item",
      "second item",
      "Region Rate",
      "Europe 42.8%",
      "22.3%",
      "share documented",
      "Global E-waste Monitor 2024",
      "Strategy",
      "You cannot recycle your way out. Formal collection matters.",
      "Which is right?",
      "Wrong answer",
      "Right answer",
      "A caption",
    ]);
    expect(text).not.toMatch(/title:|Secret|Right, because|hidden definition|1500|\/content\//);
  });
});
