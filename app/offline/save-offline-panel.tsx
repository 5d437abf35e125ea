// The "Save for offline" panel (loaded by save-offline.tsx in a browser that can save): saves the
// course's lessons and glossary on this device (see device.ts and public/sw.js), says whether they
// are saved, how many lessons and how much space they take, and removes them.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formattingLocale } from "~/i18n/config";
import { needMessages } from "~/i18n/messages";
import { removeCourse, saveCourse, SaveFailed, savedCourse, type CourseToSave } from "./device";
import { useQueueReport } from "./pending";
import type { SavedCourse } from "./shared";

await needMessages("offline");

type State =
  | { kind: "checking" }
  | { kind: "unavailable" }
  | { kind: "not-saved"; message?: "removed" | "failed" | "space" }
  | { kind: "saving"; done: number; total: number }
  | { kind: "saved"; saved: SavedCourse }
  | { kind: "removing"; saved: SavedCourse };

export function SaveOfflinePanel({ course }: { course: CourseToSave }) {
  const { t, i18n } = useTranslation("offline");
  const report = useQueueReport();
  const [state, setState] = useState<State>({ kind: "checking" });
  const { userId, slug } = course;

  useEffect(() => {
    let current = true;
    savedCourse(userId, slug).then(
      (saved) => current && setState(saved ? { kind: "saved", saved } : { kind: "not-saved" }),
      () => current && setState({ kind: "unavailable" }),
    );
    return () => {
      current = false;
    };
  }, [userId, slug]);

  if (state.kind === "checking" || state.kind === "unavailable") return null;

  const save = async () => {
    setState({ kind: "saving", done: 0, total: course.lessons.length + (course.glossary ? 1 : 0) });
    try {
      const saved = await saveCourse(course, (done, total) => setState({ kind: "saving", done, total }));
      setState({ kind: "saved", saved });
    } catch (error) {
      console.error(error);
      setState({
        kind: "not-saved",
        message: error instanceof SaveFailed && error.reason === "space" ? "space" : "failed",
      });
    }
  };
  const remove = async (saved: SavedCourse) => {
    setState({ kind: "removing", saved });
    try {
      await removeCourse(userId, slug, !report?.pending.length);
      setState({ kind: "not-saved", message: "removed" });
    } catch (error) {
      console.error(error);
      setState({ kind: "saved", saved });
    }
  };

  const saved = state.kind === "saved" || state.kind === "removing" ? state.saved : null;
  const outdated =
    saved !== null &&
    (saved.lessons.map((l) => `${l.key} ${l.path}`).join("\n") !==
      course.lessons.map((l) => `${l.key} ${l.path}`).join("\n") ||
      saved.pages.includes(course.glossary ?? "") !== Boolean(course.glossary));

  return (
    <section aria-labelledby="offline-heading" className="border-t border-slate-200 pt-4 text-sm dark:border-slate-700">
      <h2 id="offline-heading" className="font-semibold">
        {t("save.heading")}
      </h2>
      <div role="status" className="mt-1 space-y-1">
        {saved ? (
          <>
            <p className="font-medium text-emerald-800 dark:text-emerald-300">
              {t("save.saved", {
                count: saved.lessons.length,
                size: formatBytes(saved.bytes, i18n.language),
              })}
            </p>
            {saved.pages.length > saved.lessons.length && <p>{t("save.glossary")}</p>}
            {outdated && <p>{t("save.outdated")}</p>}
          </>
        ) : state.kind === "saving" ? (
          <p>{t("save.saving", { done: state.done, total: state.total })}</p>
        ) : (
          <>
            {state.kind === "not-saved" && state.message && <p>{t(`save.${state.message}`)}</p>}
            <p>{t("save.notSaved")}</p>
          </>
        )}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        {saved ? (
          <>
            {outdated && (
              <button type="button" className="btn-secondary" onClick={save} disabled={state.kind === "removing"}>
                {t("save.update")}
              </button>
            )}
            <button
              type="button"
              className="btn-secondary"
              onClick={() => remove(saved)}
              disabled={state.kind === "removing"}
            >
              {t("save.remove")}
            </button>
          </>
        ) : (
          <button type="button" className="btn-secondary" onClick={save} disabled={state.kind === "saving"}>
            {t("save.button")}
          </button>
        )}
      </div>
    </section>
  );
}

/** "850 kB", "1.4 MB" in the page's language (decimal units, as devices report storage). */
function formatBytes(bytes: number, language: string): string {
  const [value, unit] =
    bytes < 1_000_000 ? [Math.max(1, Math.round(bytes / 1000)), "kilobyte"] : [bytes / 1e6, "megabyte"];
  return new Intl.NumberFormat(formattingLocale(language), {
    style: "unit",
    unit,
    unitDisplay: "short",
    maximumFractionDigits: unit === "megabyte" ? 1 : 0,
  }).format(value);
}
