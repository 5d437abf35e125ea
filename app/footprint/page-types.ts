// Which kind of page an address shows, for the footprint figures: each kind has a measured typical
// weight (measured.json) and a budget (budgets.ts). Pure: the root loader and the footer use it.

export const PAGE_TYPES = ["home", "catalogue", "course", "lesson", "quiz", "footprint", "other"] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/**
 * The page type of a path, in the order the router ranks them: a course's glossary and quiz pages
 * before its lessons (`/courses/<course>/<module>/<lesson>`).
 */
export function pageTypeOf(pathname: string): PageType {
  const parts = pathname.split("/").filter(Boolean);
  if (parts.length === 0) return "home";
  if (parts[0] === "footprint" && parts.length === 1) return "footprint";
  if (parts[0] !== "courses") return "other";
  if (parts.length === 1) return "catalogue";
  if (parts.length === 2) return "course";
  if (parts[2] === "glossary") return "other";
  if (parts[2] === "quiz") return "quiz";
  if (parts.length === 4) return "lesson";
  return "other";
}
