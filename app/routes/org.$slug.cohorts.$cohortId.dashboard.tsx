import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { EnrolmentsChart, FunnelChart } from "~/insights/charts";
import { formatDate, formatPercent } from "~/lib/format";
import { requireCohortStaff } from "~/organisations/access.server";
import { paths } from "~/paths";
import {
  FILTERS,
  parseDashboardQuery,
  queryString,
  STATUS_LABELS,
  type DashboardQuery,
  type ModuleCell,
  type StatusFilter,
} from "~/reports/dashboard";
import { cohortDashboard } from "~/reports/dashboard-data.server";
import { pageTitle } from "~/site";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Dashboard: ${data.cohort.name}` : "Dashboard", data?.organisation.name) },
];

const DEFAULT_QUERY: DashboardQuery = { course: null, status: "all", q: "", sort: "name", dir: "asc", page: 1 };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  const info = await db.cohort.findUniqueOrThrow({
    where: { id: cohort.id },
    select: { id: true, startsAt: true, inactivityDays: true },
  });
  const parsed = parseDashboardQuery(new URL(request.url).searchParams);
  // A bad filter answers 400 with the reason next to its field, and the table unfiltered.
  const query = parsed.ok
    ? parsed.query
    : { ...DEFAULT_QUERY, course: new URL(request.url).searchParams.get("course") };
  const dashboard = await cohortDashboard(db, info, parsed.ok ? query : { ...query, course: null });
  if (!dashboard) notFound("This course is not assigned to the cohort.");
  const body = {
    organisation: { slug: organisation.slug, name: organisation.name },
    cohort: { id: cohort.id, name: cohort.name, inactivityDays: info.inactivityDays },
    query,
    error: parsed.ok ? null : { field: parsed.field, message: parsed.message },
    dashboard,
  };
  return data(body, { status: parsed.ok ? 200 : 400 });
}

const FILTER_LABELS: Record<StatusFilter, string> = { all: "Everyone", ...STATUS_LABELS, "at-risk": "At risk" };
const number = (n: number) => n.toLocaleString("en");

export default function CohortDashboard() {
  const { organisation, cohort, query, error, dashboard } = useLoaderData<typeof loader>();
  const here = (changes: Partial<DashboardQuery>) =>
    paths.cohortDashboard(organisation, cohort, queryString(query, changes));
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.organisation(organisation)}>{organisation.name}</Link> ›{" "}
        <Link to={paths.cohort(organisation, cohort)}>{cohort.name}</Link> ›
      </p>
      <h1 className="text-3xl font-bold">Dashboard: {cohort.name}</h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <a href={paths.cohortExport(organisation, cohort)} download>
          Download progress (CSV)
        </a>
        <a href={paths.cohortStatements(organisation, cohort)} download>
          Download learning records (xAPI JSON)
        </a>
      </p>

      {dashboard.courses.length > 1 && (
        <nav aria-label="Courses of this cohort" className="mt-6">
          <ul className="flex flex-wrap gap-2">
            {dashboard.courses.map((c) => (
              <li key={c.slug}>
                <Link
                  to={paths.cohortDashboard(organisation, cohort, { course: c.slug })}
                  aria-current={dashboard.course?.slug === c.slug ? "page" : undefined}
                  className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-slate-800 no-underline aria-[current=page]:bg-brand-700 aria-[current=page]:text-white dark:border-slate-600 dark:text-slate-100 dark:aria-[current=page]:bg-emerald-400 dark:aria-[current=page]:text-slate-950"
                >
                  {c.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}

      {!dashboard.course ? (
        <p className="mt-6">No course is assigned to this cohort yet.</p>
      ) : (
        <CourseDashboard
          data={{ ...dashboard, course: dashboard.course }}
          cohort={cohort}
          query={query}
          error={error}
          here={here}
        />
      )}
    </div>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Dashboard = Extract<Loaded["dashboard"], { modules: unknown }>;

function CourseDashboard({
  data,
  cohort,
  query,
  error,
  here,
}: {
  data: Dashboard;
  cohort: Loaded["cohort"];
  query: DashboardQuery;
  error: Loaded["error"];
  here: (changes: Partial<DashboardQuery>) => string;
}) {
  const h = data.headline;
  const share = (n: number) => (h.learners > 0 ? ` (${formatPercent((n * 100) / h.learners)})` : "");
  const facts: [string, string][] = [
    ["Learners", number(h.learners)],
    ["Started", `${number(h.started)}${share(h.started)}`],
    ["Completed", number(h.completed)],
    ["Completion rate", h.completionRate === null ? "–" : formatPercent(h.completionRate)],
    ["Average best quiz score", h.averageBestScore === null ? "No quiz taken yet" : formatPercent(h.averageBestScore)],
    ["Overdue", data.course.dueAt ? number(h.overdue) : "No due date"],
    ["Certificates issued", number(h.certificates)],
    ["At risk", number(h.atRisk)],
  ];
  const scoreCount = data.charts.scores.reduce((s, b) => s + b.count, 0);
  return (
    <>
      <h2 className="mt-8 text-2xl font-semibold">{data.course.title}</h2>
      <p className="mt-1 text-sm muted">
        {data.course.dueAt ? `Due ${formatDate(data.course.dueAt)}.` : "No due date."} Learners are at risk after{" "}
        {cohort.inactivityDays} days without activity, or when more than 10 points behind the pace that finishes by the
        due date.
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label="Headline figures">
        {facts.map(([term, value]) => (
          <div key={term} className="card">
            <dt className="text-sm muted">{term}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="at-risk" className="mt-10">
        <h2 id="at-risk" className="text-xl font-semibold">
          At risk
        </h2>
        {data.atRisk.length === 0 ? (
          <p className="mt-2">No learner is at risk.</p>
        ) : (
          <>
            <p className="mt-1 text-sm muted">
              {h.atRisk > data.atRisk.length
                ? `The ${data.atRisk.length} inactive longest of ${number(h.atRisk)} learners at risk.`
                : "Longest inactive first."}{" "}
              <Link to={here({ status: "at-risk", page: 1, sort: "activity", dir: "asc" })}>
                List every learner at risk
              </Link>
            </p>
            <ul className="mt-3 grid gap-3 md:grid-cols-2">
              {data.atRisk.map((l) => (
                <li key={l.userId} className="card">
                  <p className="font-semibold">{l.name}</p>
                  <p className="text-sm muted">
                    {formatPercent(l.percent)} done · last active{" "}
                    {l.lastActivityAt ? formatDate(l.lastActivityAt, "medium") : "never"}
                  </p>
                  <ul className="mt-1 list-disc pl-5 text-sm">
                    {l.risks.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="learners" className="mt-10">
        <h2 id="learners" className="text-xl font-semibold">
          Learners by module
        </h2>
        <LearnerFilters query={query} error={error} />
        <LearnerTable data={data} query={query} here={here} />
      </section>

      <section aria-labelledby="charts" className="mt-10">
        <h2 id="charts" className="text-xl font-semibold">
          Over time and distributions
        </h2>
        <div className="mt-4 grid gap-6">
          <EnrolmentsChart
            weeks={data.charts.completionsByWeek}
            title="Course completions per week"
            noun={["completion", "completions"]}
          />
          <FunnelChart
            title="Learners by progress"
            steps={data.charts.progress.map((b) => ({ lessonKey: b.label, title: b.label, completed: b.count }))}
            enrolled={h.learners}
            numbered={false}
            head={["Progress", "Learners", "Share of the cohort"]}
            summary={`Of ${number(h.learners)} learners, ${number(data.charts.progress[0]!.count)} have not started and ${number(data.charts.progress.at(-1)!.count)} have done every lesson.`}
          />
          <FunnelChart
            title="Best quiz scores"
            steps={data.charts.scores.map((b) => ({ lessonKey: b.label, title: b.label, completed: b.count }))}
            enrolled={scoreCount}
            numbered={false}
            head={["Best score", "Quiz results", "Share of quiz results"]}
            summary={
              scoreCount === 0
                ? "No learner of this cohort has taken a quiz of this course yet."
                : `${number(scoreCount)} best scores (one per learner and quiz); ${number(data.charts.scores.at(-1)!.count)} of them 90% or more.`
            }
          />
        </div>
      </section>
    </>
  );
}

function LearnerFilters({ query, error }: { query: DashboardQuery; error: Loaded["error"] }) {
  const err = (field: string) =>
    error?.field === field ? (
      <p id={`filter-${field}-error`} className="field-error">
        {error.message}
      </p>
    ) : null;
  const described = (field: string) => (error?.field === field ? `filter-${field}-error` : undefined);
  return (
    <Form method="get" role="search" aria-label="Learners" className="mt-4 flex flex-wrap items-end gap-3">
      {query.course && <input type="hidden" name="course" value={query.course} />}
      <div>
        <label htmlFor="filter-q" className="field-label">
          Name or e-mail
        </label>
        <input
          id="filter-q"
          name="q"
          type="search"
          defaultValue={query.q}
          maxLength={100}
          className="field-input"
          aria-invalid={error?.field === "q" || undefined}
          aria-describedby={described("q")}
        />
        {err("q")}
      </div>
      <div>
        <label htmlFor="filter-status" className="field-label">
          Status
        </label>
        <select
          id="filter-status"
          name="status"
          defaultValue={query.status}
          className="field-input"
          aria-invalid={error?.field === "status" || undefined}
          aria-describedby={described("status")}
        >
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {FILTER_LABELS[f]}
            </option>
          ))}
        </select>
        {err("status")}
      </div>
      <div>
        <label htmlFor="filter-sort" className="field-label">
          Sort by
        </label>
        <select
          id="filter-sort"
          name="sort"
          defaultValue={query.sort}
          className="field-input"
          aria-invalid={error?.field === "sort" || undefined}
          aria-describedby={described("sort")}
        >
          <option value="name">Name</option>
          <option value="progress">Progress</option>
          <option value="activity">Last activity</option>
        </select>
        {err("sort")}
      </div>
      <div>
        <label htmlFor="filter-dir" className="field-label">
          Order
        </label>
        <select
          id="filter-dir"
          name="dir"
          defaultValue={query.sort === "name" && query.dir === "asc" ? "" : query.dir}
          className="field-input"
          aria-invalid={error?.field === "dir" || undefined}
          aria-describedby={described("dir")}
        >
          <option value="">Natural (A–Z, highest or latest first)</option>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
        {err("dir")}
      </div>
      <button type="submit" className="btn-primary">
        Show
      </button>
      {err("page")}
      {err("course")}
    </Form>
  );
}

const CELL_TEXT: Record<ModuleCell["state"], string> = {
  done: "Done",
  "in-progress": "In progress",
  "not-started": "Not started",
};
const CELL_STYLE: Record<ModuleCell["state"], string> = {
  done: "bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50",
  "in-progress": "bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-50",
  "not-started": "",
};

function LearnerTable({
  data,
  query,
  here,
}: {
  data: Dashboard;
  query: DashboardQuery;
  here: (changes: Partial<DashboardQuery>) => string;
}) {
  const { learners, total, page, pages } = data.page;
  return (
    <>
      <p className="mt-4 text-sm" role="status">
        {number(total)} {total === 1 ? "learner" : "learners"}
        {query.status !== "all" || query.q ? " match" : ""}
        {pages > 1 ? ` · page ${page} of ${pages}` : ""}
      </p>
      <div
        className="mt-2 overflow-x-auto"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        tabIndex={0}
        role="region"
        aria-label="Learners by module"
      >
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Each learner’s status, progress, last activity and the state of each module with its quiz score
          </caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-2 pr-3">
                Learner
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Progress
              </th>
              <th scope="col" className="px-3 py-2">
                Last activity
              </th>
              {data.modules.map((m, i) => (
                <th key={m.key} scope="col" className="px-3 py-2">
                  <abbr title={m.title}>M{i + 1}</abbr>
                  <span className="sr-only">: {m.title}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.userId} className="border-b border-slate-200 align-top dark:border-slate-700">
                <th scope="row" className="py-2 pr-3 font-normal">
                  <span className="font-semibold">{l.name}</span>
                  <br />
                  <span className="muted">{l.email}</span>
                </th>
                <td className="px-3 py-2">
                  {STATUS_LABELS[l.status]}
                  {l.risks.length > 0 && (
                    <>
                      <br />
                      <span className="font-semibold text-red-800 dark:text-red-300">At risk</span>
                    </>
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatPercent(l.percent)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {l.lastActivityAt ? formatDate(l.lastActivityAt, "medium") : "Never"}
                </td>
                {l.modules.map((m, i) => (
                  <td key={data.modules[i]!.key} className={`px-3 py-2 whitespace-nowrap ${CELL_STYLE[m.state]}`}>
                    {m.state === "in-progress" && m.lessonsTotal > 0 && m.lessonsDone >= m.lessonsTotal
                      ? "Lessons done, quiz not taken"
                      : `${CELL_TEXT[m.state]}${m.state === "in-progress" && m.lessonsTotal > 0 ? ` ${m.lessonsDone}/${m.lessonsTotal}` : ""}`}
                    {m.quizBest !== null && (
                      <>
                        <br />
                        <span>Quiz {formatPercent(m.quizBest)}</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {learners.length === 0 && <p className="mt-3">No learner matches.</p>}
      {pages > 1 && (
        <nav aria-label="Pages of learners" className="mt-4 flex items-center gap-4">
          {page > 1 && <Link to={here({ page: page - 1 })}>Previous page</Link>}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && <Link to={here({ page: page + 1 })}>Next page</Link>}
        </nav>
      )}
    </>
  );
}
