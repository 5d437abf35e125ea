// The fields of a cohort's settings, the same when it is created and when it is edited.
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { needMessages } from "~/i18n/messages";

await needMessages("cohort");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

export function CohortSettingsFields({
  fields,
}: {
  fields: { name: AnyField; startsAt: AnyField; endsAt: AnyField; inactivityDays: AnyField };
}) {
  const { t } = useTranslation("cohort");
  return (
    <>
      <Field field={fields.name} label={t("settings.name")} />
      <Field field={fields.startsAt} type="date" label={t("settings.startsAt")} />
      <Field field={fields.endsAt} type="date" label={t("settings.endsAt")} />
      <Field
        field={fields.inactivityDays}
        type="number"
        min={0}
        label={t("settings.inactivityDays")}
        hint={t("settings.inactivityDaysHint")}
      />
    </>
  );
}
