import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/auth.server";
import { formatGrams, formatKiB } from "~/footprint/emissions";
import { footprintReport } from "~/footprint/footprint.server";
import { passRetryAfter } from "~/http/headers";
import { formatDate } from "~/lib/format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [
  { title: pageTitle("About this site’s footprint") },
  { name: "description", content: "What our pages weigh, their estimated emissions, and how we estimate them." },
];

export async function loader({ context }: LoaderFunctionArgs) {
  // The same for everyone; only a signed-out page (no name in the header) may be kept by caches.
  const headers: HeadersInit = getUser(context) ? {} : { "Cache-Control": "public, max-age=300", Vary: "Cookie" };
  return data(footprintReport(), { headers });
}

export const headers: HeadersFunction = (args) => {
  const out = new Headers(passRetryAfter(args));
  for (const name of ["Cache-Control", "Vary"]) {
    const value = args.loaderHeaders.get(name);
    if (value) out.set(name, value);
  }
  return out;
};

export default function Footprint() {
  const report = useLoaderData<typeof loader>();
  const model = `${report.model.name} v${report.model.version}`;
  return (
    <article className="prose prose-slate max-w-3xl dark:prose-invert">
      <h1>About this site’s footprint</h1>
      <p>
        Every page on this site ends with what it weighed on the wire and an estimate of the emissions of that transfer.
        Without JavaScript the footer shows the typical weight of that kind of page, from our last measurement; with
        JavaScript it counts the bytes of the page view you are looking at, as your browser reports them.
      </p>

      <h2>How the estimate is made</h2>
      <p>
        We use the {model}, through the Green Web Foundation’s open-source {report.model.library} library (version{" "}
        {report.model.libraryVersion}). The model turns data transferred into energy, and energy into emissions: bytes ×
        energy per gigabyte × grid carbon intensity. It counts the electricity used to run, and the emissions embodied
        in building, three parts of the system:
      </p>
      <ul>
        <li>data centres that serve the page;</li>
        <li>networks that carry it;</li>
        <li>the devices people read it on.</li>
      </ul>
      <p>
        Version 4 of the model, published in 2024, gives 0.055, 0.059 and 0.080 kWh per GB for running those three parts
        and 0.012, 0.013 and 0.081 kWh per GB for building them (Sustainable Web Design Model v4,
        sustainablewebdesign.org, 2024; the same constants are in {report.model.library}).
      </p>
      <ul>
        <li>
          <strong>Grid intensity.</strong> Our learners are everywhere, so every part uses the model’s global average
          grid intensity, 494 gCO2e per kWh (Ember’s annual global average, as shipped in {report.model.library}). With
          these settings {report.model.library} gives {formatGrams(report.gramsPerMegabyte)} CO2e per megabyte
          transferred.
        </li>
        <li>
          <strong>Hosting.</strong>{" "}
          {report.greenHosting
            ? "The hosting is counted as green: the data centres’ operational emissions are left out."
            : "The hosting is not counted as green: it has not been verified as running on renewable energy. Green hosting would remove only the data centres’ operational emissions."}
        </li>
        <li>
          <strong>First and returning visits.</strong> The model can weight a page’s full weight by the share of first
          visits and assume returning visitors reload only part of it. We do not apply those ratios: the bytes of each
          view are measured, so what the browser reuses from its cache is already left out. That is why a first visit to
          a lesson, which fetches the style sheet and scripts, weighs more than moving on to the next lesson.
        </li>
      </ul>
      <p>
        The result is an estimate, not a measurement of energy: the model uses averages, and the real figure depends on
        your device, your network and the electricity that powers them.
      </p>

      <h2 id="budgets">Budgets and the last measurement</h2>
      <p>
        Each kind of page has a budget for the bytes it may transfer, set by us so that learning works on a slow,
        metered phone connection. The figures below are from our last measurement, on {formatDate(report.measuredAt)}:{" "}
        {report.method} Machine: {report.machine}
      </p>
      <div
        className="not-prose overflow-x-auto"
        role="region"
        aria-labelledby="budgets-caption"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
        tabIndex={0}
      >
        <table className="w-full text-left text-sm">
          <caption id="budgets-caption" className="py-2 text-left font-semibold">
            Page weight budgets against the measurement of {formatDate(report.measuredAt)} (1 KiB = 1,024 bytes)
          </caption>
          <thead>
            <tr>
              <th scope="col" className="py-2 pr-4">
                Page view
              </th>
              <th scope="col" className="py-2 pr-4">
                Budget
              </th>
              <th scope="col" className="py-2 pr-4">
                Measured
              </th>
              <th scope="col" className="py-2 pr-4">
                Estimated emissions
              </th>
              <th scope="col" className="py-2">
                Within budget
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.view} className="border-t border-slate-200 dark:border-slate-700">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {row.label}
                </th>
                <td className="whitespace-nowrap py-2 pr-4">≤ {row.kib} KiB</td>
                <td className="whitespace-nowrap py-2 pr-4">
                  {row.bytes === null ? "not measured yet" : formatKiB(row.bytes)}
                </td>
                <td className="py-2 pr-4">{row.grams === null ? "—" : `${formatGrams(row.grams)} CO2e`}</td>
                <td className="py-2">
                  {row.withinBudget === null
                    ? "—"
                    : row.withinBudget
                      ? "Yes"
                      : `No, ${formatKiB(row.bytes! - row.budgetBytes)} over`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Learn the method</h2>
      <p>
        The course <Link to={paths.course(report.course)}>Green digital skills and sustainable software</Link> teaches
        this estimate in its module on sustainable web design, with ways to cut page weight through design and product
        decisions.
      </p>
    </article>
  );
}
