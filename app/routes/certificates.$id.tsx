import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requireUser } from "~/auth/auth.server";
import { findCertificate } from "~/certificates/certificate.server";
import { CopyLink } from "~/components/copy-link";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { requestTranslator, translator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { SITE_NAME, pageTitle, siteUrl } from "~/site";

await needMessages("certificates");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const c = await findCertificate(db, params.id ?? "");
  if (!c || c.userId !== user.id)
    notFound((await requestTranslator({ request, context }, "certificates")).t("mine.notFound"));
  // A certificate is written in the language of the course it was earned in.
  const t = translator(c.language, "certificates");
  const verifyUrl = `${siteUrl()}/verify/${c.id}`;
  const linkedIn = new URL("https://www.linkedin.com/profile/add");
  linkedIn.search = new URLSearchParams({
    startTask: "CERTIFICATION_NAME",
    name: c.courseTitle,
    organizationName: SITE_NAME,
    issueYear: String(c.completedAt.getUTCFullYear()),
    issueMonth: String(c.completedAt.getUTCMonth() + 1),
    certUrl: verifyUrl,
    certId: c.id,
  }).toString();
  return {
    pageLanguage: c.language,
    title: pageTitle(t("mine.title")),
    id: c.id,
    courseTitle: c.courseTitle,
    score: c.score,
    status: c.status,
    completedAt: c.completedAt.toISOString(),
    revocation: c.revokedAt ? { at: c.revokedAt.toISOString(), reason: c.revokedReason } : null,
    verifyUrl,
    linkedIn: linkedIn.toString(),
  };
}

export default function MyCertificate() {
  const c = useLoaderData<typeof loader>();
  const { t } = useTranslation("certificates");
  const format = useFormat();
  const header = (
    <>
      <h1 className="text-3xl font-bold">{t("mine.title")}</h1>
      <p className="mt-2 text-lg">{c.courseTitle}</p>
      <p className="muted">
        <Trans
          t={t}
          i18nKey="mine.completed"
          values={{ date: format.date(c.completedAt), score: format.percent(c.score), id: c.id }}
          components={{ code: <code className="whitespace-nowrap" /> }}
        />
      </p>
    </>
  );
  if (c.status !== "valid") {
    // A certificate that is no longer valid is not shared: no PDF, no credential, no link to post.
    return (
      <div className="mx-auto max-w-2xl">
        {header}
        <div
          role="alert"
          className="mt-6 rounded-md border-s-4 border-red-600 bg-red-50 p-5 text-red-950 dark:bg-red-950 dark:text-red-50"
        >
          {c.revocation ? (
            <>
              <p className="text-xl font-bold">{t("mine.revoked", { date: format.date(c.revocation.at) })}</p>
              <p className="mt-1">{t("mine.reason", { reason: c.revocation.reason ?? "" })}</p>
            </>
          ) : (
            <p className="text-xl font-bold">{t("mine.invalid")}</p>
          )}
          <p className="mt-2">{t("mine.notShared")}</p>
        </div>
        <p className="mt-6">
          <Link to={paths.verify(c.id)}>{t("mine.seePublicPage")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl">
      {header}
      <p className="mt-2 font-semibold text-emerald-800 dark:text-emerald-300">{t("mine.valid")}</p>
      <div className="mt-6 flex flex-wrap gap-3">
        <a href={paths.certificatePdf(c.id)} className="btn-primary" download>
          {t("mine.downloadPdf")}
        </a>
        <a href={c.linkedIn} className="btn-secondary" rel="noopener noreferrer" target="_blank">
          {t("mine.addToLinkedIn")}
        </a>
        <a href={paths.credential(c.id)} className="btn-secondary" download>
          {t("mine.credential")}
        </a>
        <Link to={paths.verify(c.id)} className="btn-secondary">
          {t("mine.openPublicPage")}
        </Link>
      </div>
      <section aria-labelledby="share-heading" className="mt-8">
        <h2 id="share-heading" className="text-xl font-bold">
          {t("mine.share.heading")}
        </h2>
        <p className="mt-1 text-sm muted">{t("mine.share.text")}</p>
        <div className="mt-3">
          <CopyLink url={c.verifyUrl} label={t("mine.share.link")} />
        </div>
      </section>
    </div>
  );
}
