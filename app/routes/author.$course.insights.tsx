import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireAuthoredCourse } from "~/authoring/access.server";
import { findCourse } from "~/content/catalogue.server";
import { db } from "~/db/db.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { EnrolmentsChart, FunnelChart, InsightsTotals, ItemStatsTable } from "~/insights/charts";
import { courseInsights } from "~/insights/insights.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("author");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? pageTitle() }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { course } = await requireAuthoredCourse(request, context, params.course);
  const { t } = await requestTranslator({ request, context }, "author");
  const published = findCourse(course.slug);
  return {
    title: pageTitle(t("insights.title"), t("meta.authoring")),
    course,
    insights: published ? await courseInsights(db, published, course.id) : null,
  };
}

export default function Insights() {
  const { course, insights } = useLoaderData<typeof loader>();
  const { t } = useTranslation("author");
  return (
    <div>
      <p className="text-sm muted">
        <Trans
          t={t}
          i18nKey="breadcrumb.course"
          values={{ course: course.title }}
          components={{ authoring: <Link to={paths.author()} />, course: <Link to={paths.authorCourse(course)} /> }}
        />
      </p>
      <h1 className="text-3xl font-bold">{t("insights.title")}</h1>
      {!insights ? (
        <p className="mt-4">{t("insights.unpublished")}</p>
      ) : (
        <>
          <p className="mt-2 muted">{t("insights.intro")}</p>
          <div className="mt-6">
            <InsightsTotals insights={insights} />
          </div>
          <section aria-labelledby="enrolments" className="mt-10">
            <h2 id="enrolments" className="text-xl font-semibold">
              {t("insights.enrolments")}
            </h2>
            <EnrolmentsChart weeks={insights.enrolmentsByWeek} />
          </section>
          <section aria-labelledby="funnel" className="mt-10">
            <h2 id="funnel" className="text-xl font-semibold">
              {t("insights.funnel")}
            </h2>
            <FunnelChart steps={insights.funnel} enrolled={insights.totals.enrolled} />
          </section>
          <section aria-labelledby="questions" className="mt-10">
            <h2 id="questions" className="text-xl font-semibold">
              {t("insights.questions")}
            </h2>
            <p className="mt-1 text-sm muted">{t("insights.questionsIntro")}</p>
            {insights.quizzes.map((q) => (
              <div key={q.quizKey} className="mt-6">
                <ItemStatsTable quiz={q} />
              </div>
            ))}
          </section>
        </>
      )}
    </div>
  );
}
