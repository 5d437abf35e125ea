import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changePassword, requireSession, requireUser, updateProfile } from "~/auth/auth.server";
import { PasswordSchema, ProfileSchema } from "~/auth/schemas";
import { Field } from "~/components/field";
import { unlessBusy } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { pageTitle } from "~/site";

export const meta: MetaFunction = () => [{ title: pageTitle("Your account") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { name: user.name, email: user.email };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = requireSession(request, context);
  const formData = await readForm(request);
  if (formData.get("intent") === "password") {
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
  const error = await updateProfile(user.id, submission.value);
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
  const [profileForm, profile] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { ...data, currentPassword: "" },
  });
  const [passwordForm, password] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
  });
  return (
    <div className="mx-auto max-w-md space-y-12">
      <section aria-labelledby="profile-heading">
        <h1 id="profile-heading" className="text-3xl font-bold">
          Your account
        </h1>
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
          {actionData?.intent === "profile" && actionData.saved && <p role="status">Your profile is saved.</p>}
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
          {actionData?.intent === "password" && actionData.saved && (
            <p role="status">Your password is changed. Other devices have been signed out.</p>
          )}
        </Form>
      </section>
    </div>
  );
}
