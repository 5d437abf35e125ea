// The check every lesson passes before it is compiled: Markdown and the registered lesson
// components with literal props only. No imports or exports, no JavaScript expressions, no raw
// HTML, no event handlers, no javascript: links. Lesson text is untrusted input, whether it comes
// from the repository or from the browser.
import type { Root, RootContent } from "mdast";
import type { MdxJsxFlowElement, MdxJsxTextElement } from "mdast-util-mdx-jsx";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { COMPONENT_NAMES, LESSON_COMPONENTS } from "./registry";

export type MdxProblem = { line: number; column: number; message: string };

/**
 * How deeply components, block quotes and lists may nest. Lessons need a handful of levels; far
 * deeper nesting only makes the parser slow (it grows faster than the text) and can exhaust the stack.
 */
export const MAX_NESTING = 32;
/** How deeply the parsed document may nest, node inside node (headings, emphasis, links count too). */
const MAX_TREE_DEPTH = 2 * MAX_NESTING;

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);
/** http(s) and mailto links, and paths on this site; no other schemes, no protocol-relative URLs. */
const isSafeUrl = (url: string) =>
  /^[a-z][a-z\d+.-]*:/i.test(url) ? /^(https?|mailto):/i.test(url) : !url.startsWith("//");

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;
type AnyNode = RootContent | Root;

export function checkLessonMdx(source: string): MdxProblem[] {
  // Checked on the text before parsing: these would otherwise cost the parser its time, or worse.
  const early = checkFrontmatterFence(source) ?? checkNesting(source);
  if (early) return [early];
  let tree: Root;
  try {
    tree = parser.parse(source) as Root;
  } catch (e) {
    if (e instanceof RangeError) return [{ line: 1, column: 1, message: TOO_DEEP }];
    const err = e as {
      line?: number;
      column?: number;
      reason?: string;
      message: string;
      place?: { line?: number; column?: number; start?: { line: number; column: number } };
    };
    // Stryker disable next-line StringLiteral: the parser's errors (VFileMessage) always carry line and column, so this fallback for other errors is not reached
    const place = err.place && "start" in err.place ? err.place.start : err.place;
    return [
      {
        line: err.line ?? place?.line ?? 1,
        column: err.column ?? place?.column ?? 1,
        // Stryker disable next-line LogicalOperator: a VFileMessage's reason and message are the same text
        message: `MDX syntax error: ${err.reason ?? err.message}`,
      },
    ];
  }
  const problems: MdxProblem[] = [];
  const report = (node: { position?: { start: { line: number; column: number } } }, message: string) =>
    problems.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, message });

  let tooDeep = false;
  const visit = (node: AnyNode, parent: string | null, depth = 0) => {
    if (depth > MAX_TREE_DEPTH) {
      if (!tooDeep) report(node, TOO_DEEP);
      tooDeep = true;
      return;
    }
    switch (node.type) {
      case "mdxjsEsm":
        report(
          node,
          "import and export are not allowed in lessons; the lesson components are available without importing",
        );
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        report(
          node,
          "JavaScript expressions in braces are not allowed in lessons; write plain text (use words instead of { and })",
        );
        return;
      case "link":
      case "image":
      case "definition":
        if (!isSafeUrl(node.url)) report(node, `links must be http(s), mailto or site paths, not "${node.url}"`);
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        checkElement(node, parent, report);
        node.children.forEach((c) => visit(c as RootContent, node.name ?? null, depth + 1));
        return;
    }
    if ("children" in node) node.children.forEach((c) => visit(c as RootContent, parent, depth + 1));
  };
  visit(tree, null);
  // Stryker disable next-line MethodExpression,ArithmeticOperator: the depth-first walk already reports in reading order; the sort keeps that a guarantee
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

const TOO_DEEP = `the lesson is nested too deeply (more than ${MAX_NESTING} levels of components, block quotes, lists or emphasis); lessons need only a few levels`;

/**
 * A first line such as `---js` opens a frontmatter block in another language, which some
 * frontmatter readers evaluate as JavaScript. Only YAML frontmatter (a line of just ---) is allowed.
 */
function checkFrontmatterFence(source: string): MdxProblem | null {
  const first = /^\uFEFF?---(?!-)([^\r\n]*)/.exec(source);
  if (!first || !first[1].trim()) return null;
  return {
    line: 1,
    column: 1,
    message: `frontmatter must be YAML between lines of just ---, not "---${first[1].trim().slice(0, 20)}"`,
  };
}

/**
 * Measures nesting on the text, without parsing: component tags (outside code), and block-quote and
 * list markers at the start of a line. Reports the first place that goes deeper than MAX_NESTING.
 */
