import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AUDIT_ACTIONS, isAuditAction } from "~/audit/actions";
import type { AuditPage, AuditQuery } from "~/audit/view.server";
import { ScrollRegion } from "~/components/scroll-region";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";

await needMessages("admin");

type Entry = AuditPage["entries"][number];

type Query = AuditQuery;

/** Filters (a plain GET form), one page of entries and links to the other pages. */
export function AuditLog({
  entries,
  total,
  page,
  pageCount,
  query,
  pageLink,
}: {
  entries: Entry[];
  total: number;
  page: number;
  pageCount: number;
  query: Query;
  pageLink: (page: number) => string;
}) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const day = (iso: string) => format.date(iso, "medium");
  const actionName = (action: string) => (isAuditAction(action) ? t(`audit.actions.${action}`) : action);
  const actor = (e: Entry) =>
    e.actorName ??
    (e.actorLabel === "system"
      ? t("audit.system")
      : `${t("audit.deletedAccount")} (${t(`audit.labels.${e.actorLabel}`)})`);
  const subject = (e: Entry) =>
    e.subjectType === "user"
      ? (e.subjectName ?? t("audit.deletedAccount"))
      : `${t(`audit.subjects.${e.subjectType}`)} ${e.subjectId ?? ""}`;
  const columns: { key: string; head: string; cell: (e: Entry) => ReactNode; wrap?: boolean }[] = [
    {
      key: "when",
      head: t("audit.columns.when"),
      cell: (e) => (
        <>
          <time dateTime={e.at}>{day(e.at)}</time> <span className="muted">{e.at.slice(11, 16)}</span>
        </>
      ),
    },
    { key: "who", head: t("audit.columns.who"), cell: actor },
    { key: "what", head: t("audit.columns.what"), cell: (e) => actionName(e.action) },
    { key: "subject", head: t("audit.columns.subject"), cell: subject, wrap: true },
    { key: "from", head: t("audit.columns.from"), cell: (e) => e.ip ?? "—" },
    { key: "details", head: t("audit.columns.details"), cell: (e) => e.details, wrap: true },
  ];
  return (
    <div>
      <Form method="get" className="mt-6 flex flex-wrap items-end gap-3" aria-label={t("audit.filters")}>
        <div>
          <label htmlFor="audit-action" className="field-label">
            {t("audit.filter.action")}
          </label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className="field-input">
            <option value="">{t("audit.filter.anyAction")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionName(a)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-actor" className="field-label">
            {t("audit.filter.actor")}
          </label>
          <input
            id="audit-actor"
            name="actor"
            type="search"
            defaultValue={query.actor}
            maxLength={200}
            className="field-input"
          />
        </div>
        <div>
          <label htmlFor="audit-from" className="field-label">
            {t("audit.filter.from")}
          </label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} className="field-input" />
        </div>
        <div>
          <label htmlFor="audit-to" className="field-label">
            {t("audit.filter.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} className="field-input" />
        </div>
        <button type="submit" className="btn-primary">
          {t("audit.filter.submit")}
        </button>
      </Form>

      <p className="mt-6 muted">{t("audit.count", { count: total, formatted: format.number(total) })}</p>
      {entries.length === 0 ? (
        <p className="mt-3">{t("audit.none")}</p>
      ) : (
        <ScrollRegion label={t("audit.caption")} className="mt-3">
          <table className="w-full text-start text-sm">
            <caption className="sr-only">{t("audit.caption")}</caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-600">
                {columns.map((c) => (
                  <th key={c.key} className="py-2 pe-4">
                    {c.head}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-b border-slate-200 dark:border-slate-700">
                  {columns.map((c) => (
                    <td key={c.key} className={`py-2 pe-4 ${c.wrap ? "break-all" : ""}`}>
                      {c.cell(e)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {pageCount > 1 && (
        <nav aria-label={t("audit.pages")} className="mt-4 flex gap-4">
          {page > 1 && <Link to={pageLink(page - 1)}>{t("audit.previous")}</Link>}
          <span>{t("audit.pageOf", { page, pageCount })}</span>
          {page < pageCount && <Link to={pageLink(page + 1)}>{t("audit.next")}</Link>}
        </nav>
      )}
    </div>
  );
}
