import type { CommandError } from '../../../electron/core/domain/views.js';
import { Icon } from './Icon.js';

/** A command's error, where it happened: what went wrong and what to do about it. */
export function ErrorMessage({ error, onDismiss }: { error: CommandError | undefined; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-message" role="alert">
      <Icon name="alert" />
      <div className="error-message__text">
        <p className="error-message__what">{error.message}</p>
        {error.hint && <p className="error-message__hint">{error.hint}</p>}
      </div>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}
