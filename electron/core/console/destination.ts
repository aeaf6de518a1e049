/**
 * Where the console lands after sign-in: the region's console home, a service (`s3`), a
 * console path (`/ec2/home#Instances:`), or a full console URL of the region's partition.
 */
import { LanyardError } from '../domain/errors.js';
import { isPartitionHost, partitionOfRegion, regionalConsoleHost } from './partitions.js';
import { servicePath } from './service-paths.js';

const CONSOLE_HOME_PATH = '/console/home';
/** A console service's path segment: `s3`, `ec2`, `cloudwatch`, `iam`, ... */
const SERVICE_NAME = /^[a-z0-9][a-z0-9-]*$/i;
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:/i;

const DESTINATION_HINT =
  'Pass a console URL (https://us-east-1.console.aws.amazon.com/s3/home), a console path (/s3/home) or a service name (s3).';

/** The console home that opens in `region`. */
export function consoleHomeUrl(region: string): string {
  return resolveDestination(region);
}

/**
 * The `Destination` for a console sign-in in `region`. A path or service name lands in that
 * region; a full URL must belong to the region's partition and is kept as given.
 */
export function resolveDestination(region: string, destination?: string): string {
  const partition = partitionOfRegion(region);
  const wanted = destination?.trim() ?? '';
  if (wanted === '') return regionalUrl(region, CONSOLE_HOME_PATH);
  if (wanted.startsWith('/')) return regionalUrl(region, wanted);
  if (SERVICE_NAME.test(wanted)) return regionalUrl(region, servicePath(wanted));
  if (!ABSOLUTE_URL.test(wanted))
    throw new LanyardError('USAGE', `"${wanted}" is not a console destination.`, DESTINATION_HINT);

  let url: URL;
  try {
    url = new URL(wanted);
  } catch {
    throw new LanyardError('USAGE', `"${wanted}" is not a valid URL.`, DESTINATION_HINT);
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw new LanyardError(
      'USAGE',
      `The console destination must be a plain https:// URL (got "${url.protocol}").`,
      DESTINATION_HINT,
    );
  }
  if (!isPartitionHost(url.hostname, partition)) {
    throw new LanyardError(
      'USAGE',
      `${url.hostname} is not an AWS console host of the ${partition.id} partition (region ${region}).`,
      `Use a URL under ${partition.domains.join(' or ')}, or pick a region of the URL's partition with --region.`,
    );
  }
  return url.toString();
}

/** A console path on the region's console host, with `region=` added when the path names none. */
function regionalUrl(region: string, pathAndMore: string): string {
  const host = regionalConsoleHost(region);
  const url = new URL(pathAndMore, `https://${host}`);
  // `//other.host/...` and `/\other.host` are host-relative: they must not leave the console.
  if (url.host !== host) throw new LanyardError('USAGE', `"${pathAndMore}" is not a console path.`, DESTINATION_HINT);
  if (!url.searchParams.has('region')) url.searchParams.set('region', region);
  return url.toString();
}
