import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { requestPasswordReset } from "~/auth/account-email.server";
import { forgotPasswordSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { retryAfter, tooManyMessage } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { throttlePasswordReset } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";

await needMessages("account");
export { passRetryAfter as headers } from "~/http/headers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Every answer takes at least this long, whether or not an account has the address. */
const ANSWER_MS = 400;

// Anyone may ask, signed in or not: the page answers the same whatever the address.
export async function loader(args: LoaderFunctionArgs) {
  const { t } = await requestTranslator(args, "account");
  return { title: pageTitle(t("forgotPassword.title")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t, language } = await requestTranslator({ request, context }, "account");
  const submission = parseWithZod(await readForm({ request, context }), { schema: forgotPasswordSchema(t) });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, 400);
  const { refusal, sendAllowed } = await throttlePasswordReset(db, context.clientIp, submission.value.email);
  if (refusal)
    return data(
      { result: submission.reply({ formErrors: [tooManyMessage(t, refusal, "passwordReset")] }), sent: false },
      { status: 429, headers: retryAfter(refusal) },
    );
  await requestPasswordReset(submission.value.email, { minimumMs: ANSWER_MS, send: sendAllowed, requested: language });
  return data({ result: submission.reply({ resetForm: true }), sent: true }, 200);
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result });
  const busy = useIsPending();
  const { t } = useTranslation("account");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("forgotPassword.title")}</h1>
      {actionData?.sent ? (
        <div role="status" className="mt-6 space-y-4">
          <p>{t("forgotPassword.sent")}</p>
          <p className="muted">{t("forgotPassword.noEmail")}</p>
          <p>
            <Link to={paths.logIn()}>{t("forgotPassword.backToLogIn")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mt-2 muted">{t("forgotPassword.intro")}</p>
          <Form method="post" className="mt-6 space-y-5" {...getFormProps(form)}>
            {form.errors && (
              <p id={form.errorId} role="alert" className="field-error">
                {form.errors.join(" ")}
              </p>
            )}
            <Field field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {busy ? t("forgotPassword.submitting") : t("forgotPassword.submit")}
            </button>
          </Form>
          <p className="mt-6 text-sm">
            <Trans t={t} i18nKey="forgotPassword.remembered" components={{ a: <Link to={paths.logIn()} /> }} />
          </p>
        </>
      )}
    </div>
  );
}
