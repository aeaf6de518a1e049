import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A labelled form control with help text that an error replaces in place (so showing an
 * error never moves the controls below it), wired up with aria-describedby and aria-invalid.
 * `children` receives the attributes to put on the control. An error that appears while the
 * control has focus scrolls into view (above a sticky footer: see .field__error's margin).
 */
export function Field({
  label,
  help,
  error,
  children,
}: {
  label: string;
  help?: ReactNode;
  error?: string;
  children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = error ? errorId : help ? helpId : undefined;
  const field = useRef<HTMLDivElement>(null);
  const message = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (error && field.current?.contains(document.activeElement)) message.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);

  return (
    <div ref={field} className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {help && !error && (
        <p className="field__help" id={helpId}>
          {help}
        </p>
      )}
      {error && (
        <p ref={message} className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label beside it. */
export function Checkbox({
  label,
  checked,
  onChange,
  help,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  help?: string;
}) {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-describedby={help ? `${id}-help` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </div>
  );
}

/** A labelled select over fixed choices, each a value and the words shown for it. */
export function SelectField<T extends string>({
  label,
  help,
  value,
  choices,
  onChange,
}: {
  label: string;
  help?: string;
  value: T;
  choices: ReadonlyArray<readonly [T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <Field label={label} {...(help ? { help } : {})}>
      {(control) => (
        <select {...control} className="input" value={value} onChange={(event) => onChange(event.target.value as T)}>
          {choices.map(([choice, words]) => (
            <option key={choice} value={choice}>
              {words}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
