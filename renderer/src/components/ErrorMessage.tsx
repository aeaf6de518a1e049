import type { CommandError } from '../../../electron/core/domain/views.js';
import { Icon } from './Icon.js';

/** A button an error offers to put things right: "Sign in", "Try again", "Refresh list". */
export interface ErrorAction {
  label: string;
  onClick(): void;
  /** A fuller name for screen readers, e.g. "Sign in to acme" for "Sign in". */
  ariaLabel?: string;
  /** The one the error suggests first; styled as the primary button. */
  primary?: boolean;
  disabled?: boolean;
}

/**
 * A command's error, where it happened: what went wrong and what to do about it, with
 * buttons that do it (`actions`) rather than commands to type.
 */
export function ErrorMessage({
  error,
  onDismiss,
  actions = [],
}: {
  error: CommandError | undefined;
  onDismiss?: () => void;
  actions?: readonly ErrorAction[];
}) {
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      <Icon name="alert" />
      <div className="error-message__text">
        <p className="error-message__what">{error.message}</p>
        {error.hint && <p className="error-message__hint">{error.hint}</p>}
        {actions.length > 0 && (
          <div className="error-message__actions">
            {actions.map((action) => (
              <button
                key={action.label}
                type="button"
                className={`button button--small${action.primary ? ' button--primary' : ''}`}
                aria-label={action.ariaLabel}
                disabled={action.disabled}
                onClick={action.onClick}
              >
                {action.label}
              </button>
            ))}
          </div>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}
