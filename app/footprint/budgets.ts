// The academy's page-weight budgets (bytes on the wire, KiB = 1,024 bytes), one per measured view.
// Our own targets, not external figures: a lesson must stay usable on a slow, metered phone link,
// and no other page may weigh more on a first visit than a lesson does.
import type { MeasuredView } from "./measured";

export type Budget = { view: MeasuredView; label: string; kib: number };

export const BUDGETS: Budget[] = [
  { view: "lesson-first", label: "Lesson, first visit (empty cache)", kib: 120 },
  { view: "lesson-data-saver", label: "Lesson in data-saver mode (no JavaScript, no web fonts)", kib: 40 },
  { view: "lesson-next", label: "Next lesson (cache warm, page changed in place)", kib: 20 },
  { view: "catalogue", label: "Course catalogue, first visit", kib: 120 },
  { view: "course", label: "Course page, first visit", kib: 120 },
  { view: "home", label: "Home page, first visit", kib: 120 },
  { view: "footprint", label: "This footprint page, first visit", kib: 120 },
];
