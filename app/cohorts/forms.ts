// The forms of the organisation and cohort pages, validated the same way on the server and in tests.
// Each schema is made with the request's translator, so that its messages are in the reader's
// language (keys carry their namespace: `org:problems.*`, `cohort:problems.*`).
import type { TFunction } from "i18next";
import { z } from "zod";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The most addresses one can invite by e-mail at once (more: a CSV file). */
export const MAX_EMAIL_INVITES = 200;

/** An optional yyyy-mm-dd date from a date field; empty means none. */
export const optionalDate = (t: TFunction) =>
  z
    .string()
    .trim()
    .optional()
    .refine((s) => !s || (DATE.test(s) && isRealDate(s)), t("cohort:problems.dateFormat"));

/** The first moment of a day (UTC). */
export const startOfDay = (s: string | undefined | null) => (s ? new Date(`${s}T00:00:00.000Z`) : null);
/** The last moment of a day (UTC): something due on a day may be done until that day ends. */
export const endOfDay = (s: string | undefined | null) => (s ? new Date(`${s}T23:59:59.999Z`) : null);
/** A date as a date field shows it. */
export const dateValue = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");

const name = (t: TFunction, required: string) =>
  z
    .string({ required_error: required })
    .trim()
    .min(2, t("cohort:problems.nameTooShort", { count: 2 }))
    .max(100, t("cohort:problems.nameTooLong", { count: 100 }));

export const organisationSchema = (t: TFunction) =>
  z.object({ name: name(t, t("org:problems.organisationNameRequired")) });

export const cohortSchema = (t: TFunction) =>
  z
    .object({
      name: name(t, t("cohort:problems.cohortNameRequired")),
      startsAt: optionalDate(t),
      endsAt: optionalDate(t),
      inactivityDays: z.coerce
        .number({ invalid_type_error: t("cohort:problems.daysNumber") })
        .int(t("cohort:problems.daysWhole"))
        .min(0, t("cohort:problems.daysMin"))
        .max(365, t("cohort:problems.daysMax", { count: 365 }))
        .default(14),
    })
    .refine((v) => !v.startsAt || !v.endsAt || v.startsAt <= v.endsAt, {
      path: ["endsAt"],
      message: t("cohort:problems.endBeforeStart"),
    });

type CohortFields = z.infer<ReturnType<typeof cohortSchema>>;

export const cohortInput = (v: CohortFields) => ({
  name: v.name,
  startsAt: startOfDay(v.startsAt),
  endsAt: endOfDay(v.endsAt),
  inactivityDays: v.inactivityDays,
});

export const joinLinkSchema = (t: TFunction) =>
  z.object({
    expiresOn: z
      .string({ required_error: t("cohort:problems.linkExpiryRequired") })
      .trim()
      .refine((s) => DATE.test(s) && isRealDate(s), t("cohort:problems.dateFormat")),
    maxUses: z.coerce
      .number({ invalid_type_error: t("cohort:problems.usesNumber") })
      .int(t("cohort:problems.usesWhole"))
      .min(1, t("cohort:problems.usesMin"))
      .max(100_000, t("cohort:problems.usesMax"))
      .optional(),
  });

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

export const emailInvitesSchema = (t: TFunction) =>
  z.object({
    emails: z
      .string({ required_error: t("cohort:problems.emailsRequired") })
      .max(20_000, t("cohort:problems.emailsTooLong", { count: MAX_EMAIL_INVITES }))
      .superRefine((text, ctx) => {
        const { valid, invalid } = splitAddresses(text);
        const say = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        if (invalid.length) say(t("cohort:problems.notAddresses", { addresses: invalid.slice(0, 5).join(", ") }));
        else if (valid.length === 0) say(t("cohort:problems.emailsRequired"));
        else if (valid.length > MAX_EMAIL_INVITES)
          say(t("cohort:problems.tooManyEmails", { count: MAX_EMAIL_INVITES }));
      }),
  });

export const addMemberSchema = (t: TFunction) =>
  z.object({
    email: z
      .string({ required_error: t("cohort:problems.memberEmailRequired") })
      .trim()
      .max(254, t("cohort:problems.memberEmailTooLong"))
      .email(t("cohort:problems.memberEmailInvalid")),
    role: z.enum(["learner", "instructor"]).default("learner"),
  });
