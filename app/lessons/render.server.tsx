// Turns a compiled lesson into HTML. Lessons are compiled at build time; this only runs the
// compiled code (imported from mdx-bundler's small client module, never its compiler). The lesson
// components speak the page's language: each render uses that language's shared i18next instance.
import { getMDXComponent } from "mdx-bundler/client/index.js";
import type { ComponentType, ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { DEFAULT_LANGUAGE } from "~/i18n/config";
import { i18nFor } from "~/i18n/i18n.server";
import { LessonQueryContext, lessonComponents, markdownElements } from "./components";

const allComponents = { ...lessonComponents, ...markdownElements };
type MdxComponent = ComponentType<{ components: typeof allComponents }>;
const components = new Map<string, MdxComponent>();
/** Rendered lessons by language and hash: the components' words differ from one language to the next. */
const htmlCache = new Map<string, string>();
/** Query parameters of the calculators and exercises: a page with any of them is never cached. */
export const CALCULATOR_PARAMS = /^(pue|dev|s3|circ|sci|host|ew)_/;

function render(language: string, query: URLSearchParams, lesson: ReactNode): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18nFor(language)}>
      <LessonQueryContext.Provider value={query}>{lesson}</LessonQueryContext.Provider>
    </I18nextProvider>,
  );
}

/** Renders code compiled from a draft, for its author: nothing is cached. */
export function renderLessonPreview(code: string, language: string = DEFAULT_LANGUAGE): string {
  const Component = getMDXComponent(code) as MdxComponent;
  return render(language, new URLSearchParams(), <Component components={allComponents} />);
}

/**
 * Renders a lesson in the page's language; the calculators read their inputs from `query`. Plain
 * views are cached.
 */
export function renderLesson(
  hash: string,
  code: string,
  query = new URLSearchParams(),
  language: string = DEFAULT_LANGUAGE,
): string {
  const inputs = new URLSearchParams([...query].filter(([k]) => CALCULATOR_PARAMS.test(k)));
  const cacheable = inputs.size === 0;
  const key = `${language}:${hash}`;
  if (cacheable && htmlCache.has(key)) return htmlCache.get(key)!;
  let Component = components.get(hash);
  if (!Component) {
    Component = getMDXComponent(code) as MdxComponent;
    components.set(hash, Component);
  }
  const html = render(language, inputs, <Component components={allComponents} />);
  if (cacheable) htmlCache.set(key, html);
  return html;
}
