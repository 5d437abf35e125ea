import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("privacy");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Privacy" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "privacy");
  const deleted = new URL(request.url).searchParams.get("deleted") === "1";
  return { title: pageTitle(t("title")), deleted };
}

const SECTIONS = [
  { id: "stored", items: ["account", "learning", "organisations", "events", "audit", "technical"] },
  { id: "retention", items: ["account", "sessions", "after"] },
  { id: "access", items: ["you", "organisations", "instructors", "admins", "public"] },
  { id: "rights", items: ["export", "delete"] },
] as const;

export default function PrivacyPage() {
  const { deleted } = useLoaderData<typeof loader>();
  const { t } = useTranslation("privacy");
  return (
    <div className="mx-auto max-w-3xl">
      {deleted && (
        <p
          role="status"
          className="mb-6 rounded-md border-s-4 border-emerald-600 bg-emerald-50 p-4 dark:bg-emerald-950"
        >
          {t("deleted")}
        </p>
      )}
      <h1 className="text-3xl font-bold">{t("heading")}</h1>
      <p className="mt-3">{t("intro")}</p>
      {SECTIONS.map((section) => (
        <section key={section.id} aria-labelledby={`${section.id}-heading`} className="mt-8">
          <h2 id={`${section.id}-heading`} className="text-2xl font-bold">
            {t(`${section.id}.heading`)}
          </h2>
          <ul className="mt-3 list-disc space-y-2 ps-6">
            {section.items.map((item) => (
              <li key={item}>{t(`${section.id}.${item}`)}</li>
            ))}
          </ul>
        </section>
      ))}
      <p className="mt-6">
        <Link to={paths.account()}>{t("rights.account")}</Link>
      </p>
    </div>
  );
}
