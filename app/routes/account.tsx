import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { emailStatus, sendVerificationAgain, setEmailReminders } from "~/auth/account-email.server";
import { changePassword, requireSession, requireUser, updateProfile } from "~/auth/auth.server";
import { PasswordSchema, ProfileSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { dataSaverFor, setAccountDataSaver } from "~/http/data-saver.server";
import { retryAfter, tooManyMessage, unlessBusy } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { paths } from "~/paths";
import { throttleVerificationEmail } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";
export { passRetryAfter as headers } from "~/http/headers";

export const meta: MetaFunction = () => [{ title: pageTitle("Your account") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { name: user.name, ...(await emailStatus(user.id)), dataSaver: dataSaverFor(request, user) };
}

type Notice = { intent: "resend" | "reminders"; message: string; ok: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = requireSession(request, context);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "resend") {
    const refusal = await throttleVerificationEmail(db, user.id);
    if (refusal)
      return data(
        { intent, notice: { intent, message: tooManyMessage(refusal, "links asked for"), ok: false } as Notice },
        { status: 429, headers: retryAfter(refusal) },
      );
    const outcome = await sendVerificationAgain(user.id);
    const message =
      outcome === "sent" ? "We sent the link again." : "Your address is already verified: there is nothing to confirm.";
    return data({ intent, notice: { intent, message, ok: true } as Notice }, 200);
  }
  if (intent === "reminders") {
    const on = formData.get("reminders") === "on";
    await setEmailReminders(user.id, on);
    const message = on ? "Reminders are on." : "Reminders are off.";
    return data({ intent, notice: { intent, message, ok: true } as Notice }, 200);
  }
  if (intent === "data-saver") {
    const on = formData.get("dataSaver") === "on";
    await setAccountDataSaver(user.id, on);
    // A fresh page load, so that this very page comes in the chosen mode.
    throw redirect(`${paths.account()}?data-saver=${on ? "on" : "off"}#data-saver-heading`);
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: PasswordSchema });
    const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success")
      return data({ intent: "password", result: submission.reply({ hideFields }), saved: false }, 400);
    const error = await unlessBusy(changePassword(user, sessionId, submission.value));
    if (error)
      return data(
        {
          intent: "password",
          result: submission.reply({ fieldErrors: { [error.field]: [error.message] }, hideFields }),
          saved: false,
        },
        400,
      );
    return data({ intent: "password", result: submission.reply({ resetForm: true }), saved: true }, 200);
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  const hideFields = ["currentPassword"];
  if (submission.status !== "success")
    return data({ intent: "profile", result: submission.reply({ hideFields }), saved: false }, 400);
  const error = await unlessBusy(updateProfile(user.id, submission.value));
  if (error)
    return data(
      {
        intent: "profile",
        result: submission.reply({ fieldErrors: { [error.field]: [error.message] }, hideFields }),
        saved: false,
      },
      400,
    );
  return data({ intent: "profile", result: submission.reply({ hideFields }), saved: true }, 200);
}

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = actionData && "notice" in actionData ? actionData.notice : undefined;
  const [profileForm, profile] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" && "result" in actionData ? actionData.result : undefined,
    defaultValue: { name: data.name, email: data.email, currentPassword: "" },
  });
  const [passwordForm, password] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" && "result" in actionData ? actionData.result : undefined,
  });
  const saved = actionData && "saved" in actionData && actionData.saved;
  return (
    <div className="mx-auto max-w-md space-y-12">
      <section aria-labelledby="profile-heading">
        <h1 id="profile-heading" className="text-3xl font-bold">
          Your account
        </h1>
        {params.get("password") === "reset" && (
          <p role="status" className="mt-4">
            Your new password is set. Every other device was signed out.
          </p>
        )}
        <Form method="post" className="mt-6 space-y-5" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <Field
            field={profile.name}
            label="Full name"
            autoComplete="name"
            hint="As it should appear on your certificates."
          />
          <Field field={profile.email} label="E-mail" type="email" autoComplete="email" />
          <Field
            field={profile.currentPassword}
            label="Your password, to confirm a new e-mail"
            type="password"
            autoComplete="current-password"
            hint="Needed only when you change your e-mail address."
          />
          <button type="submit" className="btn-primary">
            Save profile
          </button>
          {actionData?.intent === "profile" && saved && (
            <p role="status">
              Your profile is saved.
              {data.pendingEmail && ` To use ${data.pendingEmail}, open the link we sent to it.`}
            </p>
          )}
        </Form>
      </section>
      <section aria-labelledby="email-heading">
        <h2 id="email-heading" className="text-2xl font-bold">
          Your address and reminders
        </h2>
        <p className="mt-4" data-testid="email-status">
          {data.email}: {data.verified ? <strong>verified</strong> : <strong>not verified yet</strong>}
        </p>
        {!data.verified && (
          <p className="mt-2 text-sm muted">
            Open the link we e-mailed to you to confirm this address. You can keep learning meanwhile.
          </p>
        )}
        {data.pendingEmail && (
          <p className="mt-2" data-testid="pending-email">
            Pending change to <strong>{data.pendingEmail}</strong>: it takes effect once you open the link we sent to
            it. Until then, {data.email} stays in use.
          </p>
        )}
        {(!data.verified || data.pendingEmail) && (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="btn-secondary">
              Send the link again
            </button>
          </Form>
        )}
        {notice?.intent === "resend" && (
          <p role={notice.ok ? "status" : "alert"} className={notice.ok ? "mt-2" : "mt-2 field-error"}>
            {notice.message}
          </p>
        )}
        <Form method="post" className="mt-6">
          <input type="hidden" name="intent" value="reminders" />
          <input type="hidden" name="reminders" value={data.reminders ? "off" : "on"} />
          <h3 className="text-lg font-semibold">E-mail reminders</h3>
          <p className="mt-1">
            Reminders of due dates and of courses left aside are <strong>{data.reminders ? "on" : "off"}</strong>.
            Messages about your account (such as password resets) are always sent.
          </p>
          <button type="submit" className="btn-secondary mt-3">
            {data.reminders ? "Turn reminders off" : "Turn reminders on"}
          </button>
          {notice?.intent === "reminders" && (
            <p role="status" className="mt-2">
              {notice.message}
            </p>
          )}
        </Form>
      </section>
      <section aria-labelledby="data-saver-heading">
        <h2 id="data-saver-heading" className="text-2xl font-bold">
          Data saver
        </h2>
        <Form method="post" reloadDocument className="mt-4">
          <input type="hidden" name="intent" value="data-saver" />
          <input type="hidden" name="dataSaver" value={data.dataSaver.chosen ? "off" : "on"} />
          <p>
            Data saver is <strong>{data.dataSaver.chosen ? "on" : "off"}</strong>. With it on, pages come without
            JavaScript and without decorative images: everything still works, with fewer bytes on a slow or metered
            connection.
          </p>
          {data.dataSaver.browser && (
            <p className="mt-2 text-sm muted">
              Your browser asks sites to save data, so pages already come this way on this device.
            </p>
          )}
          <button type="submit" className="btn-secondary mt-3">
            {data.dataSaver.chosen ? "Turn data saver off" : "Turn data saver on"}
          </button>
          {params.get("data-saver") === (data.dataSaver.chosen ? "on" : "off") && (
            <p role="status" className="mt-2">
              {data.dataSaver.chosen ? "Data saver is on." : "Data saver is off."}
            </p>
          )}
        </Form>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-2xl font-bold">
          Change password
        </h2>
        <Form method="post" className="mt-6 space-y-5" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <Field
            field={password.currentPassword}
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <Field
            field={password.newPassword}
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters; a few unrelated words work well."
          />
          <Field
            field={password.confirmPassword}
            label="Repeat the new password"
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="btn-primary">
            Change password
          </button>
          {actionData?.intent === "password" && saved && (
            <p role="status">Your password is changed. Other devices have been signed out.</p>
          )}
        </Form>
      </section>
    </div>
  );
}
