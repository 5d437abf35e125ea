import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { db } from "~/db/db.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { search, type MarkedText, type SearchKind } from "~/search/search.server";
import { pageTitle } from "~/site";

await needMessages("catalogue");

const PAGE_SIZE = 10;
const MAX_PAGE = 100;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Public, like the catalogue: anyone may search the current courses.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "catalogue");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim();
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), MAX_PAGE) : 1;
  const title = pageTitle(q ? t("search.titleQuery", { q }) : t("search.title"));
  if (!q) return { title, q, page, results: null };
  const results = await search(db, q, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { title, q, page, results };
}

/** The kinds of result, in the order the count of each is given (messages `search.kind.<kind>`). */
const KINDS: SearchKind[] = ["course", "lesson", "term"];

export default function Search() {
  const { q, page, results } = useLoaderData<typeof loader>();
  const pages = results ? Math.ceil(results.total / PAGE_SIZE) : 0;
  const { t } = useTranslation("catalogue");
  const format = useFormat();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">{t("search.heading")}</h1>
      <Form
        method="get"
        action={paths.search()}
        role="search"
        aria-label={t("search.form")}
        className="mt-4 flex flex-wrap items-end gap-3"
      >
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="search-q" className="field-label">
            {t("search.label")}
          </label>
          <input
            id="search-q"
            key={q}
            type="search"
            name="q"
            defaultValue={q}
            maxLength={500}
            className="field-input"
          />
        </div>
        <button type="submit" className="btn-primary">
          {t("search.submit")}
        </button>
      </Form>

      {results === null ? (
        <p className="mt-6 muted">{t("search.hint")}</p>
      ) : (
        <>
          <p className="mt-6" role="status">
            {results.total === 0 ? (
              t("search.none", { q })
            ) : (
              <>
                {t("search.results", { count: results.total, q })}
                <span className="muted">
                  {t("search.byKind", {
                    kinds: KINDS.filter((k) => results.byKind[k] > 0)
                      .map((k) => t(`search.kind.${k}`, { count: results.byKind[k] }))
                      .join(t("search.kindSeparator")),
                  })}
                </span>
                {pages > 1 && (
                  <span className="muted">
                    {" "}
                    {t("search.pageOf", { page: format.number(page), pages: format.number(pages) })}
                  </span>
                )}
              </>
            )}
          </p>
          {results.total === 0 && (
            <div className="mt-2 muted">
              <p>{results.words.length ? t("search.checkSpelling") : t("search.typeWords")}</p>
              <p className="mt-2">
                <Trans t={t} i18nKey="search.browse" components={{ a: <Link to={paths.courses()} /> }} />
              </p>
            </div>
          )}
          {results.total > 0 && results.hits.length === 0 && (
            <p className="mt-2">
              <Trans
                t={t}
                i18nKey="search.noPage"
                values={{ page: format.number(page) }}
                components={{ a: <Link to={paths.search(q, 1)} /> }}
              />
            </p>
          )}
          <ol className="mt-6 space-y-6">
            {results.hits.map((hit) => (
              <li key={hit.url} className="break-words">
                <p className="text-sm muted">
                  <span className="me-2 rounded bg-slate-100 px-1.5 py-0.5 font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100">
                    {t(`search.badge.${hit.kind}`)}
                  </span>
                  {hit.kind !== "course" && t("search.inCourse", { course: hit.course.title })}
                </p>
                <h2 className="mt-1 text-lg font-semibold">
                  <Link to={hit.url}>
                    <Marked text={hit.title} />
                  </Link>
                </h2>
                <p className="mt-1 muted">
                  <Marked text={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
          {pages > 1 && (
            <nav aria-label={t("search.pages.label")} className="mt-8 flex flex-wrap items-center gap-4">
              {page > 1 && (
                <Link to={paths.search(q, page - 1)} rel="prev">
                  {t("search.pages.previous")}
                </Link>
              )}
              <span className="muted">
                {t("search.pages.current", {
                  page: format.number(Math.min(page, pages)),
                  pages: format.number(pages),
                })}
              </span>
              {page < pages && (
                <Link to={paths.search(q, page + 1)} rel="next">
                  {t("search.pages.next")}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </div>
  );
}

/** Text with its matched words in <mark>, built as React nodes: never as HTML. */
function Marked({ text }: { text: MarkedText }) {
  return (
    <>
      {text.map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-current dark:bg-amber-900">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
