// Turns a compiled lesson into HTML. Lessons are compiled at build time; this only runs the
// compiled code (imported from mdx-bundler's small client module, never its compiler).
import { getMDXComponent } from "mdx-bundler/client/index.js";
import type { ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LessonQueryContext, lessonComponents, markdownElements } from "./components";

const allComponents = { ...lessonComponents, ...markdownElements };
type MdxComponent = ComponentType<{ components: typeof allComponents }>;
const components = new Map<string, MdxComponent>();
const htmlCache = new Map<string, string>();
/** Query parameters of the calculators and exercises: a page with any of them is never cached. */
export const CALCULATOR_PARAMS = /^(pue|dev|s3|circ|sci|host|ew)_/;

/** Renders code compiled from a draft, for its author: nothing is cached. */
export function renderLessonPreview(code: string): string {
  const Component = getMDXComponent(code) as MdxComponent;
  return renderToStaticMarkup(
    <LessonQueryContext.Provider value={new URLSearchParams()}>
      <Component components={allComponents} />
    </LessonQueryContext.Provider>,
  );
}

/** Renders a lesson; the calculators read their inputs from `query`. Plain views are cached. */
export function renderLesson(hash: string, code: string, query = new URLSearchParams()): string {
  const inputs = new URLSearchParams([...query].filter(([k]) => CALCULATOR_PARAMS.test(k)));
  const cacheable = inputs.size === 0;
  if (cacheable && htmlCache.has(hash)) return htmlCache.get(hash)!;
  let Component = components.get(hash);
  if (!Component) {
    Component = getMDXComponent(code) as MdxComponent;
    components.set(hash, Component);
  }
  const html = renderToStaticMarkup(
    <LessonQueryContext.Provider value={inputs}>
      <Component components={allComponents} />
    </LessonQueryContext.Provider>,
  );
  if (cacheable) htmlCache.set(hash, html);
  return html;
}
