/**
 * The services people open most, as the app offers them (a service and a region for a
 * console): each name is one console/service-paths.ts maps to its page (a test checks each).
 */
export interface ConsoleService {
  /** The destination passed to openConsole, e.g. `logs`. */
  name: string;
  /** What people read, e.g. "CloudWatch Logs". */
  label: string;
}

export const CONSOLE_SERVICES: readonly ConsoleService[] = [
  { name: 'ec2', label: 'EC2' },
  { name: 's3', label: 'S3' },
  { name: 'cloudwatch', label: 'CloudWatch' },
  { name: 'logs', label: 'CloudWatch Logs' },
  { name: 'lambda', label: 'Lambda' },
  { name: 'iam', label: 'IAM' },
  { name: 'cloudformation', label: 'CloudFormation' },
  { name: 'ecs', label: 'ECS' },
  { name: 'eks', label: 'EKS' },
  { name: 'ecr', label: 'ECR' },
  { name: 'rds', label: 'RDS' },
  { name: 'dynamodb', label: 'DynamoDB' },
  { name: 'sqs', label: 'SQS' },
  { name: 'sns', label: 'SNS' },
  { name: 'stepfunctions', label: 'Step Functions' },
  { name: 'eventbridge', label: 'EventBridge' },
  { name: 'apigateway', label: 'API Gateway' },
  { name: 'vpc', label: 'VPC' },
  { name: 'route53', label: 'Route 53' },
  { name: 'cloudfront', label: 'CloudFront' },
  { name: 'secretsmanager', label: 'Secrets Manager' },
  { name: 'ssm', label: 'Systems Manager' },
  { name: 'kms', label: 'KMS' },
  { name: 'cloudtrail', label: 'CloudTrail' },
  { name: 'organizations', label: 'Organizations' },
  { name: 'billing', label: 'Billing' },
  { name: 'costexplorer', label: 'Cost Explorer' },
];
