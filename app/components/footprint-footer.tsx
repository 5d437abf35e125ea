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
  const about = <Link to={paths.footprint()}>About this site’s footprint</Link>;
  if (bytes === null) {
    return (
      <p className="basis-full" data-footprint="none">
        This page type has not been measured yet. {about}
      </p>
    );
  }
  const weight = `${formatKiB(bytes)} on the wire, about ${formatGrams(toGrams(bytes, data.gramsPerByte))} CO2e`;
  return (
    <p className="basis-full" data-footprint={measured === null ? "typical" : "view"} data-bytes={bytes}>
      {measured === null
        ? `Typical for this page type: ${weight} (measured ${formatDate(data.measuredAt, "medium")}).`
        : `This page view: ${weight}.`}{" "}
      An estimate (Sustainable Web Design Model v4), hosting not assumed green. {about}
    </p>
  );
}

/**
 * Bytes transferred for the current page view, or null before anything is known (or where the
 * browser does not report transfer sizes). The first view is the document and everything it
 * loaded. A view changed in place begins with the click, submission or history step that started
 * the navigation, and counts every response that ended since.
 */
function useThisViewBytes(): number | null {
  const [bytes, setBytes] = useState<number | null>(null);
  const entries = useRef<{ end: number; size: number; document: boolean }[]>([]);
  const start = useRef(0);
  const lastInput = useRef(-Infinity);
  const navigating = useNavigation().state !== "idle";

  const count = () => {
    const inView = entries.current.filter((e) => (e.document ? start.current === 0 : e.end >= start.current));
    entries.current = inView;
    if (inView.length) setBytes(inView.reduce((sum, e) => sum + e.size, 0));
  };

  useEffect(() => {
    if (!navigating) return;
    const now = performance.now();
    start.current = now - lastInput.current < 1000 ? lastInput.current : now;
    count();
  }, [navigating]);

  useEffect(() => {
    const types = typeof PerformanceObserver === "undefined" ? [] : PerformanceObserver.supportedEntryTypes;
    if (!types.includes("navigation") || !types.includes("resource")) return;
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
        if (typeof entry.transferSize !== "number") continue;
        const document = entry.entryType === "navigation";
        entries.current.push({ end: entry.responseEnd, size: entry.transferSize, document });
      }
      count();
    });
    observer.observe({ type: "navigation", buffered: true });
    observer.observe({ type: "resource", buffered: true });
    const input = (e: Event) => (lastInput.current = e.timeStamp);
    const events = ["click", "submit", "change", "popstate"] as const;
    for (const name of events) window.addEventListener(name, input, true);
    return () => {
      observer.disconnect();
      for (const name of events) window.removeEventListener(name, input, true);
    };
  }, []);

  return bytes;
}
