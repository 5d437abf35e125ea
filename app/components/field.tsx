import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, string[]>;

/** The label, hint and error message around a form control, tied together for screen readers. */
function Labelled({
  field,
  label,
  hint,
  children,
}: {
  field: AnyField;
  label: string;
  hint?: string;
  children: ReactNode;
}) {
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
      {children}
      {field.errors?.length ? (
        <p id={field.errorId} role="alert" className="field-error">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

const hintIdOf = (field: AnyField, hint?: string) => (hint ? `${field.id}-hint` : undefined);

type Props = {
  field: AnyField;
  label: string;
  type?: "text" | "email" | "password" | "date" | "number";
  autoComplete?: string;
  hint?: string;
  /** For a number: the smallest value allowed. */
  min?: number;
};

/** A labelled input with its hint and its error message. */
export function Field({ field, label, type = "text", autoComplete, hint, min }: Props) {
  const props = getInputProps(field, { type, ariaDescribedBy: hintIdOf(field, hint) });
  return (
    <Labelled field={field} label={label} hint={hint}>
      <input {...props} key={props.key} autoComplete={autoComplete} min={min} className="field-input" />
    </Labelled>
  );
}

/** A labelled textarea with its hint and its error message. */
export function TextAreaField({
  field,
  label,
  hint,
  rows = 3,
}: {
  field: AnyField;
  label: string;
  hint?: string;
  rows?: number;
}) {
  const props = getTextareaProps(field, { ariaDescribedBy: hintIdOf(field, hint) });
  return (
    <Labelled field={field} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} className="field-input w-full" />
    </Labelled>
  );
}

/** A labelled select with its options (value, text) and its error message. */
export function SelectField({
  field,
  label,
  options,
}: {
  field: AnyField;
  label: string;
  options: readonly (readonly [string, string])[];
}) {
  const props = getSelectProps(field);
  return (
    <Labelled field={field} label={label}>
      <select {...props} key={props.key} className="field-input">
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Labelled>
  );
}
