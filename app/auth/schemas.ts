import { z } from "zod";
import { canPrint } from "~/certificates/fonts.server";
import { NAME_REQUIRED, nameProblem, normaliseName } from "~/certificates/names";

const MIN_PASSWORD_LENGTH = 10;

const email = z
  .string({ required_error: "Enter your e-mail address." })
  .trim()
  .max(254, "That e-mail address is too long.")
  .email("Enter an e-mail address like name@example.org.");

const newPassword = z
  .string({ required_error: "Choose a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters; a few words together work well.`)
  .max(200, "Use at most 200 characters.");

// The name is signed and printed on certificates: see ~/certificates/names.
const name = z
  .string({ required_error: NAME_REQUIRED })
  .transform(normaliseName)
  .pipe(z.string().min(1, NAME_REQUIRED).max(120, "Use at most 120 characters."))
  .superRefine((value, ctx) => {
    const problem = nameProblem(value, canPrint);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const SignupSchema = z.object({ name, email, password: newPassword, redirectTo: z.string().optional() });
export const LoginSchema = z.object({
  email,
  password: z.string({ required_error: "Enter your password." }).max(200, "That password is too long."),
  redirectTo: z.string().optional(),
});
export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name,
  email,
  currentPassword: z.string().max(200).optional(),
});
export const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ required_error: "Enter your current password." }).max(200),
    newPassword,
    confirmPassword: z.string({ required_error: "Repeat the new password." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  });
export const ForgotPasswordSchema = z.object({ email });
export const ResetPasswordSchema = z
  .object({ newPassword, confirmPassword: z.string({ required_error: "Repeat the new password." }) })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  });
