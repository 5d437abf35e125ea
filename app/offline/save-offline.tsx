// "Save for offline" on the page of a course the learner is enrolled in. It needs JavaScript, a
// service worker and Cache Storage: without them it shows nothing. Its code (the panel, device.ts,
// its messages) is fetched after the page has loaded and only by a browser that can save, so the
// course page's first visit does not carry it.
import { useEffect, useState } from "react";
import type { CourseToSave } from "./device";
import type { SaveOfflinePanel } from "./save-offline-panel";

/** Whether this browser can keep pages for offline reading. */
export const canSaveOffline = () =>
  typeof window !== "undefined" && "serviceWorker" in navigator && "caches" in window && "indexedDB" in window;

export function SaveOffline({ course }: { course: CourseToSave }) {
  const [Panel, setPanel] = useState<typeof SaveOfflinePanel | null>(null);
  useEffect(() => {
    if (!canSaveOffline()) return;
    let current = true;
    import("./save-offline-panel").then(
      (module) => current && setPanel(() => module.SaveOfflinePanel),
      // Not loaded (the connection dropped, say): the page goes on without it.
      (error: unknown) => console.error(error),
    );
    return () => {
      current = false;
    };
  }, []);
  return Panel ? <Panel course={course} /> : null;
}
