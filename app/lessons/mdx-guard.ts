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

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkFrontmatter, ["yaml"]);
/** http(s) and mailto links, and paths on this site; no other schemes, no protocol-relative URLs. */
const isSafeUrl = (url: string) =>
  /^[a-z][a-z\d+.-]*:/i.test(url) ? /^(https?|mailto):/i.test(url) : !url.startsWith("//");

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;
type AnyNode = RootContent | Root;

export function checkLessonMdx(source: string): MdxProblem[] {
  let tree: Root;
  try {
    tree = parser.parse(source) as Root;
  } catch (e) {
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

  const visit = (node: AnyNode, parent: string | null) => {
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
        node.children.forEach((c) => visit(c as RootContent, node.name ?? null));
        return;
    }
    if ("children" in node) node.children.forEach((c) => visit(c as RootContent, parent));
  };
  visit(tree, null);
  // Stryker disable next-line MethodExpression,ArithmeticOperator: the depth-first walk already reports in reading order; the sort keeps that a guarantee
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
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
