import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { getUser } from "~/auth/auth.server";
import { CourseCard, CourseFacts } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { catalogueFacets, listCourses } from "~/learning/courses.server";
import { formatMinutes, LANGUAGE_LABELS, LEVEL_LABELS, topicLabel } from "~/lib/format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Courses") }];

export const headers = passCacheControl;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filters = {
    topic: params.get("topic") ?? "",
    level: params.get("level") ?? "",
    language: params.get("language") ?? "",
  };
  const user = getUser(context);
  const [courses, facets] = [await listCourses(db, filters, user?.id ?? null), catalogueFacets()];
  return sameForEveryoneWhenSignedOut(context, { courses, facets, filters });
}

export default function Courses() {
  const { courses, facets, filters } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.topic || filters.level || filters.language);
  // With JavaScript the filters apply as soon as one changes; the button is for browsers without it.
  const submit = useSubmit();
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true, // in the browser, once hydrated
    () => false, // on the server and while hydrating
  );
  return (
    <div>
      <h1 className="text-3xl font-bold">Courses</h1>
      <p className="mt-2 muted">Self-paced courses with a certificate that anyone can verify.</p>
      <Form
        method="get"
        className="mt-6 flex flex-wrap items-end gap-4 rounded-md bg-slate-50 p-4 dark:bg-slate-900"
        aria-label="Filter courses"
        onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}
      >
        <Select
          name="topic"
          label="Topic"
          value={filters.topic}
          options={facets.topics.map((t) => [t, topicLabel(t)])}
        />
        <Select
          name="level"
          label="Level"
          value={filters.level}
          options={facets.levels.map((l) => [l, LEVEL_LABELS[l] ?? l])}
        />
        <Select
          name="language"
          label="Language"
          value={filters.language}
          options={facets.languages.map((l) => [l, LANGUAGE_LABELS[l] ?? l])}
        />
        <button type="submit" className={enhanced ? "btn-primary sr-only-focusable" : "btn-primary"}>
          Filter
        </button>
        {filtered && <Link to={paths.courses()}>Clear filters</Link>}
      </Form>
      <p className="mt-6 text-sm muted" role="status">
        {courses.length === 1 ? "1 course" : `${courses.length} courses`}
        {filtered ? " match your filters" : ""}
      </p>
      <ul className="mt-4 grid gap-5 md:grid-cols-2 lg:grid-cols-3">
        {courses.map((c, i) => (
          <li key={c.slug}>
            <CourseCard course={c} href={paths.course(c)} eager={i < 3}>
              <CourseFacts
                facts={[
                  ["Duration", formatMinutes(c.estimatedMinutes)],
                  ["Level", LEVEL_LABELS[c.level] ?? c.level],
                  ["Modules", String(c.moduleCount)],
                  ["Language", LANGUAGE_LABELS[c.language] ?? c.language],
                ]}
              />
              {c.progress !== null && (
                <div className="mt-4">
                  <ProgressBar percent={c.progress} label={`Your progress in ${c.title}`} />
                </div>
              )}
            </CourseCard>
          </li>
        ))}
      </ul>
      {courses.length === 0 && <p className="mt-4">No course matches these filters yet.</p>}
    </div>
  );
}

const noSubscription = () => () => {};

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: string[][] }) {
  // Follows the page's filters after a client-side navigation (e.g. "Clear filters") without
  // re-creating the element, so that keyboard focus stays where it was.
  const ref = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (ref.current && ref.current.value !== value) ref.current.value = value;
  }, [value]);
  return (
    <label className="block">
      <span className="field-label">{label}</span>
      <select ref={ref} name={name} defaultValue={value} className="field-input">
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
