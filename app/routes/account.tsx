import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { emailStatus, sendVerificationAgain, setEmailReminders } from "~/auth/account-email.server";
import { changePassword, endSession, requireSession, requireUser, updateProfile } from "~/auth/auth.server";
import { passwordSchema, profileSchema } from "~/auth/schemas";
import { DownloadButton } from "~/components/download-button";
import { Field } from "~/components/field";
import { db } from "~/db/db.server";
import { dataSaverFor, setAccountDataSaver } from "~/http/data-saver.server";
import { retryAfter, tooManyMessage, unlessBusy } from "~/http/errors.server";
import { readForm } from "~/http/form.server";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/config";
import { chooseLanguage, requestTranslator } from "~/i18n/i18n.server";
import { needMessages } from "~/i18n/messages";
import { say } from "~/i18n/problem";
import { paths } from "~/paths";
import { deleteAccount, deletionPlan, type CertificateChoice } from "~/privacy/account-data.server";
import { throttleVerificationEmail } from "~/security/rate-limit.server";
import { pageTitle } from "~/site";

await needMessages("account");
export { passRetryAfter as headers } from "~/http/headers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The interface language chosen on this page; `message` is the error shown for any other value. */
const languageSchema = (message: string) => z.object({ language: z.enum(LANGUAGES, { message }) });

