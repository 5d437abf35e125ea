import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { findCourse } from "~/content/catalogue.server";
import { sameForEveryoneWhenSignedOut } from "~/http/cache.server";
import { notFound } from "~/http/errors.server";
import { passCacheControl } from "~/http/headers";
import { paths, termAnchor } from "~/paths";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Glossary · ${data.title}` : "Glossary" },
];

export const headers = passCacheControl;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const course = findCourse(params.course ?? "");
  if (!course) notFound("There is no course at this address.");
  const terms = [...course.glossary]
    .sort((a, b) => a.term.localeCompare(b.term, course.language))
    .map((t) => ({ ...t, anchor: termAnchor(t.term) }));
  return sameForEveryoneWhenSignedOut(context, { slug: course.slug, title: course.title, terms });
}

export default function Glossary() {
  const { slug, title, terms } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm">
        <Link to={paths.course({ slug })}>{title}</Link>
      </p>
      <h1 className="mt-1 text-3xl font-bold">Glossary</h1>
      {terms.length === 0 ? (
        <p className="mt-6">This course has no glossary yet.</p>
      ) : (
        <dl className="mt-6 space-y-5">
          {terms.map((t) => (
            <div
              key={t.term}
              id={t.anchor}
              className="scroll-mt-4 rounded target:bg-amber-50 target:ring-2 target:ring-amber-300 dark:target:bg-amber-950"
            >
              <dt className="font-semibold">{t.term}</dt>
              <dd className="mt-1 muted">{t.definition}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
