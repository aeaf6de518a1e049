import { describe, expect, it } from 'vitest';
import { consoleHomeUrl, resolveDestination } from '../../../../electron/core/console/destination.js';
import {
  isPartitionHost,
  partitionOfRegion,
  PARTITIONS,
  regionalConsoleHost,
  validateRegion,
} from '../../../../electron/core/console/partitions.js';
import { isLanyardError } from '../../../../electron/core/domain/errors.js';

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isLanyardError(error, 'USAGE')) return error.message;
    throw error;
  }
  throw new Error('expected a USAGE error');
}

describe('partitions', () => {
  it.each([
    ['us-east-1', 'aws', 'signin.aws.amazon.com'],
    ['eu-west-2', 'aws', 'signin.aws.amazon.com'],
    ['ap-southeast-4', 'aws', 'signin.aws.amazon.com'],
    ['us-gov-west-1', 'aws-us-gov', 'signin.amazonaws-us-gov.com'],
    ['us-gov-east-1', 'aws-us-gov', 'signin.amazonaws-us-gov.com'],
    ['cn-north-1', 'aws-cn', 'signin.amazonaws.cn'],
    ['cn-northwest-1', 'aws-cn', 'signin.amazonaws.cn'],
  ])('%s is in %s, signed in at %s', (region, partition, signinHost) => {
    expect(partitionOfRegion(region).id).toBe(partition);
    expect(partitionOfRegion(region).signinHost).toBe(signinHost);
  });

  it('uses regional console hosts in the commercial partition only', () => {
    expect(regionalConsoleHost('eu-central-1')).toBe('eu-central-1.console.aws.amazon.com');
    expect(regionalConsoleHost('us-gov-west-1')).toBe('console.amazonaws-us-gov.com');
    expect(regionalConsoleHost('cn-north-1')).toBe('console.amazonaws.cn');
  });

  it.each(['', 'US-EAST-1', 'us-east-1.evil.com', 'us-east-1/x', 'useast1', 'us-east-1 '])(
    'rejects %j as a region (it becomes part of a host name)',
    (region) => {
      expect(usageError(() => validateRegion(region))).toMatch(/is not an AWS region/);
    },
  );

  it.each(['us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'eusc-de-east-1'])(
    'says plainly that %s has no console Lanyard can open',
    (region) => {
      expect(usageError(() => partitionOfRegion(region))).toMatch(/partition whose console Lanyard cannot open/);
    },
  );

  it('knows a partition host from a look-alike', () => {
    expect(isPartitionHost('console.aws.amazon.com', PARTITIONS.aws)).toBe(true);
    expect(isPartitionHost('us-west-2.console.aws.amazon.com', PARTITIONS.aws)).toBe(true);
    expect(isPartitionHost('SIGNIN.AWS.AMAZON.COM.', PARTITIONS.aws)).toBe(true);
    expect(isPartitionHost('aws.amazon.com.evil.example', PARTITIONS.aws)).toBe(false);
    expect(isPartitionHost('evilaws.amazon.com', PARTITIONS.aws)).toBe(false);
    expect(isPartitionHost('www.amazon.com', PARTITIONS.aws)).toBe(false);
    expect(isPartitionHost('console.aws.amazon.com', PARTITIONS['aws-cn'])).toBe(false);
  });
});

describe('console destination', () => {
  it('lands on the region console home by default', () => {
    expect(consoleHomeUrl('eu-west-1')).toBe('https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1');
    expect(consoleHomeUrl('us-gov-west-1')).toBe(
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    );
    expect(consoleHomeUrl('cn-northwest-1')).toBe('https://console.amazonaws.cn/console/home?region=cn-northwest-1');
    expect(resolveDestination('us-east-1', '  ')).toBe(consoleHomeUrl('us-east-1'));
  });

  it('turns a service name into that service in the region', () => {
    expect(resolveDestination('eu-west-1', 's3')).toBe(
      'https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1',
    );
    expect(resolveDestination('cn-north-1', 'ec2')).toBe('https://console.amazonaws.cn/ec2/home?region=cn-north-1');
  });

  it('knows the services whose console path is not /NAME/home, in any case', () => {
    expect(resolveDestination('eu-west-1', 'logs')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups',
    );
    expect(resolveDestination('eu-west-1', 'DynamoDB')).toBe(
      'https://eu-west-1.console.aws.amazon.com/dynamodbv2/home?region=eu-west-1',
    );
    expect(resolveDestination('us-east-1', 'stepfunctions')).toBe(
      'https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1',
    );
    // Not in the table: the usual /NAME/home.
    expect(resolveDestination('us-east-1', 'athena')).toBe(
      'https://us-east-1.console.aws.amazon.com/athena/home?region=us-east-1',
    );
    // Names of Object.prototype are service names like any other.
    expect(resolveDestination('us-east-1', 'constructor')).toBe(
      'https://us-east-1.console.aws.amazon.com/constructor/home?region=us-east-1',
    );
  });

  it('puts a console path on the region host, keeping its query and fragment', () => {
    expect(resolveDestination('us-west-2', '/ec2/home#Instances:')).toBe(
      'https://us-west-2.console.aws.amazon.com/ec2/home?region=us-west-2#Instances:',
    );
    expect(resolveDestination('us-west-2', '/ec2/home?region=eu-west-1#Instances:')).toBe(
      'https://us-west-2.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:',
    );
  });

  it('keeps a full console URL of the right partition as given', () => {
    const deepLink = 'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups';
    expect(resolveDestination('us-east-1', deepLink)).toBe(deepLink);
    expect(resolveDestination('eu-west-1', 'https://health.aws.amazon.com/health/home')).toBe(
      'https://health.aws.amazon.com/health/home',
    );
    expect(resolveDestination('us-gov-west-1', 'https://console.amazonaws-us-gov.com/s3/home')).toBe(
      'https://console.amazonaws-us-gov.com/s3/home',
    );
  });

  it('refuses URLs of another partition, other hosts, and anything but plain https', () => {
    expect(usageError(() => resolveDestination('cn-north-1', 'https://console.aws.amazon.com/s3/home'))).toMatch(
      /console.aws.amazon.com is not an AWS console host of the aws-cn partition/,
    );
    expect(usageError(() => resolveDestination('us-east-1', 'https://console.amazonaws-us-gov.com/'))).toMatch(
      /aws partition/,
    );
    expect(usageError(() => resolveDestination('us-east-1', 'https://evil.example/console'))).toMatch(
      /not an AWS console host/,
    );
    expect(usageError(() => resolveDestination('us-east-1', 'http://console.aws.amazon.com/'))).toMatch(/plain https/);
    expect(usageError(() => resolveDestination('us-east-1', 'https://user:pw@console.aws.amazon.com/'))).toMatch(
      /plain https/,
    );
    expect(usageError(() => resolveDestination('us-east-1', 'javascript:alert(1)'))).toMatch(/plain https/);
    expect(usageError(() => resolveDestination('us-east-1', 'S3 buckets'))).toMatch(/not a console destination/);
  });

  it('does not let a host-relative path leave the console', () => {
    expect(usageError(() => resolveDestination('us-east-1', '//evil.example/x'))).toMatch(/not a console path/);
    expect(usageError(() => resolveDestination('us-east-1', '/\\evil.example/x'))).toMatch(/not a console path/);
  });
});
