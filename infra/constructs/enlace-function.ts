import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Validations, type ILocalBundling } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledgeInlinePolicy, acknowledgeLambdaDefaults } from '../nag';
import { REPO_ROOT, functionEntry } from '../paths';

export const METRICS_NAMESPACE = 'Enlace';

/**
 * CDK's local bundling of a function: infra/bundle.ts's build (esbuild's JS API, with the plugin
 * that trims the SDK's schemas, which CDK's NodejsFunction cannot run: it calls esbuild's command
 * line) in a child process, since CDK bundles synchronously. Its only state is the entry's path:
 * CDK keys its cache of bundled assets on the bundling options, so they stay plain data. No
 * Docker image is ever used (`tryBundle` either succeeds or fails the synth).
 */
export class LocalBundle implements ILocalBundling {
  constructor(private readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'infra', 'bundle-cli.ts'), this.entry, outputDir], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`bundling ${path.relative(REPO_ROOT, this.entry)} failed (${result.error?.message ?? `exit ${result.status}`})`);
    return true;
  }
}

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
export class EnlaceFunction extends lambda.Function {
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
      // The asset is the build's output (index.mjs, its map and metafile), hashed as output: the
      // source folder is only where the build runs.
      code: lambda.Code.fromAsset(REPO_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: { image: DockerImage.fromRegistry('none'), local: new LocalBundle(functionEntry(props.name)) },
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      // No NODE_OPTIONS=--enable-source-maps: it cost 9 to 19 ms of every cold start (issue 18).
      // The map (index.mjs.map) stays beside the bundle in the asset, a build artifact to read a
      // minified stack trace against (infra/bundle.ts).
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
