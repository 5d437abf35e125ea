import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/auth/auth.server";
import { CourseCard, CourseFacts } from "~/components/course-card";
import { ProgressBar } from "~/components/progress-bar";
import { db } from "~/db/db.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { passCacheControl } from "~/http/headers";
import { languageName } from "~/i18n/config";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { catalogueFacets, listCourses } from "~/learning/courses.server";
import { levelLabel, topicName } from "~/lib/format";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("catalogue");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const headers = passCacheControl;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const filters = {
    topic: params.get("topic") ?? "",
    level: params.get("level") ?? "",
    language: params.get("language") ?? "",
  };
  const user = getUser(context);
  const { language, t } = await requestTranslator({ request, context }, "catalogue");
  const [courses, facets] = [await listCourses(db, filters, user?.id ?? null, language), catalogueFacets()];
  return sameForEveryoneWhenSignedOut(context, { title: pageTitle(t("list.title")), courses, facets, filters });
}

export default function Courses() {
  const { courses, facets, filters } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.topic || filters.level || filters.language);
  const { t } = useTranslation("catalogue");
  const format = useFormat();
  // With JavaScript the filters apply as soon as one changes; the button is for browsers without it.
  const submit = useSubmit();
  const enhanced = useSyncExternalStore(
    noSubscription,
    () => true, // in the browser, once hydrated
    () => false, // on the server and while hydrating
  );
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("list.heading")}</h1>
      <p className="mt-2 muted">{t("list.lead")}</p>
      <Form
        method="get"
        className="mt-6 flex flex-wrap items-end gap-4 rounded-md bg-slate-50 p-4 dark:bg-slate-900"
        aria-label={t("list.filters.label")}
        onChange={(e) => submit(e.currentTarget, { replace: true, preventScrollReset: true })}
      >
        <Select
          name="topic"
          label={t("list.filters.topic")}
          value={filters.topic}
          options={facets.topics.map((topic) => [topic, topicName(t, topic)])}
        />
        <Select
          name="level"
          label={t("list.filters.level")}
          value={filters.level}
          options={facets.levels.map((l) => [l, levelLabel(t, l)])}
        />
        <Select
          name="language"
          label={t("list.filters.language")}
          value={filters.language}
          options={facets.languages.map((l) => [l, languageName(l)])}
        />
        <button type="submit" className={enhanced ? "btn-primary sr-only-focusable" : "btn-primary"}>
          {t("list.filters.submit")}
        </button>
        {filtered && <Link to={paths.courses()}>{t("list.filters.clear")}</Link>}
      </Form>
      <p className="mt-6 text-sm muted" role="status">
        {filtered ? t("list.countFiltered", { count: courses.length }) : t("list.count", { count: courses.length })}
      </p>
      <ul className="mt-4 grid gap-5 md:grid-cols-2 lg:grid-cols-3">
        {courses.map((c, i) => (
          <li key={c.slug}>
            <CourseCard course={c} href={paths.course(c)} eager={i < 3}>
              <CourseFacts
                facts={[
                  [t("facts.duration"), format.minutes(c.estimatedMinutes)],
                  [t("facts.level"), levelLabel(t, c.level)],
                  [t("facts.modules"), format.number(c.moduleCount)],
                  [t("facts.language"), languageName(c.language)],
                ]}
              />
              {c.progress !== null && (
                <div className="mt-4">
                  <ProgressBar percent={c.progress} label={t("list.progress", { course: c.title })} />
                </div>
              )}
            </CourseCard>
          </li>
        ))}
      </ul>
      {courses.length === 0 && <p className="mt-4">{t("list.empty")}</p>}
    </div>
  );
}

const noSubscription = () => () => {};

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: string[][] }) {
  const { t } = useTranslation("catalogue");
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
        <option value="">{t("list.filters.any")}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
