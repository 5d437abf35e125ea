import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findCourse } from "~/content/catalogue.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { notFound } from "~/http/errors.server";
import { passCacheControl } from "~/http/headers";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { paths, termAnchor } from "~/paths";

await needMessages("catalogue");

// An unknown course is answered by the root's error page, with the root's title.
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export const headers = passCacheControl;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const course = findCourse(params.course ?? "");
  if (!course) notFound("There is no course at this address.");
  const { t } = await requestTranslator({ request, context }, "catalogue");
  const terms = [...course.glossary]
    .sort((a, b) => a.term.localeCompare(b.term, course.language))
    .map((t) => ({ ...t, anchor: termAnchor(t.term) }));
  return sameForEveryoneWhenSignedOut(context, {
    pageTitle: t("glossary.title", { course: course.title }),
    slug: course.slug,
    title: course.title,
    terms,
  });
}

export default function Glossary() {
  const { slug, title, terms } = useLoaderData<typeof loader>();
  const { t } = useTranslation("catalogue");
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={paths.course({ slug })}>{title}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">{t("glossary.heading")}</h1>
      {terms.length === 0 ? (
        <p className="mt-6">{t("glossary.empty")}</p>
      ) : (
        <dl className="mt-6 space-y-5">
          {terms.map((entry) => (
            <div
              key={entry.term}
              id={entry.anchor}
              className="scroll-mt-4 rounded target:bg-amber-50 target:ring-2 target:ring-amber-300 dark:target:bg-amber-950"
            >
              <dt className="font-semibold">{entry.term}</dt>
              <dd className="mt-1 muted">{entry.definition}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
