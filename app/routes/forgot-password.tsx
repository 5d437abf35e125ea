import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/account-email.server";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { retryAfter, tooManyMessage } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { useIsPending } from "~/lib/use-is-pending";
import { paths } from "~/paths";
import { throttlePasswordReset } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";
export { passRetryAfter as headers } from "~/http/headers";

export const meta: MetaFunction = () => [{ title: pageTitle("Forgot your password?") }];

/** Every answer takes at least this long, whether or not an account has the address. */
const ANSWER_MS = 400;

// Anyone may ask, signed in or not: the page answers the same whatever the address.
export const loader = () => null;

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, 400);
  const { refusal, sendAllowed } = await throttlePasswordReset(db, context.clientIp, submission.value.email);
  if (refusal)
    return data(
      { result: submission.reply({ formErrors: [tooManyMessage(refusal, "password-reset requests")] }), sent: false },
      { status: 429, headers: retryAfter(refusal) },
    );
  await requestPasswordReset(submission.value.email, { minimumMs: ANSWER_MS, send: sendAllowed });
  return data({ result: submission.reply({ resetForm: true }), sent: true }, 200);
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result });
  const busy = useIsPending();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-3xl font-bold">Forgot your password?</h1>
      {actionData?.sent ? (
        <div role="status" className="mt-6 space-y-4">
          <p>
            If an account uses that address, we have sent it a link to choose a new password. The link works once,
            within one hour.
          </p>
          <p className="muted">
            No e-mail after a few minutes? Look in your spam folder, or check the address and ask again.
          </p>
          <p>
            <Link to={paths.logIn()}>Back to log in</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mt-2 muted">
            Enter the e-mail address of your account and we will send you a link to choose a new password.
          </p>
          <Form method="post" className="mt-6 space-y-5" {...getFormProps(form)}>
            {form.errors && (
              <p id={form.errorId} role="alert" className="field-error">
                {form.errors.join(" ")}
              </p>
            )}
            <Field field={fields.email} label="E-mail" type="email" autoComplete="email" />
            <button type="submit" className="btn-primary w-full" disabled={busy}>
              {busy ? "Sending…" : "Send me a link"}
            </button>
          </Form>
          <p className="mt-6 text-sm">
            Remembered it? <Link to={paths.logIn()}>Log in</Link>
          </p>
        </>
      )}
    </div>
  );
}
