import type { ComponentChildren } from 'preact';

/** A labelled input with its error from the API's `fields`, tied to it for screen readers. */
export function Field(props: {
  name: string;
  label: string;
  errors: Record<string, string[]>;
  hint?: string;
  children: (attrs: {
    id: string;
    name: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ComponentChildren;
}) {
  const id = `f-${props.name.replace(/\W/g, '-')}`;
  const errors = props.errors[props.name] ?? [];
  const describedBy = [props.hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${errors.length > 0 ? ' field-error' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {errors.length > 0 && (
        <p class="error" id={`${id}-error`} data-field={props.name}>
          {errors.join('; ')}
        </p>
      )}
      {props.children({
        id,
        name: props.name,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(errors.length > 0 ? { 'aria-invalid': true } : {}),
      })}
    </div>
  );
}

export function ErrorSummary({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div class="error-summary" role="alert">
      {message}
    </div>
  );
}
