import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledgeInlinePolicy, acknowledgeLambdaDefaults } from '../nag';
import { REPO_ROOT, functionEntry } from '../paths';

export const METRICS_NAMESPACE = 'Enlace';

/**
 * How every function is bundled: by esbuild on this machine (no Docker), minified ESM for Node 22,
 * with the AWS SDK clients inside the bundle (pinned, tree-shaken, faster to load than the
 * runtime's copy) and a metafile for the size report of `npm run bench`.
 */
export const BUNDLING: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  bundleAwsSDK: true,
  metafile: true,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies still call require(); ESM bundles need it defined.
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
  esbuildArgs: {
    // In Lambda the credentials are the execution role's, in the environment: the SDK's default
    // chain (profiles, SSO, web identity, metadata services, with their STS and SSO clients) was
    // about 130 KB of every bundle and never applies there. Relative to the project root, where
    // CDK runs esbuild.
    '--alias': '@aws-sdk/credential-provider-node=./shared/adapters/aws/lambda-credentials.ts',
  },
};

export interface EnlaceFunctionProps {
  /** The folder under functions/ that holds handler.ts. */
  name: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  /** Encrypts the function's log group. */
  logKey: kms.IKey;
  logRetentionDays: number;
}

/** The one way this project builds a Lambda function. */
export class EnlaceFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: EnlaceFunctionProps) {
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: props.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role, allowed to write to its own log group and nothing else until granted more
    // (instead of the AWS managed AWSLambdaBasicExecutionRole).
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.name}: writes its own logs; every other permission is granted explicitly`,
    });
    logGroup.grantWrite(role);
    super(scope, id, {
      role,
      entry: functionEntry(props.name),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      bundling: BUNDLING,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      // No NODE_OPTIONS=--enable-source-maps: it cost 9 to 19 ms of every cold start (issue 18).
      // The map (index.mjs.map) stays beside the bundle in the asset, a build artifact to read a
      // minified stack trace against (SourceMapMode default: a linked external map,
      // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_lambda_nodejs.SourceMapMode.html).
      environment: {
        POWERTOOLS_SERVICE_NAME: props.name,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime enlace is built, bundled (target node22) and tested for; move all functions together after testing a newer one.',
    });
    acknowledgeLambdaDefaults(this, 'hotline');
    acknowledgeInlinePolicy(role, props.name);
  }
}
