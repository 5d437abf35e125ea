import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditPage, parseAuditQuery } from "~/audit/view.server";
import { AuditLog } from "~/components/audit-log";
import { db } from "~/db/db.server";
import { httpError } from "~/http/errors.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { requireOrganisationMember } from "~/organisations/access.server";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("admin");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title ?? "Audit log") }];

/** The organisation's entries in the audit log, for its owners and admins (and platform admins). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const me = await requireOrganisationMember(request, context, params.slug);
  const { t } = await requestTranslator({ request, context }, "admin");
  if (!me.manages) throw httpError(403, t("audit.onlyManagers"));
  const query = parseAuditQuery(request.url);
  const org = me.organisation;
  return {
    title: t("audit.orgTitle", { organisation: org.name }),
    organisation: { name: org.name, slug: org.slug },
    query,
    ...(await auditPage(db, query, { organisationId: org.id })),
  };
}

export default function OrganisationAudit() {
  const { query, organisation, title: _title, ...log } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const pageLink = (page: number) =>
    paths.organisationAudit(organisation, {
      ...query,
      page: page > 1 ? String(page) : null,
      actor: query.actor || null,
    });
  return (
    <div>
      <p>
        <Link to={paths.organisation(organisation)}>{organisation.name}</Link>
      </p>
      <h1 className="mt-2 text-3xl font-bold">{t("audit.orgHeading", { organisation: organisation.name })}</h1>
      <p className="mt-2 muted">{t("audit.orgIntro")}</p>
      <AuditLog {...log} query={query} pageLink={pageLink} />
    </div>
  );
}
