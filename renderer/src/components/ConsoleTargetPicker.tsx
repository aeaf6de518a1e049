import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { CONSOLE_SERVICES } from '../../../electron/core/domain/console-services.js';
import { CONSOLE_REGIONS } from '../lib/regions.js';

export interface ConsoleTarget {
  region?: string;
  /** A service name the core maps to its console page; none: the console home. */
  destination?: string;
}

/** The value of the "Console home" choice: no destination. */
const HOME = '';

/**
 * Where a console opens: a service (or the console home) and a region. Enter in either
 * choice opens it, Escape backs out (`onCancel`). Used by the palette and the main window.
 */
export function ConsoleTargetPicker({
  onOpen,
  disabled = false,
  defaultRegion,
  onCancel,
  autoFocus = false,
}: {
  onOpen(options: ConsoleTarget): void;
  disabled?: boolean;
  /** The region the console opens in unless another is chosen (the settings' or the session's). */
  defaultRegion?: string;
  onCancel?(): void;
  /** Focus the service choice when it appears. */
  autoFocus?: boolean;
}) {
  const id = useId();
  const [service, setService] = useState(HOME);
  const [region, setRegion] = useState(defaultRegion ?? '');
  const serviceSelect = useRef<HTMLSelectElement>(null);
  const regions: readonly string[] =
    defaultRegion && !(CONSOLE_REGIONS as readonly string[]).includes(defaultRegion)
      ? [defaultRegion, ...CONSOLE_REGIONS]
      : CONSOLE_REGIONS;

  useEffect(() => {
    if (autoFocus) serviceSelect.current?.focus();
  }, [autoFocus]);

  const open = (): void => {
    if (disabled) return;
    onOpen({
      ...(region ? { region } : {}),
      ...(service !== HOME ? { destination: service } : {}),
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (event.key === 'Enter' && plain && event.target instanceof HTMLSelectElement) {
      event.preventDefault();
      open();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  return (
    <div className="console-target" role="group" aria-label="Console destination" onKeyDown={onKeyDown}>
      <label className="console-target__choice" htmlFor={`${id}-service`}>
        <span className="console-target__label">Service</span>
        <select
          ref={serviceSelect}
          id={`${id}-service`}
          className="input"
          value={service}
          onChange={(event) => setService(event.target.value)}
        >
          <option value={HOME}>Console home</option>
          {CONSOLE_SERVICES.map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.label}
            </option>
          ))}
        </select>
      </label>
      <label className="console-target__choice" htmlFor={`${id}-region`}>
        <span className="console-target__label">Region</span>
        <select
          id={`${id}-region`}
          className="input input--mono"
          value={region}
          onChange={(event) => setRegion(event.target.value)}
        >
          {!defaultRegion && <option value="">Default region</option>}
          {regions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button button--primary" disabled={disabled} onClick={open}>
        Open console
      </button>
    </div>
  );
}