function checkNesting(source: string): MdxProblem | null {
  const tooDeep = (line: number, column: number) => ({ line, column, message: TOO_DEEP });
  const scrubbed: string[] = [];
  let fence: string | null = null;
  for (const [i, raw] of source.split("\n").entries()) {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence || fenceMark) {
      const closes = fence && fenceMark?.[0] === fence[0] && fenceMark.length >= fence.length;
      if (closes && !raw.trim().slice(fenceMark!.length).trim()) fence = null;
      else if (!fence) fence = fenceMark!;
      scrubbed.push("");
      continue;
    }
    const markers = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/.exec(raw)?.[0] ?? "";
    if ((markers.match(/>|[-*+]|\d{1,9}[.)]/g)?.length ?? 0) > MAX_NESTING) return tooDeep(i + 1, 1);
    // Inline code may show tags without opening them.
    scrubbed.push(raw.replace(/(`+)[^`][^\n]*?\1/g, (code) => " ".repeat(code.length)));
  }
  const text = scrubbed.join("\n");
  const tag = /<(\/?)([A-Za-z][\w.:-]*)?((?:[^<>"'{}]|"[^"\n]*"|'[^'\n]*'|\{[^{}]*\})*?)(\/?)>/g;
  let depth = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[4]) depth++;
    if (depth > MAX_NESTING) {
      const before = text.slice(0, m.index);
      return tooDeep(before.split("\n").length, m.index - before.lastIndexOf("\n"));
    }
  }
  return null;
}

function checkElement(node: Jsx, parent: string | null, report: (n: Jsx, m: string) => void) {
  const name = node.name;
  if (!name) return report(node, "fragments (<>…</>) are not allowed in lessons");
  const spec = LESSON_COMPONENTS[name];
  if (!spec) {
    if (/^[a-z]/.test(name))
      return report(
        node,
        `HTML elements such as <${name}> are not allowed in lessons; use Markdown or a lesson component`,
      );
    return report(node, `unknown component <${name}>; lessons may use ${COMPONENT_NAMES.join(", ")}`);
  }
  if (spec.parent && parent !== spec.parent) report(node, `<${name}> must be placed directly inside <${spec.parent}>`);

  const props: Record<string, unknown> = {};
  for (const attr of node.attributes) {
    if (attr.type === "mdxJsxExpressionAttribute") {
      report(node, `<${name}>: spread attributes are not allowed; write each attribute as name="text"`);
      continue;
    }
    if (/^on/i.test(attr.name)) {
      report(node, `<${name}>: event-handler attributes such as ${attr.name} are not allowed`);
      continue;
    }
    if (attr.value !== null && typeof attr.value === "object") {
      report(node, `<${name}>: the value of ${attr.name} must be a literal string in quotes, not an expression`);
      continue;
    }
    props[attr.name] = attr.value === null ? true : attr.value;
  }
  const parsed = spec.props.safeParse(props);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // Stryker disable next-line StringLiteral: component props are flat, so a path has at most one part
      const field = issue.path.join(".");
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown attribute${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`
          : issue.message.startsWith(field) || !field
            ? issue.message
            : `${field}: ${issue.message}`;
      report(node, `<${name}>: ${message}`);
    }
  }

  const componentChildren = node.children
    .flatMap((c) => (c.type === "paragraph" ? c.children : [c]))
    .filter((c): c is Jsx => c.type === "mdxJsxFlowElement" || c.type === "mdxJsxTextElement");
  if (spec.children) {
    const allowed = spec.children;
    const isAllowed = (c: { type: string; name?: string | null }) =>
      (c.type === "mdxJsxFlowElement" || c.type === "mdxJsxTextElement") && allowed.includes(c.name ?? "");
    const stray = node.children.filter((c) =>
      c.type === "paragraph"
        ? c.children.some((t) => !(isAllowed(t) || (t.type === "text" && !t.value.trim())))
        : !isAllowed(c),
    );
    if (stray.length) report(node, `<${name}> may contain only ${spec.children.map((c) => `<${c}>`).join(", ")}`);
  }
  if (spec.check) {
    const childProps = componentChildren.map((c) => ({
      // Stryker disable next-line StringLiteral: the only check (KnowledgeCheck) counts its children without reading their names
      name: c.name ?? "",
      props: Object.fromEntries(
        c.attributes.flatMap((a) =>
          a.type === "mdxJsxAttribute" ? [[a.name, a.value === null ? true : a.value]] : [],
        ),
      ),
    }));
    const problem = spec.check(childProps, props);
    if (problem) report(node, problem);
  }
}
