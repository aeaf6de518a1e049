import { SESSION_HEALTH_LABELS } from '../../../electron/core/domain/session-health.js';
import type { SessionHealth } from '../../../electron/core/domain/views.js';

const TONE: Record<SessionHealth, 'good' | 'busy' | 'warn' | 'bad' | 'off'> = {
  active: 'good',
  refreshing: 'busy',
  retrying: 'warn',
  'sign-in-needed': 'bad',
  corrupt: 'bad',
  'signed-out': 'off',
};

/** A session's health in words, with a colour and a shape as a second cue. */
export function HealthBadge({ health }: { health: SessionHealth }) {
  const label = SESSION_HEALTH_LABELS[health];
  const tone = TONE[health];
  return (
    <span className={`health health--${tone}`} data-health={health}>
      <span className="health__mark" aria-hidden="true" />
      {label}
    </span>
  );
}
