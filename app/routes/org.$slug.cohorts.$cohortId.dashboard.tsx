import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DownloadButton } from "~/components/download-button";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { EnrolmentsChart, FunnelChart } from "~/insights/charts";
import { useFormat } from "~/lib/use-format";
import { requireCohortStaff } from "~/organisations/access.server";
import { paths } from "~/paths";
import {
  FILTERS,
  PACE_TOLERANCE,
  parseDashboardQuery,
  PROGRESS_BANDS,
  queryString,
  SCORE_BANDS,
  type DashboardQuery,
  type ModuleCell,
  type Risk,
} from "~/reports/dashboard";
import { cohortDashboard } from "~/reports/dashboard-data.server";
import { pageTitle } from "~/site";

await needMessages("cohort");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

const DEFAULT_QUERY: DashboardQuery = { course: null, status: "all", q: "", sort: "name", dir: "asc", page: 1 };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { organisation, cohort } = await requireCohortStaff(request, context, params.slug, params.cohortId);
  const { t } = await requestTranslator({ request, context }, "cohort");
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
  if (!dashboard) notFound(t("dashboard.courseNotAssigned"));
  const body = {
    title: pageTitle(t("dashboard.title", { cohort: cohort.name }), organisation.name),
    organisation: { slug: organisation.slug, name: organisation.name },
    cohort: { id: cohort.id, name: cohort.name, inactivityDays: info.inactivityDays },
    query,
    error: parsed.ok ? null : { field: parsed.field, message: say(t, parsed.problem) },
    dashboard,
  };
  return data(body, { status: parsed.ok ? 200 : 400 });
}

