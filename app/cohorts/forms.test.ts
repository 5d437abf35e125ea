// The organisation and cohort forms speak the reader's language.
import { describe, expect, it } from "vitest";
import { translator } from "~/i18n/translator.server";
import { addMemberSchema, cohortSchema, emailInvitesSchema, joinLinkSchema, organisationSchema } from "./forms";

const en = translator("en");
const ar = translator("ar");
const fr = translator("fr");
const issues = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("cohort and organisation forms", () => {
  it("accept good input", () => {
    expect(cohortSchema(en).parse({ name: "Spring", startsAt: "2027-03-01", endsAt: "2027-03-31" })).toMatchObject({
      name: "Spring",
      inactivityDays: 14,
    });
    expect(joinLinkSchema(en).parse({ expiresOn: "2027-03-31" })).toEqual({ expiresOn: "2027-03-31" });
    expect(emailInvitesSchema(en).parse({ emails: "a@example.org, b@example.org" })).toBeTruthy();
  });

  it("say what is wrong in English", () => {
    expect(issues(organisationSchema(en).safeParse({}))).toEqual({ name: "Enter the organisation's name." });
    expect(
      issues(
        cohortSchema(en).safeParse({ name: "S", startsAt: "2027-01-01", endsAt: "2027-02-30", inactivityDays: 400 }),
      ),
    ).toEqual({
      name: "Use at least 2 characters.",
      endsAt: "Enter a date like 2027-03-31.",
      inactivityDays: "Use at most 365 days.",
    });
    expect(
      issues(cohortSchema(en).safeParse({ name: "Spring", startsAt: "2027-04-01", endsAt: "2027-03-01" })),
    ).toEqual({ endsAt: "The end must not be before the start." });
    expect(issues(joinLinkSchema(en).safeParse({ expiresOn: "2027-03-31", maxUses: "0" }))).toEqual({
      maxUses: "Allow at least 1 use, or leave it empty for no limit.",
    });
    expect(issues(emailInvitesSchema(en).safeParse({ emails: "a@example.org nope" }))).toEqual({
      emails: "Not e-mail addresses: nope.",
    });
    const many = Array.from({ length: 201 }, (_, i) => `p${i}@example.org`).join(" ");
    expect(issues(emailInvitesSchema(en).safeParse({ emails: many }))).toEqual({
      emails: "Invite at most 200 addresses at once, or upload a CSV file.",
    });
  });

  it("say what is wrong in Arabic and French", () => {
    expect(issues(cohortSchema(ar).safeParse({ name: "S", inactivityDays: 400 }))).toEqual({
      name: "استخدم حرفين على الأقل.",
      inactivityDays: "استخدم 365 يومًا على الأكثر.",
    });
    expect(issues(organisationSchema(ar).safeParse({}))).toEqual({ name: "أدخل اسم المؤسسة." });
    expect(issues(addMemberSchema(ar).safeParse({ email: "nope" }))).toEqual({
      email: "أدخل عنوان بريد إلكتروني مثل name@example.org.",
    });
    expect(issues(emailInvitesSchema(ar).safeParse({ emails: "nope" }))).toEqual({
      emails: "ليست عناوين بريد إلكتروني: nope.",
    });
    expect(issues(joinLinkSchema(fr).safeParse({ expiresOn: "31/03/2027" }))).toEqual({
      expiresOn: "Saisissez une date au format 2027-03-31.",
    });
  });
});
