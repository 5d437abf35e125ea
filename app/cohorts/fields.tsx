// Date and number fields for the cohort forms, labelled like ~/components/field.
import { getInputProps, type FieldMetadata } from "@conform-to/react";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

export function DateField({ field, label }: { field: AnyField; label: string }) {
  const props = getInputProps(field, { type: "date" });
  return (
    <div>
      <label htmlFor={field.id} className="field-label">
        {label}
      </label>
      <input {...props} key={props.key} className="field-input" />
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function NumberField({ field, label, hint }: { field: AnyField; label: string; hint?: string }) {
  const props = getInputProps(field, { type: "number", ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <div>
      <label htmlFor={field.id} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={`${field.id}-hint`} className="text-sm muted">
          {hint}
        </p>
      )}
      <input {...props} key={props.key} min={0} className="field-input" />
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
