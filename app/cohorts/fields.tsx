// The fields of a cohort's settings, the same when it is created and when it is edited.
import type { FieldMetadata } from "@conform-to/react";
import { Field } from "~/components/field";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

export function CohortSettingsFields({
  fields,
}: {
  fields: { name: AnyField; startsAt: AnyField; endsAt: AnyField; inactivityDays: AnyField };
}) {
  return (
    <>
      <Field field={fields.name} label="Cohort name" />
      <Field field={fields.startsAt} type="date" label="Starts on (optional)" />
      <Field field={fields.endsAt} type="date" label="Ends on (optional)" />
      <Field
        field={fields.inactivityDays}
        type="number"
        min={0}
        label="Remind learners after this many days without activity"
        hint="0 turns inactivity reminders off."
      />
    </>
  );
}
