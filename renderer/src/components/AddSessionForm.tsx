import { useState, type FormEvent } from 'react';
import type { NewSession } from '../../../electron/core/domain/views.js';
import { useCommand } from '../hooks/useCommand.js';
import { IDENTITY_CENTER_REGIONS } from '../lib/regions.js';
import { startSignIn } from '../lib/sign-in-runs.js';
import { validateNewSession, type NewSessionErrors } from '../lib/validation.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Field } from './Field.js';

type Flow = 'auth-code' | 'device-code';

/**
 * Adds an sso-session (name, start URL, region) and starts signing in to it: in the browser
 * by default, with a device code as the fallback for machines without a usable browser. The
 * sign-in itself shows at the top of the window and, if it fails, on the session's card.
 */
export function AddSessionForm({
  existing,
  onDone,
  onCancel,
}: {
  existing: readonly string[];
  onDone: () => void;
  onCancel?: () => void;
}) {
  const [input, setInput] = useState<NewSession>({ name: '', startUrl: '', region: '' });
  const [touched, setTouched] = useState<Partial<Record<keyof NewSession, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const command = useCommand();
  const errors = validateNewSession(input, existing);
  const shown = (field: keyof NewSessionErrors): string | undefined =>
    submitted || touched[field] ? errors[field] : undefined;

  const update = (field: keyof NewSession) => (event: { target: { value: string } }) =>
    setInput((current) => ({ ...current, [field]: event.target.value }));
  const touch = (field: keyof NewSession) => () => setTouched((current) => ({ ...current, [field]: true }));

  const submit =
    (flow: Flow) =>
    (event?: FormEvent): void => {
      event?.preventDefault();
      setSubmitted(true);
      if (Object.keys(errors).length > 0) return;
      const session: NewSession = {
        name: input.name.trim(),
        startUrl: input.startUrl.trim(),
        region: input.region.trim(),
      };
      void command.run(
        () => window.lanyard.addSession(session),
        () => {
          startSignIn(session.name, flow);
          onDone();
        },
      );
    };

  return (
    <form className="add-session" aria-labelledby="add-session-title" onSubmit={submit('auth-code')} noValidate>
      <header className="pane-header">
        <h2 id="add-session-title">Add an Identity Center session</h2>
        <p className="pane-header__lead">
          Lanyard signs in once and keeps the session alive for the AWS CLI, SDKs and the console.
        </p>
      </header>
      <div className="add-session__fields">
        <Field
          label="Session name"
          help="How this session is called in ~/.aws/config, e.g. work."
          error={shown('name')}
        >
          {(control) => (
            <input
              {...control}
              className="input"
              value={input.name}
              autoFocus
              spellCheck={false}
              onChange={update('name')}
              onBlur={touch('name')}
            />
          )}
        </Field>
        <Field label="Start URL" help="Your AWS access portal address." error={shown('startUrl')}>
          {(control) => (
            <input
              {...control}
              className="input input--mono"
              type="url"
              placeholder="https://my-org.awsapps.com/start"
              value={input.startUrl}
              spellCheck={false}
              onChange={update('startUrl')}
              onBlur={touch('startUrl')}
            />
          )}
        </Field>
        <Field label="Region" help="Where your Identity Center instance lives." error={shown('region')}>
          {(control) => (
            <input
              {...control}
              className="input input--mono"
              list="add-session-regions"
              placeholder="eu-west-1"
              value={input.region}
              spellCheck={false}
              onChange={update('region')}
              onBlur={touch('region')}
            />
          )}
        </Field>
        <datalist id="add-session-regions">
          {IDENTITY_CENTER_REGIONS.map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
      </div>
      <ErrorMessage error={command.error} onDismiss={command.clearError} />
      <div className="add-session__actions">
        <button type="submit" className="button button--primary" disabled={command.pending}>
          Sign in with browser
        </button>
        <button type="button" className="button" disabled={command.pending} onClick={submit('device-code')}>
          Use a device code
        </button>
        {onCancel && (
          <button type="button" className="button button--quiet" disabled={command.pending} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
