/**
 * Console paths of the services people name most, where the path is not simply `/NAME/home`
 * (`logs` lives in CloudWatch, DynamoDB is `dynamodbv2`, Step Functions is `states`, ...).
 * A name not listed here lands on `/NAME/home`, which is right for most services.
 */
const SERVICE_PATHS: Readonly<Record<string, string>> = {
  logs: '/cloudwatch/home#logsV2:log-groups',
  cloudwatchlogs: '/cloudwatch/home#logsV2:log-groups',
  alarms: '/cloudwatch/home#alarmsV2:',
  metrics: '/cloudwatch/home#metricsV2:',
  dynamodb: '/dynamodbv2/home',
  ddb: '/dynamodbv2/home',
  sqs: '/sqs/v3/home',
  sns: '/sns/v3/home',
  ssm: '/systems-manager/home',
  'systems-manager': '/systems-manager/home',
  parameterstore: '/systems-manager/parameters',
  secrets: '/secretsmanager/listsecrets',
  secretsmanager: '/secretsmanager/listsecrets',
  route53: '/route53/v2/home',
  cloudfront: '/cloudfront/v4/home',
  stepfunctions: '/states/home',
  sfn: '/states/home',
  eventbridge: '/events/home',
  events: '/events/home',
  apigateway: '/apigateway/main/apis',
  apigw: '/apigateway/main/apis',
  elb: '/ec2/home#LoadBalancers:',
  alb: '/ec2/home#LoadBalancers:',
  instances: '/ec2/home#Instances:',
  ecr: '/ecr/private-registry/repositories',
  ecs: '/ecs/v2/clusters',
  organizations: '/organizations/v2/home',
  sso: '/singlesignon/home',
  identitycenter: '/singlesignon/home',
  codebuild: '/codesuite/codebuild/projects',
  codepipeline: '/codesuite/codepipeline/pipelines',
  codecommit: '/codesuite/codecommit/repositories',
  codedeploy: '/codesuite/codedeploy/applications',
  redshift: '/redshiftv2/home',
  opensearch: '/aos/home',
  waf: '/wafv2/homev2',
  billing: '/billing/home',
  cost: '/costmanagement/home',
  costexplorer: '/costmanagement/home#/cost-explorer',
  support: '/support/home',
  iam: '/iam/home',
  s3: '/s3/home',
  ec2: '/ec2/home',
  vpc: '/vpcconsole/home',
  lambda: '/lambda/home',
  cloudwatch: '/cloudwatch/home',
  cloudformation: '/cloudformation/home',
  cfn: '/cloudformation/home',
  cloudtrail: '/cloudtrail/home',
  kms: '/kms/home',
  rds: '/rds/home',
  eks: '/eks/home',
};

/** The console path of a service name (lower case), e.g. `logs` -> `/cloudwatch/home#logsV2:log-groups`. */
export function servicePath(name: string): string {
  const key = name.toLowerCase();
  return Object.hasOwn(SERVICE_PATHS, key) ? (SERVICE_PATHS[key] as string) : `/${key}/home`;
}
