import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { Trans, useTranslation } from "react-i18next";
import { getUser } from "~/auth/auth.server";
import { footprintReport } from "~/footprint/footprint.server";
import { passRetryAfter } from "~/http/headers";
import { formattingLocale } from "~/i18n/config";
import { requestTranslator, varyByLanguage } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("footprint");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "footprint");
  // The same for everyone who reads the same language; only a signed-out page (no name in the
  // header) may be kept by caches.
  const headers = new Headers(getUser(context) ? {} : { "Cache-Control": "public, max-age=300", Vary: "Cookie" });
  varyByLanguage(headers);
  return data({ ...footprintReport(), title: pageTitle(t("title")), description: t("description") }, { headers });
}

export const headers: HeadersFunction = (args) => {
  const out = new Headers(passRetryAfter(args));
  for (const name of ["Cache-Control", "Vary"]) {
    const value = args.loaderHeaders.get(name);
    if (value) out.set(name, value);
  }
  return out;
};

/** Weights in KiB with one decimal ("17.9"), emissions to two significant figures ("0.0027"), in the page's language. */
function useFootprintNumbers() {
  const { language } = useFormat();
  return useMemo(() => {
    const locale = formattingLocale(language);
    const kib = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const grams = new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 });
    return { kib: (bytes: number) => kib.format(bytes / 1024), grams: (g: number) => grams.format(g) };
  }, [language]);
}

export default function Footprint() {
  const report = useLoaderData<typeof loader>();
  const { t } = useTranslation("footprint");
  const format = useFormat();
  const numbers = useFootprintNumbers();
  const kib = (bytes: number) => t("units.kib", { value: numbers.kib(bytes) });
  const grams = (g: number) => t("units.grams", { value: numbers.grams(g) });
  const model = `${report.model.name} v${report.model.version}`;
  const library = report.model.library;
  const measuredAt = format.date(report.measuredAt);
  const strong = { strong: <strong /> };
  return (
    <article className="prose prose-slate max-w-3xl dark:prose-invert">
      <h1>{t("heading")}</h1>
      <p>{t("intro")}</p>

      <h2>{t("method.heading")}</h2>
      <p>{t("method.model", { model, library, libraryVersion: report.model.libraryVersion })}</p>
      <ul>
        <li>{t("method.parts.dataCentres")}</li>
        <li>{t("method.parts.networks")}</li>
        <li>{t("method.parts.devices")}</li>
      </ul>
      <p>{t("method.constants", { library })}</p>
      <ul>
        <li>
          <Trans
            t={t}
            i18nKey="method.grid"
            values={{ library, grams: grams(report.gramsPerMegabyte) }}
            components={strong}
          />
        </li>
        <li>
          <Trans
            t={t}
            i18nKey={report.greenHosting ? "method.hostingGreen" : "method.hostingNotGreen"}
            components={strong}
          />
        </li>
        <li>
          <Trans t={t} i18nKey="method.visits" components={strong} />
        </li>
      </ul>
      <p>{t("method.estimate")}</p>

      <h2 id="budgets">{t("budgets.heading")}</h2>
      <p>
        {/* How and where the pages were measured is recorded in English with the measurement. */}
        <Trans
          t={t}
          i18nKey="budgets.intro"
          values={{ date: measuredAt, method: report.method, machine: report.machine }}
          components={{ en: <bdi lang="en" /> }}
        />
      </p>
      <div
        className="not-prose overflow-x-auto"
        role="region"
        aria-labelledby="budgets-caption"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        tabIndex={0}
      >
        <table className="w-full text-start text-sm">
          <caption id="budgets-caption" className="py-2 text-start font-semibold">
            {t("budgets.caption", { date: measuredAt })}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="py-2 pe-4">
                {t("budgets.columns.view")}
              </th>
              <th scope="col" className="py-2 pe-4">
                {t("budgets.columns.budget")}
              </th>
              <th scope="col" className="py-2 pe-4">
                {t("budgets.columns.measured")}
              </th>
              <th scope="col" className="py-2 pe-4">
                {t("budgets.columns.emissions")}
              </th>
              <th scope="col" className="py-2">
                {t("budgets.columns.within")}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.view} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="py-2 pe-4 font-normal">
                  {t(`budgets.views.${row.view}`, { defaultValue: row.label })}
                </th>
                <td className="whitespace-nowrap py-2 pe-4">
                  {t("budgets.atMost", { value: format.number(row.kib) })}
                </td>
                <td className="whitespace-nowrap py-2 pe-4">
                  {row.bytes === null ? t("budgets.notMeasured") : kib(row.bytes)}
                </td>
                <td className="py-2 pe-4">
                  {row.grams === null ? "—" : t("budgets.emissions", { grams: grams(row.grams) })}
                </td>
                <td className="py-2">
                  {row.withinBudget === null
                    ? "—"
                    : row.withinBudget
                      ? t("budgets.within")
                      : t("budgets.over", { over: kib(row.bytes! - row.budgetBytes) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("learn.heading")}</h2>
      <p>
        <Trans t={t} i18nKey="learn.text" components={{ a: <Link to={paths.course(report.course)} /> }} />
      </p>
    </article>
  );
}
