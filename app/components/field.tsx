import { getInputProps, type FieldMetadata } from "@conform-to/react";

type Props = {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  field: FieldMetadata<any, any, string[]>;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
};

/** A labelled input with its hint and its error message, tied together for screen readers. */
export function Field({ field, label, type = "text", autoComplete, hint }: Props) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field, { type, ariaDescribedBy: hintId });
  return (
    <div>
      <label htmlFor={field.id} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="text-sm muted">
          {hint}
        </p>
      )}
      <input {...props} key={props.key} autoComplete={autoComplete} className="field-input" />
      {field.errors?.length ? (
        <p id={field.errorId} className="field-error">
          {field.errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
