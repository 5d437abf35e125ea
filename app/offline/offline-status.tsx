// The site-wide line about offline reading: whether the browser is offline, how many lessons
// completed on this device wait to be sent, and what was just sent. It does something only on a
// browser where a course was saved for offline reading (a service worker controls the page); then,
// on every page load, it tells the worker who is signed in and whether the browser is online (the
// worker sends what is waiting), and asks it to send again when the connection returns.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";
import { addQueueReport, useQueueReport, type QueueReport } from "./pending";

await needMessages("offline");

export function OfflineStatus({ userId }: { userId: string | null }) {
  const { t } = useTranslation("offline");
  const report = useQueueReport();
  const online = useSyncExternalStore(
    subscribeToConnection,
    () => navigator.onLine,
    () => true,
  );
  const controlled = useSyncExternalStore(subscribeToWorker, isControlled, () => false);
  const { revalidate } = useRevalidator();

  useEffect(() => {
    const workers = typeof navigator === "undefined" ? undefined : navigator.serviceWorker;
    if (!workers) return;
    const hello = () => workers.controller?.postMessage({ type: "page", userId, online: navigator.onLine });
    const onMessage = (event: MessageEvent) => {
      const data = event.data as (QueueReport & { type?: string }) | null;
      if (data?.type !== "offline-queue") return;
      addQueueReport({ userId: data.userId, pending: data.pending, synced: data.synced, refused: data.refused });
      // What was just recorded changes the progress this page shows.
      if (data.synced > 0) revalidate();
    };
    const onOnline = () => workers.controller?.postMessage({ type: "sync" });
    hello();
    workers.addEventListener("message", onMessage);
    workers.addEventListener("controllerchange", hello);
    window.addEventListener("online", onOnline);
    window.addEventListener("click", leaveToTheBrowserWhenOffline, true);
    window.addEventListener("submit", leaveToTheBrowserWhenOffline, true);
    return () => {
      workers.removeEventListener("message", onMessage);
      workers.removeEventListener("controllerchange", hello);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("click", leaveToTheBrowserWhenOffline, true);
      window.removeEventListener("submit", leaveToTheBrowserWhenOffline, true);
    };
  }, [userId, revalidate]);

  const lines: string[] = [];
  if (!online && controlled) lines.push(t("status.offline"));
  const pending = report?.userId === userId ? (report?.pending.length ?? 0) : 0;
  if (pending > 0) lines.push(t("status.waiting", { count: pending }));
  if (report?.synced) lines.push(t("status.synced", { count: report.synced }));
  if (report?.refused) lines.push(t("status.refused", { count: report.refused }));
  return (
    // A live region without the status role while empty: pages keep their own single "status".
    <div aria-live="polite" className={lines.length > 0 ? "mb-6 rounded-md bg-sky-50 p-3 text-sm dark:bg-sky-950" : ""}>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

function subscribeToConnection(onChange: () => void) {
  window.addEventListener("online", onChange);
  window.addEventListener("offline", onChange);
  return () => {
    window.removeEventListener("online", onChange);
    window.removeEventListener("offline", onChange);
  };
}

const isControlled = () => Boolean(navigator.serviceWorker?.controller);

function subscribeToWorker(onChange: () => void) {
  navigator.serviceWorker?.addEventListener("controllerchange", onChange);
  return () => navigator.serviceWorker?.removeEventListener("controllerchange", onChange);
}

/**
 * Without a network, links and forms work as they do without JavaScript: a link opens as a whole
 * page and a form is submitted by the browser, instead of through Remix (which would first fetch
 * the page's data, and perhaps its route's description and code). The service worker answers saved
 * pages from their saved copies and keeps a "Mark complete" for later; any other page fails as it
 * would without JavaScript.
 */
function leaveToTheBrowserWhenOffline(event: Event) {
  if (navigator.onLine || !navigator.serviceWorker?.controller || event.defaultPrevented) return;
  if (event instanceof MouseEvent) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin) return;
    if ((link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  } else if (!(event.target instanceof HTMLFormElement)) return;
  // The browser follows the link or sends the form itself; Remix's handler never sees the event.
  event.stopPropagation();
}
