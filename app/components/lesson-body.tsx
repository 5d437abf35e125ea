import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { needMessages } from "~/i18n/messages";
import { usePageHtml } from "~/lessons/server-html";

await needMessages("components");

/**
 * The lesson's server-rendered HTML (sent once: see ~/lessons/server-html). Everything in it works without JavaScript; with JavaScript,
 * tab groups (shown stacked by default) become tabs, and glossary bubbles keep inside the window.
 */
export function LessonBody({ html: fromData }: { html: string | null }) {
  const html = usePageHtml("lesson", fromData);
  const { t } = useTranslation("components");
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const body = ref.current;
    const tabLabel = (n: number) => t("lessonBody.tab", { number: n });
    body?.querySelectorAll<HTMLElement>("[data-tabs]").forEach((group, i) => enhanceTabs(group, i, tabLabel));
    // A glossary bubble near the right edge of the window opens leftwards instead.
    const place = (e: Event) => {
      const tip = (e.target as HTMLElement).closest(".term")?.querySelector<HTMLElement>(".term-tip");
      if (!tip) return;
      delete tip.dataset.align;
      if (tip.getBoundingClientRect().right > document.documentElement.clientWidth - 8) tip.dataset.align = "end";
    };
    body?.addEventListener("mouseover", place);
    body?.addEventListener("focusin", place);
    return () => {
      body?.removeEventListener("mouseover", place);
      body?.removeEventListener("focusin", place);
    };
  }, [html, t]);
  return (
    <div
      ref={ref}
      data-html="lesson"
      className="lesson prose prose-slate mt-6 max-w-none dark:prose-invert"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** Makes a group of panels into tabs; `tabLabel(n)` names the n-th tab of a panel without a label. */
function enhanceTabs(group: HTMLElement, groupIndex: number, tabLabel: (n: number) => string) {
  const panels = [...group.querySelectorAll<HTMLElement>(":scope > [data-tab-label]")];
  if (panels.length < 2 || group.querySelector('[role="tablist"]')) return;
  const list = document.createElement("div");
  list.setAttribute("role", "tablist");
  list.className = "flex flex-wrap gap-1 border-b border-slate-200 px-2 pt-2 dark:border-slate-700";
  const tabs = panels.map((panel, i) => {
    const tab = document.createElement("button");
    const id = `tab-${groupIndex}-${i}`;
    tab.type = "button";
    tab.id = id;
    tab.textContent = panel.dataset.tabLabel ?? tabLabel(i + 1);
    tab.setAttribute("role", "tab");
    tab.className = "tab rounded-t-md px-3 py-2 text-sm font-semibold";
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", id);
    panel.tabIndex = 0;
    panel.querySelector(".tab-heading")?.classList.add("sr-only");
    list.append(tab);
    return tab;
  });
  const select = (index: number, focus = false) => {
    tabs.forEach((tab, i) => {
      tab.setAttribute("aria-selected", String(i === index));
      tab.tabIndex = i === index ? 0 : -1;
      panels[i].hidden = i !== index;
    });
    if (focus) tabs[index].focus();
  };
  // The next tab is the one after in reading order: to the left in a right-to-left lesson.
  const forward = getComputedStyle(group).direction === "rtl" ? "ArrowLeft" : "ArrowRight";
  const back = forward === "ArrowRight" ? "ArrowLeft" : "ArrowRight";
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(i));
    tab.addEventListener("keydown", (e) => {
      const step = e.key === forward ? 1 : e.key === back ? -1 : 0;
      if (step) select((i + step + tabs.length) % tabs.length, true);
    });
  });
  group.prepend(list);
  select(0);
}
