import { ENVIRONMENT_LABELS, ENVIRONMENT_NAMES, type Environment } from '../lib/environment.js';

/** The environment an account looks like, as a coloured text badge. */
export function EnvBadge({ environment }: { environment: Environment | undefined }) {
  if (!environment) return null;
  return (
    <span className={`env env--${environment}`} title={`Looks like a ${ENVIRONMENT_NAMES[environment]} account`}>
      {ENVIRONMENT_LABELS[environment]}
    </span>
  );
}
