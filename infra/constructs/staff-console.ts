import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { AssetHashType, Aws, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deployment from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { STAFF_ROUTES } from '../../functions/staff-api/routes';
import { STAFF_ROLES, type StaffRole } from '../../shared/domain/staff-roles';
import { acknowledge, acknowledgeInlinePolicy, acknowledgeLambdaDefaults, acknowledgeNoDeadLetterQueue } from '../nag';
import { REPO_ROOT } from '../paths';
import { ITEM_KINDS } from '../table-access';
import type { OperatorAlarms } from './operator-alarms';

export interface StaffConsoleProps {
  staffApi: lambda.Function;
  table: dynamodb.ITable;
  logKey: kms.IKey;
  logRetentionDays: number;
  /** The prefix of the Cognito hosted UI's domain (<prefix>.auth.<region>.amazoncognito.com). */
  domainPrefix: string;
  alarms: OperatorAlarms;
  /** The IANA time zone the console shows times in (config.json `timeZone`): the hotline's hours' zone. */
  timeZone?: string;
}

/** The API's stage, and the path CloudFront sends to it: the console calls its own origin. */
export const API_STAGE = 'api';

/** "Tips staff: tip intakes", "Supervisors: detainee, tip, victim intakes; the metrics; audit trails". */
export function groupDescription(role: StaffRole): string {
  const sees = [`${role.categories.join(', ')} intakes`, ...(role.metrics ? ['the metrics'] : []), ...(role.audit ? ['audit trails'] : [])];
  return `${role.title}: ${sees.join('; ')}`;
}

/**
 * The staff console: Cognito for sign-in (MFA required, no self sign-up, a group per category
 * and supervisors), the staff API behind a JWT authorizer, and the single-page app in a private
 * bucket. One CloudFront distribution serves both, the app at / and the API at /api/, so the
 * browser talks to one origin: no CORS, and a content security policy of 'self'.
 */
export class StaffConsole extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly api: apigw.HttpApi;
  readonly distribution: cloudfront.Distribution;
  /** https://<distribution domain> */
  readonly url: string;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new cognito.UserPool(this, 'Staff', {
      userPoolName: 'enlace-staff',
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A group per role of the table of who sees what (shared/domain/staff-roles.ts).
    for (const role of STAFF_ROLES) {
      new cognito.CfnUserPoolGroup(this, `Group-${role.group}`, { userPoolId: this.userPool.userPoolId, groupName: role.group, description: groupDescription(role) });
    }
    const domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    const cognitoUrl = `https://${domain.domainName}.auth.${stack.region}.amazoncognito.com`;

    // The staff API, at https://<api id>.execute-api.<region>.<suffix>/api/..., reached through CloudFront.
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The execute-api endpoint stays on: it is CloudFront's origin. Disabling it leaves the API
    // reachable only through a custom domain name of API Gateway, which needs a domain and an ACM
    // certificate (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html);
    // every route needs a Cognito token either way.
    this.api = new apigw.HttpApi(this, 'Api', { description: 'enlace staff API', createDefaultStage: false });
    const stage = new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: API_STAGE,
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });
    props.alarms.alarm(this, 'ApiErrorsAlarm', {
      alarmDescription: 'The staff API answered with a server error (5xx)',
      metric: stage.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });

    // Logs of the site bucket and of CloudFront (which still writes them with ACLs). Versioned, so
    // a log deleted or overwritten before it expires can still be recovered for 30 days.
    const logBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(props.logRetentionDays), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logBucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself; logging its own access would loop.' });
    acknowledge(logBucket, {
      'NIST.800.53.R5-S3DefaultEncryptionKMS':
        'S3 server access logging and CloudFront standard logging write here; with SSE-KMS both log-delivery services would need the key, and a key policy they cannot use makes delivery fail silently. ' +
        'The logs hold request metadata (addresses, paths with intake and case identifiers), no intake content; SSE-S3 encrypts them at rest and the bucket blocks public access.',
      'NIST.800.53.R5-S3BucketReplicationEnabled':
        'Operational access logs that expire after the configured log retention, kept versioned in the one region the hotline runs in; a replica would need a second bucket and stack in another region.',
    });
    const site = new s3.Bucket(this, 'Site', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: logBucket,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(site, {
      'NIST.800.53.R5-S3DefaultEncryptionKMS':
        "Holds only the console's static build, which CloudFront serves to anyone who opens the sign-in page: no personal data and nothing secret. SSE-S3 encrypts it at rest; " +
        'a KMS key would add CloudFront to a key policy and a KMS request per origin fetch without protecting anything.',
      'NIST.800.53.R5-S3BucketReplicationEnabled':
        'Its only content, the console build, is rebuilt from source and redeployed by every deployment (and versioned here); a replica elsewhere would hold nothing that cannot be recreated.',
    });

    // CloudFront names are global to the account: the stack's name and region keep a second
    // deployment (another stack name, or the same one in another region) from colliding.
    const globalName = (what: string) => `${Aws.STACK_NAME}-${Aws.REGION}-${what}`;
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: globalName('security-headers'),
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            `connect-src 'self' ${cognitoUrl}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            `form-action 'self' ${cognitoUrl}`,
          ].join('; '),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, preload: true, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'enlace staff console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(site, {
          originAccessControl: new cloudfront.S3OriginAccessControl(this, 'SiteAccess', {
            originAccessControlName: globalName('console'),
            description: 'enlace: CloudFront reads the console build',
          }),
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      additionalBehaviors: {
        [`/${API_STAGE}/*`]: {
          origin: new origins.HttpOrigin(`${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          // Nothing of the API is cached; the token goes through.
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      enableLogging: true,
      logBucket,
      logFilePrefix: 'cloudfront/',
    });
    for (const [rule, reason] of [
      ['AwsSolutions-CFR1', 'Staff may work from anywhere; the console is static files and every API call needs a Cognito token issued after MFA.'],
      ['AwsSolutions-CFR2', 'Static files and an API behind the Cognito JWT authorizer and stage throttling. Add a WAF web ACL (in us-east-1) if the threat model asks for one.'],
      ['AwsSolutions-CFR4', 'The default *.cloudfront.net certificate fixes the TLS policy; with a custom domain, add an ACM certificate and minimumProtocolVersion TLSv1.2_2021.'],
    ] as const) {
      Validations.of(this.distribution).acknowledge({ id: rule, reason });
    }
    this.url = `https://${this.distribution.distributionDomainName}`;

    this.client = this.userPool.addClient('Console', {
      // A public client: the browser uses the authorization code flow with PKCE, no secret.
      generateSecret: false,
      // Only refreshing tokens: sign-in is the hosted UI's authorization code flow, which needs no
      // other API flow. Left unset, Cognito would also allow SRP and custom authentication.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${this.url}/`],
        logoutUrls: [`${this.url}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    (this.client.node.defaultChild as cognito.CfnUserPoolClient).explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

    // Only the routes of STAFF_ROUTES, each behind the Cognito JWT authorizer.
    const authorizer = new HttpJwtAuthorizer('Cognito', `https://cognito-idp.${stack.region}.amazonaws.com/${this.userPool.userPoolId}`, {
      jwtAudience: [this.client.userPoolClientId],
    });
    const integration = new HttpLambdaIntegration('StaffApi', props.staffApi);
    for (const routeKey of Object.keys(STAFF_ROUTES)) {
      const [method, routePath] = routeKey.split(' ') as [keyof typeof apigw.HttpMethod, string];
      this.api.addRoutes({ path: routePath, methods: [apigw.HttpMethod[method]], integration, authorizer });
    }
    acknowledgeNoDeadLetterQueue(
      props.staffApi,
      'API Gateway invokes it synchronously: a failure is answered to the console as an error for staff to retry, and there is no event to re-deliver.',
    );

    // Audit events can be added by the API, never changed or removed.
    props.staffApi.addToRolePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${ITEM_KINDS.audit}*`] } },
      }),
    );

    // The app, built by Vite at synth time (as esbuild builds the functions), and its configuration.
    const deploy = new deployment.BucketDeployment(this, 'Deploy', {
      destinationBucket: site,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      sources: [
        deployment.Source.asset(path.join(REPO_ROOT, 'console'), {
          assetHashType: AssetHashType.OUTPUT,
          exclude: ['dist', 'node_modules'],
          bundling: {
            image: DockerImage.fromRegistry('node:22-alpine'),
            local: {
              tryBundle(outputDir) {
                execFileSync('npx', ['vite', 'build', 'console', '--outDir', outputDir, '--emptyOutDir'], { cwd: REPO_ROOT, stdio: 'inherit' });
                return true;
              },
            },
          },
        }),
        deployment.Source.jsonData('config.json', {
          mode: 'cognito',
          apiUrl: `/${API_STAGE}`,
          cognitoDomain: cognitoUrl,
          clientId: this.client.userPoolClientId,
          redirectUri: `${this.url}/`,
          ...(props.timeZone ? { timeZone: props.timeZone } : {}),
        }),
      ],
    });
    acknowledgeBucketDeployment(deploy, site);
    // CDK grants the deployment function invalidations of every distribution; it needs this one's.
    deploy.handlerRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        notResources: [`arn:${stack.partition}:cloudfront::${stack.account}:distribution/${this.distribution.distributionId}`],
      }),
    );
  }
}

/** CDK's bucket-deployment machinery (a singleton function per stack) and its grants. */
function acknowledgeBucketDeployment(deploy: deployment.BucketDeployment, site: s3.Bucket): void {
  const stack = Stack.of(deploy);
  const siteArn = `<${stack.getLogicalId(site.node.defaultChild as s3.CfnBucket)}.Arn>`;
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  const findings: [string, string][] = [
    ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', "CDK's bucket-deployment function writes only its own logs with this policy."],
    ['AwsSolutions-IAM5[Action::s3:GetObject*]', 'CDK grants the deployment function reading its staged asset, the console build.'],
    ['AwsSolutions-IAM5[Action::s3:GetBucket*]', 'CDK grants the deployment function reading the staging bucket of its asset.'],
    ['AwsSolutions-IAM5[Action::s3:List*]', 'CDK grants the deployment function listing the staging and site buckets to synchronise them.'],
    ['AwsSolutions-IAM5[Action::s3:DeleteObject*]', 'The deployment removes files of older console builds from the site bucket (prune).'],
    ['AwsSolutions-IAM5[Action::s3:Abort*]', 'CDK grants the deployment function aborting its own multipart uploads to the site bucket.'],
    ['AwsSolutions-IAM5[Resource::*]', "CDK's bucket deployment grants its invalidations on every distribution; a Deny on every other distribution than the console's scopes them."],
    ['AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', 'The deployment reads the console build from the CDK asset bucket.'],
    [`AwsSolutions-IAM5[Resource::${siteArn}/*]`, 'The deployment writes every file of the console into the site bucket.'],
    ['AwsSolutions-L1', "CDK's bucket-deployment function's runtime is chosen and updated by aws-cdk-lib."],
  ];
  if (!handler) return;
  for (const [id, reason] of findings) Validations.of(handler).acknowledge({ id, reason });
  acknowledgeLambdaDefaults(handler, 'deployment');
  acknowledgeNoDeadLetterQueue(handler, 'CloudFormation invokes it for the deployment custom resource and waits for its answer: a failure fails the deployment, which rolls back.');
  acknowledgeInlinePolicy(handler.node.findChild('ServiceRole'), "CDK's bucket-deployment function (reading the console build, writing the site bucket, invalidating the distribution)");
}
