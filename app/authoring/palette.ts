// The components an author can insert in a lesson, each with a snippet carrying its required
// props and a one-line reference. Kept beside the registry's list: a test checks they agree.
export type PaletteEntry = { name: string; about: string; snippet: string };

export const PALETTE: PaletteEntry[] = [
  {
    name: "Callout",
    about: "A boxed note, tip or warning. type is note, tip or warning; title is optional.",
    snippet: '<Callout type="note" title="Title">\n\nText of the note.\n\n</Callout>',
  },
  {
    name: "KeyFigure",
    about: "One figure with its label, source and year — every figure needs a source and a year.",
    snippet:
      '<KeyFigure value="62 Mt" label="e-waste generated in 2022" source="Global E-waste Monitor 2024" year="2024" />',
  },
  {
    name: "Term",
    about: "A word with its definition, shown on hover and focus.",
    snippet: '<Term definition="What the word means.">word</Term>',
  },
  {
    name: "Figure",
    about: "An image with alt text and a caption: upload it below, or name a file under /content/.",
    snippet: '<Figure src="/content/example.svg" alt="What the image shows" caption="Caption, with the source." />',
  },
  {
    name: "Steps",
    about: "A numbered procedure; each Step has a title.",
    snippet:
      '<Steps>\n<Step title="First step">\n\nWhat to do.\n\n</Step>\n<Step title="Second step">\n\nWhat to do next.\n\n</Step>\n</Steps>',
  },
  {
    name: "Tabs",
    about: "Alternative views side by side; each Tab has a label.",
    snippet:
      '<Tabs>\n<Tab label="First">\n\nFirst view.\n\n</Tab>\n<Tab label="Second">\n\nSecond view.\n\n</Tab>\n</Tabs>',
  },
  {
    name: "KnowledgeCheck",
    about: "A quick ungraded question; mark the right Option with correct; add multiple for several.",
    snippet:
      '<KnowledgeCheck question="The question?">\n<Option correct feedback="Why this is right.">Right answer</Option>\n<Option feedback="Why this is wrong.">Wrong answer</Option>\n</KnowledgeCheck>',
  },
  {
    name: "PueCalculator",
    about: "Power usage effectiveness from facility and IT energy.",
    snippet: "<PueCalculator />",
  },
  {
    name: "DeviceCarbonCalculator",
    about: "A device's embodied and use-phase emissions over its life.",
    snippet: "<DeviceCarbonCalculator />",
  },
  {
    name: "Scope3Screening",
    about: "Sort an organisation's emissions into the 15 Scope 3 categories.",
    snippet: "<Scope3Screening />",
  },
  {
    name: "CircularityScore",
    about: "Score a device against circular design criteria.",
    snippet: "<CircularityScore />",
  },
  {
    name: "SciCalculator",
    about: "Software Carbon Intensity (ISO/IEC 21031) per functional unit.",
    snippet: "<SciCalculator />",
  },
  {
    name: "HostingTradeoff",
    about: "Compare two hosting options by energy, PUE and grid intensity.",
    snippet: "<HostingTradeoff />",
  },
  { name: "WarningChain", about: "Order the links of an end-to-end early-warning chain.", snippet: "<WarningChain />" },
];
