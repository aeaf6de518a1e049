import { useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  ENVIRONMENT_COLOURS,
  ENVIRONMENTS,
  type EnvironmentOverride,
  MAX_ENVIRONMENT_OVERRIDES,
  overrideMatchProblem,
} from '../../../electron/core/domain/environment.js';
import { useCommand } from '../hooks/useCommand.js';
import {
  COLOUR_NAMES,
  DEFAULT_ENVIRONMENT_COLOURS,
  ENVIRONMENT_LABELS,
  type Environment,
  type EnvironmentColour,
} from '../lib/environment.js';
import { deepEqual } from '../lib/structural-sharing.js';
import { ErrorMessage } from './ErrorMessage.js';
import { Icon } from './Icon.js';

/** One row as edited: `colour` empty means the environment's own. */
interface Row {
  id: number;
  match: string;
  environment: Environment | 'none';
  colour: EnvironmentColour | '';
}

const NO_BADGE = 'No badge';

function rowsOf(overrides: readonly EnvironmentOverride[]): Row[] {
  return overrides.map((override, id) => ({
    id,
    match: override.match,
    environment: override.environment,
    colour: override.colour ?? '',
  }));
}

function overridesOf(rows: readonly Row[]): EnvironmentOverride[] {
  return rows.map((row) => ({
    match: row.match.trim(),
    environment: row.environment,
    ...(row.environment !== 'none' && row.colour ? { colour: row.colour } : {}),
  }));
}

/** The colour a row's swatch shows: its own, else its environment's; none for "No badge". */
function shownColour(row: Row): EnvironmentColour | undefined {
  if (row.environment === 'none') return undefined;
  return row.colour || DEFAULT_ENVIRONMENT_COLOURS[row.environment];
}

/**
 * The settings' badge rules: which accounts are which environment, by account id or name
 * pattern, overriding what their names say, with a colour each. Its own Save, straight
 * through updateSettings({ environmentOverrides }): the rest of the settings form is not
 * touched, and a rule with a bad pattern is never sent.
 */
export function EnvironmentOverrides({ overrides }: { overrides: readonly EnvironmentOverride[] }) {
  // Edits over the saved rules; undefined while nothing is edited, so saved changes show as they come.
  const [edited, setEdited] = useState<Row[]>();
  const [saved, setSaved] = useState(false);
  const nextId = useRef(overrides.length);
  const command = useCommand();
  const helpId = useId();
  const rows = edited ?? rowsOf(overrides);
  const problems = rows.map((row) => overrideMatchProblem(row.match));
  const invalid = problems.some(Boolean);
  const dirty = edited !== undefined && !deepEqual(overridesOf(edited), overrides);

  const edit = (next: Row[]): void => {
    setSaved(false);
    setEdited(next);
  };
  const change = (id: number, patch: Partial<Row>): void =>
    edit(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  const add = (): void => {
    nextId.current = Math.max(nextId.current, rows.length) + 1;
    edit([...rows, { id: nextId.current, match: '', environment: 'prod', colour: '' }]);
  };
  const save = (): void => {
    if (!dirty || invalid || !edited) return;
    void command.run(
      () => window.lanyard.updateSettings({ environmentOverrides: overridesOf(edited) }),
      () => {
        setEdited(undefined);
        setSaved(true);
      },
    );
  };
  // Enter in a pattern saves these rules, not the settings form around them.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    save();
  };

  return (
    <div className="env-overrides">
      <p className="field__help" id={helpId}>
        Badges follow the words in account names (prod, staging, uat, dev, sandbox…). A rule here wins: account ids
        first, then the first pattern that matches an account’s name or alias. * stands for any text; case does not
        matter.
      </p>
      {rows.length > 0 && (
        <table className="env-overrides__table" aria-describedby={helpId}>
          <thead>
            <tr>
              <th scope="col">Account id or name pattern</th>
              <th scope="col">Badge</th>
              <th scope="col">Colour</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const problem = problems[index];
              const errorId = `env-override-${row.id}-error`;
              const number = index + 1;
              const colour = shownColour(row);
              return (
                <tr key={row.id}>
                  <td>
                    <input
                      className="input input--mono env-overrides__match"
                      aria-label={`Account id or name pattern, rule ${number}`}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? errorId : undefined}
                      placeholder="acme-data-*"
                      value={row.match}
                      spellCheck={false}
                      autoComplete="off"
                      onChange={(event) => change(row.id, { match: event.target.value })}
                      onKeyDown={onKeyDown}
                    />
                    {problem && (
                      <p className="field__error" id={errorId}>
                        {problem}
                      </p>
                    )}
                  </td>
                  <td>
                    <select
                      className="input env-overrides__badge"
                      aria-label={`Badge, rule ${number}`}
                      value={row.environment}
                      onChange={(event) => change(row.id, { environment: event.target.value as Row['environment'] })}
                    >
                      {ENVIRONMENTS.map((environment) => (
                        <option key={environment} value={environment}>
                          {ENVIRONMENT_LABELS[environment]}
                        </option>
                      ))}
                      <option value="none">{NO_BADGE}</option>
                    </select>
                  </td>
                  <td>
                    <span className="env-overrides__colour">
                      <span
                        className={`env-swatch${colour ? ` env--${colour}` : ''}`}
                        aria-hidden="true"
                        data-colour={colour ?? 'none'}
                      />
                      <select
                        className="input"
                        aria-label={`Colour, rule ${number}`}
                        disabled={row.environment === 'none'}
                        value={row.environment === 'none' ? '' : row.colour}
                        onChange={(event) => change(row.id, { colour: event.target.value as Row['colour'] })}
                      >
                        <option value="">
                          {row.environment === 'none'
                            ? 'None'
                            : `${COLOUR_NAMES[DEFAULT_ENVIRONMENT_COLOURS[row.environment]]} (usual)`}
                        </option>
                        {ENVIRONMENT_COLOURS.map((choice) => (
                          <option key={choice} value={choice}>
                            {COLOUR_NAMES[choice]}
                          </option>
                        ))}
                      </select>
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove rule ${number}`}
                      title="Remove"
                      onClick={() => edit(rows.filter((candidate) => candidate.id !== row.id))}
                    >
                      <Icon name="close" />
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="env-overrides__actions">
        <button
          type="button"
          className="button button--small"
          disabled={rows.length >= MAX_ENVIRONMENT_OVERRIDES}
          onClick={add}
        >
          <Icon name="plus" />
          Add rule
        </button>
        <button
          type="button"
          className="button button--small button--primary"
          disabled={!dirty || invalid || command.pending}
          onClick={save}
        >
          Save badges
        </button>
        {edited !== undefined && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => {
              setEdited(undefined);
              command.clearError();
            }}
          >
            Revert badges
          </button>
        )}
        <span className="field__help" role="status">
          {saved ? 'Badges saved.' : dirty ? 'Unsaved badge rules.' : ''}
        </span>
      </div>
      <ErrorMessage error={command.error} onDismiss={command.clearError} />
    </div>
  );
}
