import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resetPassword, resetTokenState } from "~/auth/account-email.server";
import { startSession } from "~/auth/auth.server";
import { resetPasswordSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { TokenProblem, tokenProblemStatus } from "~/components/token-problem";
import { unlessBusy } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

await needMessages("account");

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const NO_STORE = { "Cache-Control": "no-store" };

// Opening the link only looks the token up: it is used when the form is sent.
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "account");
  const title = pageTitle(t("resetPassword.title"));
  const state = await resetTokenState(params.token ?? "");
  if (state.status !== "valid")
    return data({ title, problem: state.status }, { status: tokenProblemStatus(state.status), headers: NO_STORE });
  return data({ title, problem: null }, { headers: NO_STORE });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { t } = await requestTranslator({ request, context }, "account");
  const submission = parseWithZod(await readForm({ request, context }), { schema: resetPasswordSchema(t) });
  const hideFields = ["newPassword", "confirmPassword"];
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields }), problem: null }, 400);
  const outcome = await unlessBusy(resetPassword(params.token ?? "", submission.value.newPassword));
  if (outcome.ok) {
    // Every session of the account has ended; this one starts afresh.
    throw redirect(`${paths.account()}?password=reset`, {
      headers: { "Set-Cookie": await startSession(outcome.userId) },
    });
  }
  if ("field" in outcome)
    return data(
      {
        result: submission.reply({ fieldErrors: { [outcome.field]: [say(t, outcome.problem)] }, hideFields }),
        problem: null,
      },
      400,
    );
  return data({ result: submission.reply({ hideFields }), problem: outcome.state }, tokenProblemStatus(outcome.state));
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result });
  const busy = useIsPending();
  const { t } = useTranslation("account");
  const problem = actionData?.problem ?? loaderData.problem;
  if (problem)
    return (
      <TokenProblem problem={problem} what={t("resetPassword.linkName")}>
        <Link to={paths.forgotPassword()} className="btn-primary">
          {t("resetPassword.askAgain")}
        </Link>
      </TokenProblem>
    );
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">{t("resetPassword.title")}</h1>
      <p className="mt-2 muted">{t("resetPassword.intro")}</p>
      <Form method="post" className="mt-6 space-y-5" {...getFormProps(form)}>
        <Field
          field={fields.newPassword}
          label={t("fields.newPassword")}
          type="password"
          autoComplete="new-password"
          hint={t("fields.newPasswordHint")}
        />
        <Field
          field={fields.confirmPassword}
          label={t("fields.repeatPassword")}
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? t("resetPassword.submitting") : t("resetPassword.submit")}
        </button>
      </Form>
    </div>
  );
}
