/**
 * Timestamps in the AWS CLI's cache files. botocore writes `2025-01-01T12:00:00Z`, the JS SDK
 * writes `2025-01-01T12:00:00.000Z`, and the CLI's registration cache has been seen with
 * `2025-01-01T12:00:00UTC` (strftime's %Z). JavaScript's Date parses only the first two.
 */
export function parseAwsTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const normalised = value
    .trim()
    .replace(/\s*(UTC|GMT)$/i, 'Z')
    .replace(/ /, 'T');
  const withZone = /([zZ]|[+-]\d\d:?\d\d)$/.test(normalised) ? normalised : `${normalised}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO 8601 in UTC without milliseconds, as the AWS CLI writes its token cache. */
export function formatAwsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
