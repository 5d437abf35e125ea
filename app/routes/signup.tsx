import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { getUser, safeRedirect, signUp } from "~/auth/auth.server";
import { signupSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { retryAfter, tooManyMessage, unlessBusy } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { throttleSignUp } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";

await needMessages("account");
export { passRetryAfter as headers } from "~/http/headers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (getUser(context)) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  const { t } = await requestTranslator({ request, context }, "account");
  return { title: pageTitle(t("signup.title")) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { t, language } = await requestTranslator({ request, context }, "account");
  const submission = parseWithZod(await readForm({ request, context }), { schema: signupSchema(t) });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["password"] }), 400);
  const to = safeRedirect(submission.value.redirectTo);
  const refusal = await throttleSignUp(db, context.clientIp);
  if (refusal)
    return data(
      submission.reply({
        formErrors: [tooManyMessage(t, refusal, "signUp")],
        hideFields: ["password"],
      }),
      { status: 429, headers: retryAfter(refusal) },
    );
  const result = await unlessBusy(signUp({ ...submission.value, language }));
  if ("field" in result)
    return data(
      submission.reply({ fieldErrors: { [result.field]: [say(t, result.problem)] }, hideFields: ["password"] }),
      400,
    );
  throw redirect(to, { headers: { "Set-Cookie": result.setCookie } });
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult });
  const [params] = useSearchParams();
  const { t } = useTranslation("account");
  const busy = useIsPending();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("signup.heading")}</h1>
      <p className="mt-2 muted">{t("signup.intro")}</p>
      <Form method="post" className="mt-6 space-y-5" {...getFormProps(form)}>
        {form.errors && (
          <p id={form.errorId} role="alert" className="field-error">
            {form.errors.join(" ")}
          </p>
        )}
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field field={fields.name} label={t("fields.fullName")} autoComplete="name" hint={t("fields.fullNameHint")} />
        <Field field={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
        <Field
          field={fields.password}
          label={t("fields.password")}
          type="password"
          autoComplete="new-password"
          hint={t("fields.newPasswordHint")}
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? t("signup.submitting") : t("signup.submit")}
        </button>
      </Form>
      <p className="mt-6 text-sm">
        <Trans t={t} i18nKey="signup.haveAccount" components={{ a: <Link to={paths.logIn(redirectTo)} /> }} />
      </p>
      <p className="mt-2 text-sm">
        <Trans t={t} i18nKey="signup.privacy" components={{ a: <Link to={paths.privacy()} /> }} />
      </p>
    </div>
  );
}
