import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { requireRole } from "~/auth/auth.server";
import { findCertificate, recentCertificates, revokeCertificate } from "~/certificates/certificate.server";
import { normaliseCertificateId } from "~/certificates/ids";
import { Field } from "~/components/field";
import { ScrollRegion } from "~/components/scroll-region";
import { db } from "~/db/db.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useFormat } from "~/lib/use-format";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("admin");

/** Trans options for values that are text (names, titles), never markup. */
const AS_TEXT = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.title ?? "Certificates", data?.section ?? "Admin") },
];

const revokeSchema = (t: TFunction) =>
  z.object({
    intent: z.enum(["check", "revoke"]).default("check"),
    id: z
      .string({ required_error: t("certificates.errors.idRequired") })
      .trim()
      .max(40, t("certificates.errors.idShape"))
      .transform((v) => normaliseCertificateId(v) ?? "")
      .pipe(z.string().min(1, t("certificates.errors.idShape"))),
    reason: z
      .string({ required_error: t("certificates.errors.reasonRequired") })
      .trim()
      .min(3, t("certificates.errors.reasonRequired"))
      .max(300, t("certificates.errors.reasonTooLong")),
  });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireRole(request, context, "admin");
  const { t } = await requestTranslator({ request, context }, "admin");
  const rows = await recentCertificates(db);
  return {
    title: t("certificates.title"),
    section: t("section"),
    certificates: rows.map((r) => ({
      ...r,
      path: paths.verify(r.id),
      issuedAt: r.issuedAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
  };
}

/** Revoking takes two steps: check (the form shows whose certificate it is), then confirm. */
export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireRole(request, context, "admin");
  const { t } = await requestTranslator({ request, context }, "admin");
  const submission = parseWithZod(await readForm({ request, context }), { schema: revokeSchema(t) });
  if (submission.status !== "success") return data({ result: submission.reply(), confirm: null, revoked: false }, 400);
  const { intent, id, reason } = submission.value;
  const certificate = await findCertificate(db, id);
  if (!certificate || certificate.status === "revoked") {
    const message = certificate ? t("certificates.revoke.alreadyRevoked") : t("certificates.revoke.unknown");
    return data({ result: submission.reply({ fieldErrors: { id: [message] } }), confirm: null, revoked: false }, 400);
  }
  if (intent === "check") {
    const learnerName = certificate.learnerName ?? t("audit.deletedAccount");
    const confirm = { id, learnerName, courseTitle: certificate.courseTitle, reason };
    return data({ result: submission.reply(), confirm, revoked: false }, 200);
  }
  await revokeCertificate(db, id, reason, { id: admin.id, label: "admin", ip: context.clientIp });
  return data({ result: submission.reply({ resetForm: true }), confirm: null, revoked: true }, 200);
}

export default function AdminCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result });
  const confirm = actionData?.confirm;
  const { t } = useTranslation("admin");
  const format = useFormat();
  const issued = (iso: string) => format.date(iso, "medium");
  return (
    <div>
      <h1 className="text-3xl font-bold">{t("certificates.heading")}</h1>
      <section aria-labelledby="revoke-heading" className="card mt-6 max-w-xl">
        <h2 id="revoke-heading" className="text-xl font-semibold">
          {t("certificates.revoke.heading")}
        </h2>
        <Form method="post" className="mt-4 space-y-4" {...getFormProps(form)}>
          <Field field={fields.id} label={t("certificates.revoke.id")} hint={t("certificates.revoke.idHint")} />
          <Field
            field={fields.reason}
            label={t("certificates.revoke.reason")}
            hint={t("certificates.revoke.reasonHint")}
          />
          {confirm ? (
            <div role="alert" className="rounded-md border border-red-600 bg-red-50 p-4 dark:bg-red-950">
              <p>
                <Trans
                  t={t}
                  i18nKey="certificates.revoke.confirm"
                  values={{ id: confirm.id, learner: confirm.learnerName, course: confirm.courseTitle }}
                  components={{ code: <code />, strong: <strong />, em: <em /> }}
                  {...AS_TEXT}
                />
              </p>
              <div className="mt-3 flex flex-wrap gap-3">
                <button type="submit" name="intent" value="revoke" className="btn-primary">
                  {t("certificates.revoke.yes")}
                </button>
                <Link to={paths.adminCertificates()} className="btn-secondary">
                  {t("certificates.revoke.cancel")}
                </Link>
              </div>
            </div>
          ) : (
            <button type="submit" name="intent" value="check" className="btn-primary">
              {t("certificates.revoke.check")}
            </button>
          )}
          {actionData?.revoked && <p role="status">{t("certificates.revoke.done")}</p>}
        </Form>
      </section>
      <h2 className="mt-10 text-xl font-semibold">{t("certificates.recent.heading")}</h2>
      <ScrollRegion label={t("certificates.recent.heading")} className="mt-3">
        <table className="w-full text-start text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th className="py-2 pe-4">{t("certificates.recent.id")}</th>
              <th className="py-2 pe-4">{t("certificates.recent.learner")}</th>
              <th className="py-2 pe-4">{t("certificates.recent.course")}</th>
              <th className="py-2 pe-4">{t("certificates.recent.issued")}</th>
              <th className="py-2">{t("certificates.recent.status")}</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.id} className="border-b border-slate-200 dark:border-slate-700">
                <td className="py-2 pe-4">
                  <Link to={c.path}>{c.id}</Link>
                </td>
                <td className="py-2 pe-4">{c.holderWithheldAt ? t("audit.deletedAccount") : c.learnerName}</td>
                <td className="py-2 pe-4">{c.courseTitle}</td>
                <td className="py-2 pe-4">{issued(c.issuedAt)}</td>
                <td className="py-2">
                  {c.revokedAt
                    ? t("certificates.recent.revoked", { reason: c.revokedReason })
                    : t("certificates.recent.valid")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
