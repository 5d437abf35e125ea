// Bidirectional text in lessons written right to left (Arabic): Latin terms, codes and arithmetic
// ("ITU-T L.1023", "Scope 3", "CO2e", "(100 + 30 + 80) ÷ 3 = 70%") are wrapped in <bdi dir="ltr">, so
// the browser lays each out left to right as one unit instead of reordering its parts among the
// Arabic words around it. A rehype step of the lesson compiler; lessons in left-to-right languages
// are left as they are.

type Node = { type: string; value?: string; tagName?: string; children?: Node[] };

const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/g;
const LATIN_LETTER = /[A-Za-z]/g;
/** A run of Latin words and codes, or arithmetic with an equals or approximately sign. */
const LEFT_TO_RIGHT_RUN =
  /[A-Za-z][\w.\-/+&'’]*(?:[ \u00A0]+(?:[A-Za-z0-9][\w.\-/+&'’]*))*|[(\d][\d\s.,()%+\-−×÷]*[=≈][\d\s.,()%+\-−×÷]*[\d%)]/g;
/** Elements whose text is shown as written. */
const VERBATIM = new Set(["code", "pre", "kbd", "samp", "bdi", "bdo"]);

function texts(node: Node, out: string[] = []): string[] {
  if (node.type === "text" && node.value) out.push(node.value);
  if (node.tagName && VERBATIM.has(node.tagName)) return out;
  for (const child of node.children ?? []) texts(child, out);
  return out;
}

/** Whether a lesson reads right to left: more right-to-left letters than Latin ones. */
export function readsRightToLeft(tree: Node): boolean {
  const all = texts(tree).join(" ");
  return (all.match(RTL_LETTER)?.length ?? 0) > (all.match(LATIN_LETTER)?.length ?? 0);
}

/** The text split into plain text and <bdi dir="ltr"> elements around each left-to-right run. */
export function isolateRuns(value: string): Node[] {
  const out: Node[] = [];
  let last = 0;
  for (const match of value.matchAll(LEFT_TO_RIGHT_RUN)) {
    // Sentence punctuation after a run belongs to the Arabic sentence.
    const run = match[0].replace(/[\s.,:;'’]+$/, "");
    if (!run) continue;
    if (match.index > last) out.push({ type: "text", value: value.slice(last, match.index) });
    out.push({
      type: "element",
      tagName: "bdi",
      properties: { dir: "ltr" },
      children: [{ type: "text", value: run }],
    } as Node);
    last = match.index + run.length;
  }
  if (last < value.length) out.push({ type: "text", value: value.slice(last) });
  return out;
}

function isolate(node: Node) {
  if (!node.children || (node.tagName && VERBATIM.has(node.tagName))) return;
  node.children = node.children.flatMap((child) => {
    if (child.type === "text" && child.value) return isolateRuns(child.value);
    isolate(child);
    return [child];
  });
}

/** The rehype plugin: isolates left-to-right runs in a lesson that reads right to left. */
export function rehypeIsolateLeftToRight() {
  return (tree: Node) => {
    if (readsRightToLeft(tree)) isolate(tree);
  };
}
