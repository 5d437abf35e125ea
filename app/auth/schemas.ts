// The account forms' schemas, worded in the reader's language: each is made with the request's
// translator (`requestTranslator(…, "account")` or any translator; keys carry their namespace).
import type { TFunction } from "i18next";
import { z } from "zod";
import { canPrint } from "~/certificates/fonts.server";
import { NAME_REQUIRED, nameProblem, normaliseName } from "~/certificates/names";
import { say } from "~/i18n/problem";

export const MIN_PASSWORD_LENGTH = 10;

const email = (t: TFunction) =>
  z
    .string({ required_error: t("account:problems.emailRequired") })
    .trim()
    .max(254, t("account:problems.emailTooLong"))
    .email(t("account:problems.emailInvalid"));

const newPassword = (t: TFunction) =>
  z
    .string({ required_error: t("account:problems.passwordRequired") })
    .min(MIN_PASSWORD_LENGTH, t("account:problems.passwordTooShort", { min: MIN_PASSWORD_LENGTH }))
    .max(200, t("account:problems.tooLong", { max: 200 }));

const repeatedPassword = (t: TFunction) => z.string({ required_error: t("account:problems.repeatPassword") });

// The name is signed and printed on certificates: see ~/certificates/names.
const name = (t: TFunction) =>
  z
    .string({ required_error: say(t, NAME_REQUIRED) })
    .transform(normaliseName)
    // An empty name is one of nameProblem's cases: said once.
    .pipe(z.string().max(120, t("account:problems.tooLong", { max: 120 })))
    .superRefine((value, ctx) => {
      const problem = nameProblem(value, canPrint);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: say(t, problem) });
    });

const samePasswords = (t: TFunction) => ({
  check: (v: { newPassword: string; confirmPassword: string }) => v.newPassword === v.confirmPassword,
  issue: { path: ["confirmPassword"], message: t("account:problems.passwordsDiffer") },
});

export const signupSchema = (t: TFunction) =>
  z.object({ name: name(t), email: email(t), password: newPassword(t), redirectTo: z.string().optional() });

export const loginSchema = (t: TFunction) =>
  z.object({
    email: email(t),
    password: z
      .string({ required_error: t("account:problems.loginPasswordRequired") })
      .max(200, t("account:problems.loginPasswordTooLong")),
    redirectTo: z.string().optional(),
  });

export const profileSchema = (t: TFunction) =>
  z.object({
    intent: z.literal("profile"),
    name: name(t),
    email: email(t),
    currentPassword: z.string().max(200).optional(),
  });

export const passwordSchema = (t: TFunction) => {
  const same = samePasswords(t);
  return z
    .object({
      intent: z.literal("password"),
      currentPassword: z.string({ required_error: t("account:problems.currentPasswordRequired") }).max(200),
      newPassword: newPassword(t),
      confirmPassword: repeatedPassword(t),
    })
    .refine(same.check, same.issue);
};

export const forgotPasswordSchema = (t: TFunction) => z.object({ email: email(t) });

export const resetPasswordSchema = (t: TFunction) => {
  const same = samePasswords(t);
  return z.object({ newPassword: newPassword(t), confirmPassword: repeatedPassword(t) }).refine(same.check, same.issue);
};
