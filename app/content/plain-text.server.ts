// The plain text of a lesson, for search: what a reader sees, without Markdown or MDX markup.
// Lesson components contribute their visible text (children, and captions, labels, titles,
// questions, key figures); nothing that only appears after an answer (an option's feedback) and
// nothing that is not text (calculators, image paths).
import type { Root, RootContent } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);

/** Component attributes whose text a reader sees, in the order they are shown. */
const VISIBLE_ATTRIBUTES = ["title", "question", "value", "label", "caption", "source"];

const BLOCKS = new Set([
  "paragraph",
  "heading",
  "blockquote",
  "list",
  "listItem",
  "table",
  "tableRow",
  "code",
  "thematicBreak",
  "mdxJsxFlowElement",
]);

/** Lesson MDX (with or without frontmatter) as plain text: one line per block, words as written. */
export function mdxToPlainText(source: string): string {
  const tree = parser.parse(source) as Root;
  const out: string[] = [];
  const visit = (node: RootContent | Root) => {
    switch (node.type) {
      case "yaml":
      case "html":
      case "image":
      case "imageReference":
      case "definition":
      case "mdxjsEsm":
      case "mdxFlowExpression":
      case "mdxTextExpression":
        return;
      case "text":
      case "inlineCode":
        out.push(node.value);
        return;
      case "code":
        out.push("\n", node.value, "\n");
        return;
      case "break":
        out.push(" ");
        return;
      case "tableCell":
        node.children.forEach(visit);
        out.push(" ");
        return;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const flow = node.type === "mdxJsxFlowElement";
        if (flow) out.push("\n");
        for (const name of VISIBLE_ATTRIBUTES) {
          const attr = node.attributes.find((a) => a.type === "mdxJsxAttribute" && a.name === name);
          if (attr && typeof attr.value === "string") out.push(attr.value, flow ? "\n" : " ");
        }
        node.children.forEach((c) => visit(c as RootContent));
        if (flow) out.push("\n");
        return;
      }
    }
    if (BLOCKS.has(node.type)) out.push("\n");
    if ("children" in node) (node.children as RootContent[]).forEach(visit);
    if (BLOCKS.has(node.type)) out.push("\n");
  };
  visit(tree);
  return out
    .join("")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}
