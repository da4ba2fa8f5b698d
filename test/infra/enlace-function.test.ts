import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { describe, expect, it, vi } from 'vitest';

// Point the pattern at the test fixture instead of functions/<name>/handler.ts.
vi.mock('../../infra/paths', async (original) => {
  const actual = await original<typeof import('../../infra/paths')>();
  return { ...actual, functionEntry: (name: string) => path.join(actual.REPO_ROOT, 'test/fixtures/functions', name, 'handler.ts') };
});
const { EnlaceFunction } = await import('../../infra/constructs/enlace-function');

describe('the Lambda pattern', () => {
  it('bundles with esbuild on this machine into minified ESM for nodejs22.x on arm64', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'enlace-fn-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'FunctionTest');
    new EnlaceFunction(stack, 'Echo', {
      name: 'echo',
      description: 'echo',
      logKey: new kms.Key(stack, 'Key'),
      logRetentionDays: 90,
      environment: { TABLE_NAME: 'intakes' },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: Match.anyValue() },
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'echo',
          POWERTOOLS_METRICS_NAMESPACE: 'Enlace',
          TABLE_NAME: 'intakes',
        },
      },
    });
    // Source maps are a build artifact, not loaded at every cold start.
    const variables = Object.values(template.findResources('AWS::Lambda::Function'))[0]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables).not.toHaveProperty('NODE_OPTIONS');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90, KmsKeyId: Match.anyValue() });

    app.synth();
    const assetDir = readdirSync(outdir).find((entry) => entry.startsWith('asset.') && existsSync(path.join(outdir, entry, 'index.mjs')));
    expect(assetDir, 'a bundled asset').toBeDefined();
    const bundle = readFileSync(path.join(outdir, assetDir!, 'index.mjs'), 'utf8');
    expect(bundle).toContain('echo');
    expect(bundle.split('\n').length).toBeLessThan(10); // minified
    expect(existsSync(path.join(outdir, assetDir!, 'index.mjs.map'))).toBe(true);
    expect(existsSync(path.join(outdir, assetDir!, 'index.meta.json'))).toBe(true);
  });
});
