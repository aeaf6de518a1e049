import type { SessionHealth } from '../../../electron/core/domain/views.js';

const HEALTH: Record<SessionHealth, { label: string; tone: 'good' | 'busy' | 'warn' | 'bad' | 'off' }> = {
  active: { label: 'Active', tone: 'good' },
  refreshing: { label: 'Refreshing', tone: 'busy' },
  retrying: { label: 'Retrying', tone: 'warn' },
  'sign-in-needed': { label: 'Sign-in needed', tone: 'bad' },
  corrupt: { label: 'Cache damaged', tone: 'bad' },
  'signed-out': { label: 'Signed out', tone: 'off' },
};

/** A session's health in words, with a colour and a shape as a second cue. */
export function HealthBadge({ health }: { health: SessionHealth }) {
  const { label, tone } = HEALTH[health];
  return (
    <span className={`health health--${tone}`} data-health={health}>
      <span className="health__mark" aria-hidden="true" />
      {label}
    </span>
  );
}
