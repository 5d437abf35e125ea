// What the service worker last said about the lessons completed on this device and not yet sent:
// a tiny store, filled by the site-wide status line (offline-status.tsx) and read by any page (a
// lesson shows that it is done on this device). Empty on the server and until the worker answers.
import { useSyncExternalStore } from "react";

export type QueueReport = {
  userId: string | null;
  pending: { course: string; lesson: string; path: string }[];
  /** Completions the server recorded (in a report: just now; in the store: since this page opened). */
  synced: number;
  /** Completions the server refused for good (the course changed, no enrolment). */
  refused: number;
};

let current: QueueReport | null = null;
const listeners = new Set<() => void>();

/** Takes the worker's latest report; what was sent is added up for as long as the page is open. */
export function addQueueReport(report: QueueReport) {
  const same = current?.userId === report.userId;
  current = {
    ...report,
    synced: report.synced + (same ? current!.synced : 0),
    refused: report.refused + (same ? current!.refused : 0),
  };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export const useQueueReport = () =>
  useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );

/** Whether this lesson was completed on this device and is waiting to be sent. */
export function useQueuedLesson(course: string, lesson: string): boolean {
  const report = useQueueReport();
  return Boolean(report?.pending.some((p) => p.course === course && p.lesson === lesson));
}
