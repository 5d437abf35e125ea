import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { findCertificate } from "~/certificates/certificate.server";
import { verificationReport } from "~/certificates/verification.server";
import { CopyLink } from "~/components/copy-link";
import { StatusErrorBoundary } from "~/components/error-page";
import { db } from "~/db/db.server";
import { notFound } from "~/http/errors.server";
import { requestTranslator, translator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle, SITE_NAME, siteUrl } from "~/site";

await needMessages("certificates");

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  // Without data (no such certificate) the meta function has no translator: the error page says it in the page's language.
  { title: data?.title ?? "No such certificate" },
  { name: "robots", content: "noindex" },
];

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const c = await findCertificate(db, params.id ?? "");
  if (!c) notFound((await requestTranslator({ request, context }, "certificates")).t("verify.notFound.text"));
  // The verify page is written in the certificate's language: the language of the course it was earned in.
  const t = translator(c.language, "certificates");
  // Only what the certificate itself states, the catalogue's note where it states less, and its status.
  return {
    pageLanguage: c.language,
    ...verificationReport(c, siteUrl()),
    verifyUrl: `${siteUrl()}/verify/${c.id}`,
    title: pageTitle(t("verify.title", { id: c.id })),
  };
}

export default function VerifyPage() {
  const r = useLoaderData<typeof loader>();
  const { t } = useTranslation("certificates");
  const format = useFormat();
  const facts = r.certified ?? r.unverifiedRecord!;
  const tone = {
    valid: "border-emerald-600 bg-emerald-50 dark:bg-emerald-950",
    revoked: "border-red-600 bg-red-50 dark:bg-red-950",
    invalid: "border-red-600 bg-red-50 dark:bg-red-950",
  }[r.status];
  return (
    <div className="mx-auto max-w-3xl">
      <p className="text-sm font-semibold uppercase tracking-wide muted">{t("verify.kicker")}</p>
      <div className={`mt-3 rounded-md border-s-4 p-5 ${tone}`} role="status">
        <p className="text-sm font-semibold">{t("verify.status.checkedNow")}</p>
        {r.status === "valid" && <p className="text-2xl font-bold">{t("verify.status.valid")}</p>}
        {r.status === "revoked" && (
          <>
            <p className="text-2xl font-bold">{t("verify.status.revoked")}</p>
            <p className="mt-1">
              {t("verify.status.revokedOn", { date: format.date(r.revocation.at!), reason: r.revocation.reason ?? "" })}
            </p>
          </>
        )}
        {r.status === "invalid" && <p className="text-2xl font-bold">{t("verify.status.invalid")}</p>}
        <p className="mt-1 text-sm">{t("verify.status.issuedBy", { site: SITE_NAME })}</p>
      </div>
      <h2 className="mt-8 text-xl font-bold">
        {r.certified ? t("verify.facts.certified") : t("verify.facts.onRecord")}
      </h2>
      <dl className="mt-3 grid gap-x-6 gap-y-4 sm:grid-cols-[12rem_1fr]">
        <dt className="font-semibold">{t("verify.facts.awardedTo")}</dt>
        <dd className="text-xl">
          {facts.learnerName ?? t("verify.facts.deletedAccount")}
          {facts.holderWithheldAt && (
            <p className="mt-1 text-sm muted">
              {t("verify.facts.withheld", { date: format.date(facts.holderWithheldAt) })}
            </p>
          )}
        </dd>
        <dt className="font-semibold">{t("verify.facts.course")}</dt>
        <dd>
          <Link to={paths.course(facts.course)}>{facts.course.title}</Link>
        </dd>
        {facts.courseSummary != null && (
          <>
            <dt className="font-semibold">{t("verify.facts.about")}</dt>
            <dd>{facts.courseSummary}</dd>
          </>
        )}
        <dt className="font-semibold">{t("verify.facts.completedOn")}</dt>
        <dd>{format.date(facts.completedAt)}</dd>
        <dt className="font-semibold">{t("verify.facts.score")}</dt>
        <dd>
          {facts.passMark != null
            ? t("verify.facts.scoreWithPassMark", {
                score: format.percent(facts.score),
                passMark: format.percent(facts.passMark),
              })
            : format.percent(facts.score)}
        </dd>
        <dt className="font-semibold">{t("verify.facts.id")}</dt>
        <dd>
          <code className="whitespace-nowrap">{r.id}</code>
        </dd>
      </dl>
      <h3 className="mt-8 text-lg font-bold">{t("verify.outcomes")}</h3>
      <ul className="mt-3 list-disc space-y-1 ps-6">
        {facts.course.outcomes.map((o) => (
          <li key={o}>{o}</li>
        ))}
      </ul>
      {r.catalogue && (
        <section
          aria-labelledby="catalogue-heading"
          className="mt-8 rounded-md border border-slate-300 p-4 dark:border-slate-600"
        >
          <h2 id="catalogue-heading" className="text-lg font-bold">
            {t("verify.catalogue.heading")}
          </h2>
          <p className="mt-1 text-sm muted">{t("verify.catalogue.note")}</p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[12rem_1fr]">
            <dt className="font-semibold">{t("verify.catalogue.passMark")}</dt>
            <dd>{format.percent(r.catalogue.passMark)}</dd>
            <dt className="font-semibold">{t("verify.facts.about")}</dt>
            <dd>{r.catalogue.courseSummary}</dd>
          </dl>
        </section>
      )}
      {r.status === "valid" && (
        <div className="mt-8">
          <CopyLink url={r.verifyUrl} label={t("verify.link")} />
        </div>
      )}
      <details className="mt-8 rounded-md border border-slate-300 dark:border-slate-600">
        <summary className="cursor-pointer p-3 font-semibold">{t("verify.technical.heading")}</summary>
        <dl className="grid gap-x-6 gap-y-2 border-t border-slate-200 p-3 text-sm sm:grid-cols-[12rem_1fr] dark:border-slate-700">
          <dt className="font-semibold">{t("verify.technical.signature")}</dt>
          <dd>
            <Trans
              t={t}
              i18nKey="verify.technical.key"
              values={{ keyId: r.signature.keyId }}
              components={{ code: <code className="break-all" /> }}
            />
          </dd>
          <dt className="font-semibold">{t("verify.technical.publicKeys")}</dt>
          <dd>
            <Link to={paths.jwks()} reloadDocument>
              {t("verify.technical.jwks")}
            </Link>
          </dd>
          {r.revocation.statusList && (
            <>
              <dt className="font-semibold">{t("verify.technical.revocation")}</dt>
              <dd>
                <Trans
                  t={t}
                  i18nKey="verify.technical.statusList"
                  values={{ index: r.revocation.statusList.index }}
                  // eslint-disable-next-line jsx-a11y/anchor-has-content -- the message gives the link its words
                  components={{ a: <a href={r.revocation.statusList.url} /> }}
                />
              </dd>
            </>
          )}
          {r.courseVersion !== null && (
            <>
              <dt className="font-semibold">{t("verify.technical.courseVersion")}</dt>
              <dd>{t("verify.technical.earnedOnVersion", { version: r.courseVersion })}</dd>
            </>
          )}
          <dt className="font-semibold">{t("verify.technical.formats")}</dt>
          <dd>
            <Link to={paths.verifyApi(r.id)} reloadDocument>
              {t("verify.technical.json")}
            </Link>{" "}
            ·{" "}
            <Link to={paths.credential(r.id)} reloadDocument>
              {t("verify.technical.credential")}
            </Link>
          </dd>
        </dl>
      </details>
    </div>
  );
}

export function ErrorBoundary() {
  const { t } = useTranslation("certificates");
  return (
    <StatusErrorBoundary
      overrides={{
        404: { title: t("verify.notFound.title"), text: t("verify.notFound.text") },
        unexpected: { title: t("verify.unexpected.title"), text: t("verify.unexpected.text") },
      }}
      action={{ to: paths.verifyForm(), label: t("verify.enterId") }}
    />
  );
}
