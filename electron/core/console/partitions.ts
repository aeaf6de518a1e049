/**
 * AWS partitions as the console sees them: where a partition's sign-in (federation) endpoint
 * and console live, and which DNS domains are the partition's own. A region picks its partition.
 */
import { LanyardError } from '../domain/errors.js';

export type PartitionId = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface AwsPartition {
  id: PartitionId;
  /** Host of the federation endpoint (`/federation`). */
  signinHost: string;
  /** The console's host, without a region. */
  consoleHost: string;
  /** Whether the console also answers on `<region>.<consoleHost>` (and lands in that region). */
  regionalConsoleHosts: boolean;
  /** DNS domains of the partition's console and sign-in pages; their subdomains belong too. */
  domains: readonly string[];
}

export const PARTITIONS: Readonly<Record<PartitionId, AwsPartition>> = {
  aws: {
    id: 'aws',
    signinHost: 'signin.aws.amazon.com',
    consoleHost: 'console.aws.amazon.com',
    regionalConsoleHosts: true,
    domains: ['aws.amazon.com'],
  },
  'aws-us-gov': {
    id: 'aws-us-gov',
    signinHost: 'signin.amazonaws-us-gov.com',
    consoleHost: 'console.amazonaws-us-gov.com',
    regionalConsoleHosts: false,
    domains: ['amazonaws-us-gov.com'],
  },
  'aws-cn': {
    id: 'aws-cn',
    signinHost: 'signin.amazonaws.cn',
    consoleHost: 'console.amazonaws.cn',
    regionalConsoleHosts: false,
    domains: ['amazonaws.cn'],
  },
};

/** `us-east-1`, `us-gov-west-1`, `cn-northwest-1`, `eusc-de-east-1`, ... (it also ends up in host names). */
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const CHINA_REGION = /^cn-/;
const GOVCLOUD_REGION = /^us-gov-/;
/** Partitions without a console Lanyard can reach: the isolated regions and the European Sovereign Cloud. */
const UNSUPPORTED_REGION = /^([a-z]{2}-iso[a-z]?-|eusc-)/;

/** Checks a region name and returns it; a bad one is a USAGE error (it becomes part of a host name). */
export function validateRegion(region: string): string {
  if (!REGION.test(region)) {
    throw new LanyardError(
      'USAGE',
      `"${region}" is not an AWS region.`,
      'Use a region name such as us-east-1, eu-west-2 or us-gov-west-1.',
    );
  }
  if (UNSUPPORTED_REGION.test(region)) {
    throw new LanyardError(
      'USAGE',
      `Region ${region} is in a partition whose console Lanyard cannot open.`,
      'Lanyard opens the console in the aws, aws-us-gov and aws-cn partitions.',
    );
  }
  return region;
}

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): AwsPartition {
  validateRegion(region);
  if (CHINA_REGION.test(region)) return PARTITIONS['aws-cn'];
  if (GOVCLOUD_REGION.test(region)) return PARTITIONS['aws-us-gov'];
  return PARTITIONS.aws;
}

/** Whether a host name is one of the partition's domains or a subdomain of one. */
export function isPartitionHost(host: string, partition: AwsPartition): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return partition.domains.some((domain) => name === domain || name.endsWith(`.${domain}`));
}

/** The console host that lands in `region`: `us-west-2.console.aws.amazon.com`, `console.amazonaws.cn`. */
export function regionalConsoleHost(region: string): string {
  const partition = partitionOfRegion(region);
  return partition.regionalConsoleHosts ? `${region}.${partition.consoleHost}` : partition.consoleHost;
}
