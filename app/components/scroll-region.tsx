import type { ReactNode } from "react";

/**
 * A wide table's wrapper that scrolls sideways on narrow screens. A region that scrolls must be
 * reachable by keyboard (WCAG 2.1.1), so it takes focus and is named by `label`.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={`overflow-x-auto ${className ?? ""}`}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be reachable by keyboard
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}
