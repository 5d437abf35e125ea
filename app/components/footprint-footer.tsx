// The footer's footprint line: what this page weighed on the wire and its estimated emissions.
// Without JavaScript it shows the typical weight of this page type (the last measurement); with
// JavaScript it counts this page view's own transfer (Navigation and Resource Timing).
import { Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { formatGrams, formatKiB, toGrams } from "~/footprint/emissions";
import type { FooterFootprint as Data } from "~/footprint/footprint.server";
import { pageTypeOf } from "~/footprint/page-types";
import { formatDate } from "~/lib/format";
import { paths } from "~/paths";

export function FootprintNote({ data }: { data: Data }) {
  const { pathname } = useLocation();
  const measured = useThisViewBytes();
  const typical = data.typical[pageTypeOf(pathname)];
  const bytes = measured ?? typical;
  return (
    <p className="basis-full" data-footprint={measured === null ? "typical" : "view"} data-bytes={bytes ?? undefined}>
      {bytes === null ? (
        "This page type has not been measured yet."
      ) : (
        <>
          {measured === null ? "Typical for this page type" : "This page view"}: {formatKiB(bytes)} on the wire, about{" "}
          {formatGrams(toGrams(bytes, data.gramsPerByte))} CO2e
          {measured === null && ` (measured ${formatDate(data.measuredAt, "medium")})`}.
        </>
      )}{" "}
      An estimate (Sustainable Web Design Model v4), hosting not assumed green.{" "}
      <Link to={paths.footprint()}>About this site’s footprint</Link>
    </p>
  );
}

/**
 * Bytes transferred for the current page view, or null before anything is known (or where the
 * browser does not report transfer sizes). The first view is the document and everything it
 * loaded; a view changed in place starts when the navigation does and counts what it fetched.
 */
function useThisViewBytes(): number | null {
  const [bytes, setBytes] = useState<number | null>(null);
  const view = useRef({ start: 0, bytes: 0 });
  const navigating = useNavigation().state !== "idle";

  useEffect(() => {
    if (!navigating) return;
    view.current = { start: performance.now(), bytes: 0 };
  }, [navigating]);

  useEffect(() => {
    const types = typeof PerformanceObserver === "undefined" ? [] : PerformanceObserver.supportedEntryTypes;
    if (!types.includes("navigation") || !types.includes("resource")) return;
    const observer = new PerformanceObserver((list) => {
      let counted = false;
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        if (typeof entry.transferSize !== "number") continue;
        // the document belongs to the first view; anything else to the view in which it arrived
        if (entry.entryType === "navigation" ? view.current.start > 0 : entry.responseEnd < view.current.start)
          continue;
        view.current.bytes += entry.transferSize;
        counted = true;
      }
      if (counted) setBytes(view.current.bytes);
    });
    observer.observe({ type: "navigation", buffered: true });
    observer.observe({ type: "resource", buffered: true });
    return () => observer.disconnect();
  }, []);

  return bytes;
}
