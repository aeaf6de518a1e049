import {
  DEFAULT_ENVIRONMENT_COLOURS,
  ENVIRONMENT_LABELS,
  ENVIRONMENT_NAMES,
  type Environment,
  type EnvironmentColour,
} from '../lib/environment.js';

/**
 * An account's environment as a text badge in its colour: the role's mark (the user's
 * override, else what the account's name says), so it matches the tray, the console
 * window and the Firefox container.
 */
export function EnvBadge({
  environment,
  colour,
}: {
  environment: Environment | undefined;
  colour?: EnvironmentColour | undefined;
}) {
  if (!environment) return null;
  return (
    <span
      className={`env env--${colour ?? DEFAULT_ENVIRONMENT_COLOURS[environment]}`}
      data-environment={environment}
      title={`A ${ENVIRONMENT_NAMES[environment]} account`}
    >
      {ENVIRONMENT_LABELS[environment]}
    </span>
  );
}