export default function CohortDashboard() {
  const { organisation, cohort, query, error, dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation("cohort");
  const here = (changes: Partial<DashboardQuery>) =>
    paths.cohortDashboard(organisation, cohort, queryString(query, changes));
  return (
    <div>
      <p className="text-sm muted">
        <Link to={paths.organisation(organisation)}>
          <bdi>{organisation.name}</bdi>
        </Link>{" "}
        {t("breadcrumbSeparator")}{" "}
        <Link to={paths.cohort(organisation, cohort)}>
          <bdi>{cohort.name}</bdi>
        </Link>{" "}
        {t("breadcrumbSeparator")}
      </p>
      <h1 className="text-3xl font-bold">{t("dashboard.title", { cohort: cohort.name })}</h1>
      <div className="mt-2 flex flex-wrap gap-4 text-sm">
        <DownloadButton action={paths.cohortExport(organisation, cohort)}>
          {t("dashboard.downloadProgress")}
        </DownloadButton>
        <DownloadButton action={paths.cohortStatements(organisation, cohort)}>
          {t("dashboard.downloadStatements")}
        </DownloadButton>
      </div>

      {dashboard.courses.length > 1 && (
        <nav aria-label={t("dashboard.coursesNav")} className="mt-6">
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
        <p className="mt-6">{t("dashboard.noCourse")}</p>
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
  const { t } = useTranslation("cohort");
  const format = useFormat();
  const number = format.number;
  const h = data.headline;
  const facts: [string, string][] = [
    [t("dashboard.headline.learners"), number(h.learners)],
    [
      t("dashboard.headline.started"),
      h.learners > 0
        ? t("dashboard.headline.withShare", {
            number: number(h.started),
            share: format.percent((h.started * 100) / h.learners),
          })
        : number(h.started),
    ],
    [t("dashboard.headline.completed"), number(h.completed)],
    [t("dashboard.headline.completionRate"), h.completionRate === null ? "–" : format.percent(h.completionRate)],
    [
      t("dashboard.headline.averageBestScore"),
      h.averageBestScore === null ? t("dashboard.headline.noQuizYet") : format.percent(h.averageBestScore),
    ],
    [t("dashboard.headline.overdue"), data.course.dueAt ? number(h.overdue) : t("dashboard.headline.noDueDate")],
    [t("dashboard.headline.certificates"), number(h.certificates)],
    [t("dashboard.headline.atRisk"), number(h.atRisk)],
  ];
  const scoreCount = data.charts.scores.reduce((s, b) => s + b.count, 0);
  /** A chart band's label from its bounds (the loader's labels are the English ones of PROGRESS_BANDS and SCORE_BANDS). */
  const range = (low: number, high: number) =>
    t("dashboard.charts.range", { from: number(low), to: format.percent(high) });
  const progressLabel = (label: string) => {
    const band = PROGRESS_BANDS.find(([l]) => l === label);
    if (!band) return label;
    const [, low, high] = band;
    if (high === 0) return t("dashboard.charts.progress.notStarted", { percent: format.percent(0) });
    if (low === 100) return t("dashboard.charts.progress.allDone", { percent: format.percent(100) });
    return range(low, high);
  };
  const scoreLabel = (label: string) => {
    const band = SCORE_BANDS.find(([l]) => l === label);
    if (!band) return label;
    const [, low, high] = band;
    return low === 0 ? t("dashboard.charts.scores.below", { percent: format.percent(high + 1) }) : range(low, high);
  };
  const topScore = SCORE_BANDS.at(-1)![1];
  const days = (count: number) => t("dashboard.risk.days", { count });
  const riskText = (r: Risk) => {
    switch (r.kind) {
      case "idle":
      case "notStarted":
        return t(`dashboard.risk.${r.kind}`, { days: days(r.days), limit: days(r.limit) });
      case "pastDue":
        return t("dashboard.risk.pastDue", { date: format.date(r.dueAt), percent: format.percent(r.percent) });
      case "behind":
        return t("dashboard.risk.behind", {
          date: format.date(r.dueAt),
          percent: format.percent(r.percent),
          expected: format.percent(r.expected),
        });
    }
  };
  return (
    <>
      <h2 className="mt-8 text-2xl font-semibold">{data.course.title}</h2>
      <p className="mt-1 text-sm muted">
        {data.course.dueAt ? t("dashboard.due", { date: format.date(data.course.dueAt) }) : t("dashboard.noDueDate")}{" "}
        {t("dashboard.riskRule", { count: cohort.inactivityDays, points: number(PACE_TOLERANCE) })}
      </p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("dashboard.headline.label")}>
        {facts.map(([term, value]) => (
          <div key={term} className="card">
            <dt className="text-sm muted">{term}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <section aria-labelledby="at-risk" className="mt-10">
        <h2 id="at-risk" className="text-xl font-semibold">
          {t("dashboard.atRisk.heading")}
        </h2>
        {data.atRisk.length === 0 ? (
          <p className="mt-2">{t("dashboard.atRisk.none")}</p>
        ) : (
          <>
            <p className="mt-1 text-sm muted">
              {h.atRisk > data.atRisk.length
                ? t("dashboard.atRisk.longestOf", {
                    count: h.atRisk,
                    shown: number(data.atRisk.length),
                    total: number(h.atRisk),
                  })
                : t("dashboard.atRisk.longestFirst")}{" "}
              <Link to={here({ status: "at-risk", page: 1, sort: "activity", dir: "asc" })}>
                {t("dashboard.atRisk.listAll")}
              </Link>
            </p>
            <ul className="mt-3 grid gap-3 md:grid-cols-2">
              {data.atRisk.map((l) => (
                <li key={l.userId} className="card">
                  <p className="font-semibold">{l.name}</p>
                  <p className="text-sm muted">
                    {l.lastActivityAt
                      ? t("dashboard.atRisk.doneLastActive", {
                          percent: format.percent(l.percent),
                          date: format.date(l.lastActivityAt, "medium"),
                        })
                      : t("dashboard.atRisk.doneNeverActive", { percent: format.percent(l.percent) })}
                  </p>
                  <ul className="mt-1 list-disc ps-5 text-sm">
                    {l.risks.map((r) => (
                      <li key={r.kind}>{riskText(r)}</li>
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
          {t("dashboard.learners.heading")}
        </h2>
        <LearnerFilters query={query} error={error} />
        <LearnerTable data={data} query={query} here={here} />
      </section>

      <section aria-labelledby="charts" className="mt-10">
        <h2 id="charts" className="text-xl font-semibold">
          {t("dashboard.charts.heading")}
        </h2>
        <div className="mt-4 grid gap-6">
          <EnrolmentsChart
            weeks={data.charts.completionsByWeek}
            title={t("dashboard.charts.completions.title")}
            counting="completions"
          />
          <FunnelChart
            title={t("dashboard.charts.progress.title")}
            steps={data.charts.progress.map((b) => ({
              lessonKey: b.label,
              title: progressLabel(b.label),
              completed: b.count,
            }))}
            enrolled={h.learners}
            numbered={false}
            head={[
              t("dashboard.charts.progress.band"),
              t("dashboard.charts.progress.learners"),
              t("dashboard.charts.progress.share"),
            ]}
            summary={t("dashboard.charts.progress.summary", {
              count: h.learners,
              learners: number(h.learners),
              notStarted: number(data.charts.progress[0]!.count),
              allDone: number(data.charts.progress.at(-1)!.count),
            })}
          />
          <FunnelChart
            title={t("dashboard.charts.scores.title")}
            steps={data.charts.scores.map((b) => ({
              lessonKey: b.label,
              title: scoreLabel(b.label),
              completed: b.count,
            }))}
            enrolled={scoreCount}
            numbered={false}
            head={[
              t("dashboard.charts.scores.band"),
              t("dashboard.charts.scores.results"),
              t("dashboard.charts.scores.share"),
            ]}
            summary={
              scoreCount === 0
                ? t("dashboard.charts.scores.none")
                : t("dashboard.charts.scores.summary", {
                    count: scoreCount,
                    number: number(scoreCount),
                    top: number(data.charts.scores.at(-1)!.count),
                    percent: format.percent(topScore),
                  })
            }
          />
        </div>
      </section>
    </>
  );
}

function LearnerFilters({ query, error }: { query: DashboardQuery; error: Loaded["error"] }) {
  const { t } = useTranslation("cohort");
  const err = (field: string) =>
    error?.field === field ? (
      <p id={`filter-${field}-error`} className="field-error">
        {error.message}
      </p>
    ) : null;
  const described = (field: string) => (error?.field === field ? `filter-${field}-error` : undefined);
  const errors = {
    q: err("q"),
    status: err("status"),
    sort: err("sort"),
    dir: err("dir"),
    page: err("page"),
    course: err("course"),
  };
  return (
    <Form
      method="get"
      role="search"
      aria-label={t("dashboard.filters.label")}
      className="mt-4 flex flex-wrap items-end gap-3"
    >
      {query.course && <input type="hidden" name="course" value={query.course} />}
      <div>
        <label htmlFor="filter-q" className="field-label">
          {t("dashboard.filters.q")}
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
        {errors.q}
      </div>
      <div>
        <label htmlFor="filter-status" className="field-label">
          {t("dashboard.filters.status")}
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
              {t(`dashboard.filters.statuses.${f}`)}
            </option>
          ))}
        </select>
        {errors.status}
      </div>
      <div>
        <label htmlFor="filter-sort" className="field-label">
          {t("dashboard.filters.sort")}
        </label>
        <select
          id="filter-sort"
          name="sort"
          defaultValue={query.sort}
          className="field-input"
          aria-invalid={error?.field === "sort" || undefined}
          aria-describedby={described("sort")}
        >
          <option value="name">{t("dashboard.filters.sorts.name")}</option>
          <option value="progress">{t("dashboard.filters.sorts.progress")}</option>
          <option value="activity">{t("dashboard.filters.sorts.activity")}</option>
        </select>
        {errors.sort}
      </div>
      <div>
        <label htmlFor="filter-dir" className="field-label">
          {t("dashboard.filters.dir")}
        </label>
        <select
          id="filter-dir"
          name="dir"
          defaultValue={query.sort === "name" && query.dir === "asc" ? "" : query.dir}
          className="field-input"
          aria-invalid={error?.field === "dir" || undefined}
          aria-describedby={described("dir")}
        >
          <option value="">{t("dashboard.filters.dirs.natural")}</option>
          <option value="asc">{t("dashboard.filters.dirs.asc")}</option>
          <option value="desc">{t("dashboard.filters.dirs.desc")}</option>
        </select>
        {errors.dir}
      </div>
      <button type="submit" className="btn-primary">
        {t("dashboard.filters.submit")}
      </button>
      {errors.page}
      {errors.course}
    </Form>
  );
}

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
  const { t } = useTranslation("cohort");
  const format = useFormat();
  const { learners, total, page, pages } = data.page;
  const filtered = query.status !== "all" || query.q;
  const shortDate = (iso: string) => format.date(iso, "medium");
  const counted = {
    count: total,
    number: format.number(total),
    page: format.number(page),
    pages: format.number(pages),
  };
  return (
    <>
      <p className="mt-4 text-sm" role="status">
        {filtered
          ? pages > 1
            ? t("dashboard.table.matchCountPaged", counted)
            : t("dashboard.table.matchCount", counted)
          : pages > 1
            ? t("dashboard.table.countPaged", counted)
            : t("dashboard.table.count", counted)}
      </p>
      <div
        className="mt-2 overflow-x-auto"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        tabIndex={0}
        role="region"
        aria-label={t("dashboard.learners.heading")}
      >
        <table className="w-full text-start text-sm">
          <caption className="sr-only">{t("dashboard.table.caption")}</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-2 pe-3">
                {t("dashboard.table.learner")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("dashboard.table.status")}
              </th>
              <th scope="col" className="px-3 py-2 text-end">
                {t("dashboard.table.progress")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("dashboard.table.lastActivity")}
              </th>
              {data.modules.map((m, i) => (
                <th key={m.key} scope="col" className="px-3 py-2">
                  <abbr title={m.title}>{t("dashboard.table.module", { n: i + 1 })}</abbr>
                  <span className="sr-only">: {m.title}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => (
              <tr key={l.userId} className="border-b border-slate-200 align-top dark:border-slate-700">
                <th scope="row" className="py-2 pe-3 font-normal">
                  <span className="font-semibold">{l.name}</span>
                  <br />
                  <span className="muted">{l.email}</span>
                </th>
                <td className="px-3 py-2">
                  {t(`status.${l.status}`)}
                  {l.risks.length > 0 && (
                    <>
                      <br />
                      <span className="font-semibold text-red-800 dark:text-red-300">
                        {t("dashboard.table.atRisk")}
                      </span>
                    </>
                  )}
                </td>
                <td className="px-3 py-2 text-end tabular-nums">{format.percent(l.percent)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {l.lastActivityAt ? shortDate(l.lastActivityAt) : t("dashboard.table.never")}
                </td>
                {l.modules.map((m, i) => (
                  <td key={data.modules[i]!.key} className={`px-3 py-2 whitespace-nowrap ${CELL_STYLE[m.state]}`}>
                    {m.state === "in-progress" && m.lessonsTotal > 0
                      ? m.lessonsDone >= m.lessonsTotal
                        ? t("dashboard.cell.quizNotTaken")
                        : t("dashboard.cell.inProgressCount", {
                            done: format.number(m.lessonsDone),
                            total: format.number(m.lessonsTotal),
                          })
                      : t(`dashboard.cell.${m.state}`)}
                    {m.quizBest !== null && (
                      <>
                        <br />
                        <span>{t("dashboard.cell.quiz", { percent: format.percent(m.quizBest) })}</span>
                      </>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {learners.length === 0 && <p className="mt-3">{t("dashboard.table.noMatch")}</p>}
      {pages > 1 && (
        <nav aria-label={t("dashboard.pages.label")} className="mt-4 flex items-center gap-4">
          {page > 1 && <Link to={here({ page: page - 1 })}>{t("dashboard.pages.previous")}</Link>}
          <span>{t("dashboard.pages.current", { page: format.number(page), pages: format.number(pages) })}</span>
          {page < pages && <Link to={here({ page: page + 1 })}>{t("dashboard.pages.next")}</Link>}
        </nav>
      )}
    </>
  );
}