/** Deleting the account: the password; the certificate choices are read per certificate (`certificate-<id>`). */
const deleteSchema = (message: string) =>
  z.object({ intent: z.literal("delete-account"), password: z.string({ required_error: message }).max(200) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const { language, t } = await requestTranslator({ request, context }, "account");
  return {
    title: pageTitle(t("account.title")),
    name: user.name,
    /** The language of this page: the account's choice, else the browser's. */
    language,
    ...(await emailStatus(user.id)),
    dataSaver: dataSaverFor(request, user),
    deletion: await deletionPlan(db, user.id).then((plan) => ({
      ...plan,
      certificates: plan.certificates.map((c) => ({
        ...c,
        completedAt: c.completedAt.toISOString(),
        revoked: c.revokedAt !== null,
      })),
    })),
  };
}

type Notice = { intent: "resend" | "reminders"; message: string; ok: boolean };

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = requireSession(request, context);
  const formData = await readForm({ request, context });
  const { t, language } = await requestTranslator({ request, context }, "account");
  const intent = formData.get("intent");
  if (intent === "resend") {
    const refusal = await throttleVerificationEmail(db, user.id);
    if (refusal)
      return data(
        { intent, notice: { intent, message: tooManyMessage(t, refusal, "links"), ok: false } as Notice },
        { status: 429, headers: retryAfter(refusal) },
      );
    const outcome = await sendVerificationAgain(user.id, language);
    const message = outcome === "sent" ? t("email.sentAgain") : t("email.alreadyVerified");
    return data({ intent, notice: { intent, message, ok: true } as Notice }, 200);
  }
  if (intent === "delete-account") {
    const submission = parseWithZod(formData, { schema: deleteSchema(t("delete.errors.passwordRequired")) });
    const hideFields = ["password"];
    if (submission.status !== "success")
      return data({ intent: "delete-account", result: submission.reply({ hideFields }), saved: false }, 400);
    const { certificates } = await deletionPlan(db, user.id);
    const choices: Record<string, CertificateChoice> = {};
    for (const c of certificates) {
      const choice = formData.get(`certificate-${c.id}`);
      if (choice === "keep" || choice === "revoke") choices[c.id] = choice;
    }
    const outcome = await unlessBusy(
      deleteAccount(db, user.id, { password: submission.value.password, choices, ip: context.clientIp }),
    );
    if (!outcome.ok) {
      const { refusal } = outcome;
      const reply =
        refusal.code === "password"
          ? submission.reply({ fieldErrors: { password: [t("delete.errors.password")] }, hideFields })
          : submission.reply({
              formErrors: [
                refusal.code === "sole-owner"
                  ? t("delete.errors.soleOwner", { organisations: refusal.organisations.join(", ") })
                  : t(`delete.errors.${refusal.code === "last-admin" ? "lastAdmin" : "choices"}`),
              ],
              hideFields,
            });
      return data({ intent: "delete-account", result: reply, saved: false }, 400);
    }
    // The session went with the account: the browser's cookie is cleared.
    throw redirect(`${paths.privacy()}?deleted=1`, { headers: { "Set-Cookie": await endSession(undefined) } });
  }
  if (intent === "reminders") {
    const on = formData.get("reminders") === "on";
    await setEmailReminders(user.id, on);
    const message = on ? t("reminders.savedOn") : t("reminders.savedOff");
    return data({ intent, notice: { intent, message, ok: true } as Notice }, 200);
  }
  if (intent === "data-saver") {
    const on = formData.get("dataSaver") === "on";
    await setAccountDataSaver(user.id, on);
    // A fresh page load, so that this very page comes in the chosen mode.
    throw redirect(`${paths.account()}?data-saver=${on ? "on" : "off"}#data-saver-heading`);
  }
  if (intent === "language") {
    const submission = parseWithZod(formData, { schema: languageSchema(t("language.invalid")) });
    if (submission.status !== "success")
      return data({ intent: "language", result: submission.reply(), saved: false }, 400);
    const { language } = submission.value;
    // Saved in the account and in this browser's cookie; a fresh page load then comes in the chosen language.
    throw redirect(`${paths.account()}?language=${language}#language-heading`, {
      headers: { "Set-Cookie": await chooseLanguage(user, language) },
    });
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: passwordSchema(t) });
    const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success")
      return data({ intent: "password", result: submission.reply({ hideFields }), saved: false }, 400);
    const error = await unlessBusy(changePassword(user, sessionId, submission.value));
    if (error)
      return data(
        {
          intent: "password",
          result: submission.reply({ fieldErrors: { [error.field]: [say(t, error.problem)] }, hideFields }),
          saved: false,
        },
        400,
      );
    return data({ intent: "password", result: submission.reply({ resetForm: true }), saved: true }, 200);
  }
  const submission = parseWithZod(formData, { schema: profileSchema(t) });
  const hideFields = ["currentPassword"];
  if (submission.status !== "success")
    return data({ intent: "profile", result: submission.reply({ hideFields }), saved: false }, 400);
  const error = await unlessBusy(updateProfile(user.id, submission.value, language));
  if (error)
    return data(
      {
        intent: "profile",
        result: submission.reply({ fieldErrors: { [error.field]: [say(t, error.problem)] }, hideFields }),
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
  const { t } = useTranslation("account");
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
  const [languageForm, language] = useForm({
    id: "language",
    lastResult: actionData?.intent === "language" && "result" in actionData ? actionData.result : undefined,
    defaultValue: { language: data.language },
  });
  const languageSelect = getSelectProps(language.language, { ariaDescribedBy: `${language.language.id}-hint` });
  const [deleteForm, deletion] = useForm({
    id: "delete-account",
    lastResult: actionData?.intent === "delete-account" && "result" in actionData ? actionData.result : undefined,
  });
  const saved = actionData && "saved" in actionData && actionData.saved;
  return (
    <div className="mx-auto max-w-md space-y-12">
      <section aria-labelledby="profile-heading">
        <h1 id="profile-heading" className="text-3xl font-bold">
          {t("account.title")}
        </h1>
        {params.get("password") === "reset" && (
          <p role="status" className="mt-4">
            {t("account.passwordReset")}
          </p>
        )}
        <Form method="post" className="mt-6 space-y-5" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <Field
            field={profile.name}
            label={t("fields.fullName")}
            autoComplete="name"
            hint={t("fields.fullNameHint")}
          />
          <Field field={profile.email} label={t("fields.email")} type="email" autoComplete="email" />
          <Field
            field={profile.currentPassword}
            label={t("profile.confirmPassword")}
            type="password"
            autoComplete="current-password"
            hint={t("profile.confirmPasswordHint")}
          />
          <button type="submit" className="btn-primary">
            {t("profile.save")}
          </button>
          {actionData?.intent === "profile" && saved && (
            <p role="status">
              {data.pendingEmail ? t("profile.savedPending", { email: data.pendingEmail }) : t("profile.saved")}
            </p>
          )}
        </Form>
      </section>
      <section aria-labelledby="email-heading">
        <h2 id="email-heading" className="text-2xl font-bold">
          {t("email.heading")}
        </h2>
        <p className="mt-4" data-testid="email-status">
          <Trans
            t={t}
            i18nKey={data.verified ? "email.verified" : "email.notVerified"}
            values={{ email: data.email }}
            components={{ strong: <strong /> }}
          />
        </p>
        {!data.verified && <p className="mt-2 text-sm muted">{t("email.openLink")}</p>}
        {data.pendingEmail && (
          <p className="mt-2" data-testid="pending-email">
            <Trans
              t={t}
              i18nKey="email.pending"
              values={{ pending: data.pendingEmail, email: data.email }}
              components={{ strong: <strong /> }}
            />
          </p>
        )}
        {(!data.verified || data.pendingEmail) && (
          <Form method="post" className="mt-4">
            <input type="hidden" name="intent" value="resend" />
            <button type="submit" className="btn-secondary">
              {t("email.sendAgain")}
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
          <h3 className="text-lg font-semibold">{t("reminders.heading")}</h3>
          <p className="mt-1">
            <Trans
              t={t}
              i18nKey={data.reminders ? "reminders.stateOn" : "reminders.stateOff"}
              components={{ strong: <strong /> }}
            />
          </p>
          <button type="submit" className="btn-secondary mt-3">
            {data.reminders ? t("reminders.turnOff") : t("reminders.turnOn")}
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
          {t("dataSaver.heading")}
        </h2>
        <Form method="post" reloadDocument className="mt-4">
          <input type="hidden" name="intent" value="data-saver" />
          <input type="hidden" name="dataSaver" value={data.dataSaver.chosen ? "off" : "on"} />
          <p>
            <Trans
              t={t}
              i18nKey={data.dataSaver.chosen ? "dataSaver.stateOn" : "dataSaver.stateOff"}
              components={{ strong: <strong /> }}
            />
          </p>
          {data.dataSaver.browser && <p className="mt-2 text-sm muted">{t("dataSaver.browser")}</p>}
          <button type="submit" className="btn-secondary mt-3">
            {data.dataSaver.chosen ? t("dataSaver.turnOff") : t("dataSaver.turnOn")}
          </button>
          {params.get("data-saver") === (data.dataSaver.chosen ? "on" : "off") && (
            <p role="status" className="mt-2">
              {data.dataSaver.chosen ? t("dataSaver.savedOn") : t("dataSaver.savedOff")}
            </p>
          )}
        </Form>
      </section>
      <section aria-labelledby="language-heading">
        <h2 id="language-heading" className="text-2xl font-bold">
          {t("language.heading")}
        </h2>
        {/* A fresh page load after saving, so that this very page comes in the chosen language. */}
        <Form method="post" reloadDocument className="mt-4 space-y-3" {...getFormProps(languageForm)}>
          <input type="hidden" name="intent" value="language" />
          <div>
            <label htmlFor={language.language.id} className="field-label">
              {t("language.label")}
            </label>
            <p id={`${language.language.id}-hint`} className="text-sm muted">
              {t("language.hint")}
            </p>
            <select {...languageSelect} key={languageSelect.key} className="field-input">
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
            {language.language.errors?.length ? (
              <p id={language.language.errorId} className="field-error">
                {language.language.errors.join(" ")}
              </p>
            ) : null}
          </div>
          <button type="submit" className="btn-secondary">
            {t("language.save")}
          </button>
          {params.get("language") === data.language && <p role="status">{t("language.saved")}</p>}
        </Form>
      </section>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading" className="text-2xl font-bold">
          {t("password.heading")}
        </h2>
        <Form method="post" className="mt-6 space-y-5" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <Field
            field={password.currentPassword}
            label={t("password.current")}
            type="password"
            autoComplete="current-password"
          />
          <Field
            field={password.newPassword}
            label={t("fields.newPassword")}
            type="password"
            autoComplete="new-password"
            hint={t("fields.newPasswordHint")}
          />
          <Field
            field={password.confirmPassword}
            label={t("fields.repeatPassword")}
            type="password"
            autoComplete="new-password"
          />
          <button type="submit" className="btn-primary">
            {t("password.change")}
          </button>
          {actionData?.intent === "password" && saved && <p role="status">{t("password.changed")}</p>}
        </Form>
      </section>
      <section aria-labelledby="my-data-heading">
        <h2 id="my-data-heading" className="text-2xl font-bold">
          {t("data.heading")}
        </h2>
        <p className="mt-2">{t("data.intro")}</p>
        <div className="mt-4">
          <DownloadButton action={paths.accountData()} className="btn-primary">
            {t("data.download")}
          </DownloadButton>
        </div>
        <p className="mt-3 text-sm">
          <Link to={paths.privacy()}>{t("data.privacyLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="delete-heading">
        <h2 id="delete-heading" className="text-2xl font-bold">
          {t("delete.heading")}
        </h2>
        <p className="mt-2">{t("delete.intro")}</p>
        {data.deletion.lastAdmin && <p className="mt-2 font-medium">{t("delete.errors.lastAdmin")}</p>}
        {data.deletion.soleOwnerOf.length > 0 && (
          <p className="mt-2 font-medium">
            {t("delete.errors.soleOwner", { organisations: data.deletion.soleOwnerOf.join(", ") })}
          </p>
        )}
        <Form method="post" {...getFormProps(deleteForm)} className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="delete-account" />
          {data.deletion.certificates.length > 0 && (
            <div className="space-y-3">
              <p>{t("delete.certificates.intro")}</p>
              {data.deletion.certificates.map((c) => (
                <fieldset key={c.id} className="rounded-md border border-slate-300 p-3 dark:border-slate-600">
                  <legend className="px-1 font-semibold">
                    {t("delete.certificates.legend", { course: c.courseTitle, id: c.id })}
                  </legend>
                  <label className="flex items-start gap-2">
                    <input type="radio" name={`certificate-${c.id}`} value="keep" required className="mt-1" />
                    <span>{t("delete.certificates.keep")}</span>
                  </label>
                  <label className="mt-1 flex items-start gap-2">
                    <input type="radio" name={`certificate-${c.id}`} value="revoke" required className="mt-1" />
                    <span>{c.revoked ? t("delete.certificates.revokedAlready") : t("delete.certificates.revoke")}</span>
                  </label>
                </fieldset>
              ))}
            </div>
          )}
          <Field
            field={deletion.password}
            label={t("delete.password")}
            type="password"
            autoComplete="current-password"
          />
          {deleteForm.errors?.length ? (
            <p id={deleteForm.errorId} className="field-error" role="alert">
              {deleteForm.errors.join(" ")}
            </p>
          ) : null}
          <button type="submit" className="btn-primary">
            {t("delete.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
