// What the service worker last said about the lessons completed on this device and not yet sent:
// a tiny store, filled by the site-wide status line (offline-status.tsx) and read by any page (a
// lesson shows that it is done on this device). Empty on the server and until the worker answers.
import { useSyncExternalStore } from "react";

export type QueueReport = {
  userId: string | null;
  pending: { course: string; lesson: string; path: string }[];
  /** Completions the worker has just sent and the server recorded. */
  synced: number;
  /** Completions the server refused for good (the course changed, no enrolment). */
  refused: number;
};

let current: QueueReport | null = null;
const listeners = new Set<() => void>();

export function setQueueReport(report: QueueReport) {
  current = report;
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
