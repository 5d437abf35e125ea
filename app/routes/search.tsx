import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { paths } from "~/paths";
import { search, type MarkedText, type SearchKind } from "~/search/search.server";

const PAGE_SIZE = 10;
const MAX_PAGE = 100;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.q ? `Search: ${data.q} · Green Digital Academy` : "Search · Green Digital Academy" },
];

// Public, like the catalogue: anyone may search the current courses.
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim();
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) ? Math.min(Math.max(requested, 1), MAX_PAGE) : 1;
  if (!q) return { q, page, results: null };
  const results = await search(db, q, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  return { q, page, results };
}

const KIND_LABELS: Record<SearchKind, [string, string]> = {
  course: ["course", "courses"],
  lesson: ["lesson", "lessons"],
  term: ["glossary term", "glossary terms"],
};
const KIND_BADGES: Record<SearchKind, string> = { course: "Course", lesson: "Lesson", term: "Glossary" };
const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

export default function Search() {
  const { q, page, results } = useLoaderData<typeof loader>();
  const pages = results ? Math.ceil(results.total / PAGE_SIZE) : 0;
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold">Search</h1>
      <Form
        method="get"
        action={paths.search()}
        role="search"
        aria-label="Search the courses"
        className="mt-4 flex flex-wrap items-end gap-3"
      >
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="search-q" className="field-label">
            Search courses, lessons and glossaries
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
          Search
        </button>
      </Form>

      {results === null ? (
        <p className="mt-6 muted">Type one or more words, for example “e-waste”, “PUE” or “scope 3”.</p>
      ) : (
        <>
          <p className="mt-6" role="status">
            {results.total === 0 ? (
              <>No results for “{q}”.</>
            ) : (
              <>
                {count(results.total, ["result", "results"])} for “{q}”
                <span className="muted">
                  {": "}
                  {(Object.keys(KIND_LABELS) as SearchKind[])
                    .filter((k) => results.byKind[k] > 0)
                    .map((k) => count(results.byKind[k], KIND_LABELS[k]))
                    .join(", ")}
                </span>
                {pages > 1 && (
                  <span className="muted">
                    {" "}
                    (page {page} of {pages})
                  </span>
                )}
              </>
            )}
          </p>
          {results.total === 0 && (
            <div className="mt-2 muted">
              <p>
                {results.words.length
                  ? "Check the spelling, or try fewer or other words."
                  : "Type words to search for: letters or digits."}
              </p>
              <p className="mt-2">
                Or browse <Link to={paths.courses()}>all courses</Link>.
              </p>
            </div>
          )}
          {results.total > 0 && results.hits.length === 0 && (
            <p className="mt-2">
              There is no page {page}. <Link to={paths.search(q, 1)}>Go to the first page of results</Link>.
            </p>
          )}
          <ol className="mt-6 space-y-6">
            {results.hits.map((hit) => (
              <li key={hit.url} className="break-words">
                <p className="text-sm muted">
                  <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-100">
                    {KIND_BADGES[hit.kind]}
                  </span>
                  {hit.kind !== "course" && <>in {hit.course.title}</>}
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
            <nav aria-label="Pages of results" className="mt-8 flex flex-wrap items-center gap-4">
              {page > 1 && (
                <Link to={paths.search(q, page - 1)} rel="prev">
                  Previous page
                </Link>
              )}
              <span className="muted">
                Page {Math.min(page, pages)} of {pages}
              </span>
              {page < pages && (
                <Link to={paths.search(q, page + 1)} rel="next">
                  Next page
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
