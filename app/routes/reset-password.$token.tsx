import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { resetPassword, resetTokenState } from "~/auth/account-email.server";
import { startSession } from "~/auth/auth.server";
import { ResetPasswordSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { TokenProblem, tokenProblemStatus } from "~/components/token-problem";
import { unlessBusy } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Choose a new password") }];

const NO_STORE = { "Cache-Control": "no-store" };

// Opening the link only looks the token up: it is used when the form is sent.
export async function loader({ params }: LoaderFunctionArgs) {
  const state = await resetTokenState(params.token ?? "");
  if (state.status !== "valid")
    return data({ problem: state.status }, { status: tokenProblemStatus(state.status), headers: NO_STORE });
  return data({ problem: null }, { headers: NO_STORE });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ResetPasswordSchema });
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
      { result: submission.reply({ fieldErrors: { [outcome.field]: [outcome.message] }, hideFields }), problem: null },
      400,
    );
  return data({ result: submission.reply({ hideFields }), problem: outcome.state }, tokenProblemStatus(outcome.state));
}

export default function ResetPassword() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result });
  const busy = useIsPending();
  const problem = actionData?.problem ?? loaderData.problem;
  if (problem)
    return (
      <TokenProblem problem={problem} what="password-reset link">
        <Link to={paths.forgotPassword()} className="btn-primary">
          Ask for a new link
        </Link>
      </TokenProblem>
    );
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Choose a new password</h1>
      <p className="mt-2 muted">Once it is changed, every device signed in to your account is signed out.</p>
      <Form method="post" className="mt-6 space-y-5" {...getFormProps(form)}>
        <Field
          field={fields.newPassword}
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters; a few unrelated words work well."
        />
        <Field
          field={fields.confirmPassword}
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
        />
        <button type="submit" className="btn-primary w-full" disabled={busy}>
          {busy ? "Changing your password…" : "Change my password"}
        </button>
      </Form>
    </div>
  );
}
