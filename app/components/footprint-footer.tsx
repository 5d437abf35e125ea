// The footer's footprint line: what this page weighed on the wire and its estimated emissions.
// Without JavaScript it shows the typical weight of this page type (the last measurement); with
// JavaScript it counts this page view's own transfer (Navigation and Resource Timing).
import { Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toGrams } from "~/footprint/emissions";
import type { FooterFootprint as Data } from "~/footprint/footprint.server";
import { pageTypeOf } from "~/footprint/page-types";
import { formattingLocale } from "~/i18n/config";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";

await needMessages("components");

export function FootprintNote({ data }: { data: Data }) {
  const { t } = useTranslation("components");
  const format = useFormat();
  const { pathname } = useLocation();
  const measured = useThisViewBytes();
  const typical = data.typical[pageTypeOf(pathname)];
  const bytes = measured ?? typical;
  const about = <Link to={paths.footprint()}>{t("footprint.about")}</Link>;
  if (bytes === null) {
    return (
      <p className="basis-full" data-footprint="none">
        {t("footprint.notMeasured")} {about}
      </p>
    );
  }
  const figures = {
    kib: numbers(format.language).kib.format(bytes / 1024),
    grams: numbers(format.language).grams.format(toGrams(bytes, data.gramsPerByte)),
  };
  return (
    <p className="basis-full" data-footprint={measured === null ? "typical" : "view"} data-bytes={bytes}>
      {measured === null
        ? t("footprint.typical", { ...figures, date: format.date(data.measuredAt, "medium") })
        : t("footprint.view", figures)}{" "}
      {t("footprint.estimate")} {about}
    </p>
  );
}

/**
 * The footer's two figures in a language, as ~/footprint/emissions writes them in English: KiB with
 * one decimal ("17.9"), grams to two significant figures ("0.0027"). Made once per language.
 */
const figureFormats = new Map<string, { kib: Intl.NumberFormat; grams: Intl.NumberFormat }>();
function numbers(language: string) {
  let formats = figureFormats.get(language);
  if (!formats) {
    const locale = formattingLocale(language);
    formats = {
      kib: new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
      grams: new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }),
    };
    figureFormats.set(language, formats);
  }
  return formats;
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
