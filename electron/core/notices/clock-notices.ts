import { CLOCK_SKEW_FIX, describeClockSkew, isClockSkewed } from '../sessions/service-clock.js';

/** The notice (and notification) a measured clock skew calls for; undefined when the clock is close enough. */
export function clockSkewNotice(skewMs: number): { kind: 'error'; title: string; body: string } | undefined {
  if (!isClockSkewed(skewMs)) return undefined;
  return { kind: 'error', title: 'Your clock is off', body: `${describeClockSkew(skewMs)}. ${CLOCK_SKEW_FIX}` };
}
