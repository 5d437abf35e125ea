import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditPage, parseAuditQuery } from "~/audit/view.server";
import { requireRole } from "~/auth/auth.server";
import { AuditLog } from "~/components/audit-log";
import { db } from "~/db/db.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("admin");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.title ?? "Audit log", data?.section ?? "Admin") },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const { t } = await requestTranslator({ request, context }, "admin");
  const query = parseAuditQuery(request.url);
  return { title: t("audit.title"), section: t("section"), query, ...(await auditPage(db, query)) };
}

export default function AdminAudit() {
  const { query, ...log } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const pageLink = (page: number) =>
    paths.adminAudit({ ...query, page: page > 1 ? String(page) : null, actor: query.actor || null });
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("audit.heading")}</h1>
      <p className="mt-2 muted">{t("audit.intro")}</p>
      <AuditLog {...log} query={query} pageLink={pageLink} />
    </div>
  );
}
