// The forms of the organisation and cohort pages, validated the same way on the server and in tests.
import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** An optional yyyy-mm-dd date from a date field; empty means none. */
export const optionalDate = z
  .string()
  .trim()
  .optional()
  .refine((s) => !s || (DATE.test(s) && isRealDate(s)), "Enter a date like 2027-03-31.");

/** The first moment of a day (UTC). */
export const startOfDay = (s: string | undefined | null) => (s ? new Date(`${s}T00:00:00.000Z`) : null);
/** The last moment of a day (UTC): something due on a day may be done until that day ends. */
export const endOfDay = (s: string | undefined | null) => (s ? new Date(`${s}T23:59:59.999Z`) : null);
/** A date as a date field shows it. */
export const dateValue = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");

export const OrganisationSchema = z.object({
  name: z
    .string({ required_error: "Enter the organisation's name." })
    .trim()
    .min(2, "Use at least 2 characters.")
    .max(100, "Use at most 100 characters."),
});

export const CohortSchema = z
  .object({
    name: z
      .string({ required_error: "Enter the cohort's name." })
      .trim()
      .min(2, "Use at least 2 characters.")
      .max(100, "Use at most 100 characters."),
    startsAt: optionalDate,
    endsAt: optionalDate,
    inactivityDays: z.coerce
      .number({ invalid_type_error: "Enter a number of days." })
      .int("Enter a whole number of days.")
      .min(0, "Use 0 (no inactivity reminders) or more.")
      .max(365, "Use at most 365 days.")
      .default(14),
  })
  .refine((v) => !v.startsAt || !v.endsAt || v.startsAt <= v.endsAt, {
    path: ["endsAt"],
    message: "The end must not be before the start.",
  });

export const cohortInput = (v: z.infer<typeof CohortSchema>) => ({
  name: v.name,
  startsAt: startOfDay(v.startsAt),
  endsAt: endOfDay(v.endsAt),
  inactivityDays: v.inactivityDays,
});

export const JoinLinkSchema = z.object({
  expiresOn: z
    .string({ required_error: "Choose until when the link works." })
    .trim()
    .refine((s) => DATE.test(s) && isRealDate(s), "Enter a date like 2027-03-31."),
  maxUses: z.coerce
    .number({ invalid_type_error: "Enter a number, or leave it empty for no limit." })
    .int("Enter a whole number.")
    .min(1, "Allow at least 1 use, or leave it empty for no limit.")
    .max(100_000, "Use at most 100,000.")
    .optional(),
});

const emailList = z
  .string({ required_error: "Enter at least one e-mail address." })
  .max(20_000, "That is too long: invite at most 200 addresses at once, or upload a CSV file.");

/** "a@x.org, b@y.org\nc@z.org" → the addresses, and those that are not addresses. */
export function splitAddresses(text: string) {
  const parts = text
    .split(/[\s,;]+/)
    .map((s) => s.trim().replace(/^<|>$/g, "").toLowerCase())
    .filter(Boolean);
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const p of [...new Set(parts)]) (z.string().max(254).email().safeParse(p).success ? valid : invalid).push(p);
  return { valid, invalid };
}

export const EmailInvitesSchema = z.object({
  emails: emailList.superRefine((text, ctx) => {
    const { valid, invalid } = splitAddresses(text);
    if (invalid.length)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `Not e-mail addresses: ${invalid.slice(0, 5).join(", ")}.`,
      });
    else if (valid.length === 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Enter at least one e-mail address." });
    else if (valid.length > 200)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: "Invite at most 200 addresses at once, or upload a CSV file.",
      });
  }),
});

export const AddMemberSchema = z.object({
  email: z
    .string({ required_error: "Enter the person's e-mail address." })
    .trim()
    .max(254)
    .email("Enter an e-mail address like name@example.org."),
  role: z.enum(["learner", "instructor"]).default("learner"),
});
