import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Validations, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { buildApp } from '../../infra/build-app';
import type { EnlaceStack } from '../../infra/enlace-stack';
import { REPO_ROOT } from '../../infra/paths';

/**
 * The real app, synthesized as `cdk synth` would (with the feature flags and context of
 * cdk.json), but without bundling the functions (esbuild has its own test): cdk-nag runs and
 * synthesis throws on any unacknowledged finding.
 */
export function synthApp(context: Record<string, unknown> = {}) {
  const { app, stack, outdir } = unbundledApp(context);
  app.synth();
  return { app, stack, template: Template.fromStack(stack), outdir };
}

/**
 * The real app with something added to its stack, synthesized as synthApp does: to show that the
 * app's cdk-nag packs run and catch it. What synthesis threw, and the validation report.
 */
export function synthAppWithProbe(probe: (stack: EnlaceStack) => void): { error: unknown; report: ValidationReport } {
  const { app, stack, outdir } = unbundledApp();
  probe(stack);
  try {
    app.synth();
    return { error: undefined, report: validationReport(outdir) };
  } catch (error) {
    return { error, report: validationReport(outdir) };
  }
}

const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

function unbundledApp(context: Record<string, unknown> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'enlace-cdk-'));
  return { ...buildApp({ outdir, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], ...context } }), outdir };
}

/** Every IAM policy of a template: inline (AWS::IAM::Policy) and customer-managed alike. */
export function iamPolicies(template: Template): { Properties: { PolicyDocument: { Statement: unknown[] }; Roles?: unknown[] } }[] {
  return ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'].flatMap((type) => Object.values(template.findResources(type))) as never;
}

export interface ValidationReport {
  pluginReports: { pluginName: string; conclusion: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
}

export function validationReport(outdir: string): ValidationReport {
  return JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
}

/** Every acknowledged rule in the tree, with its reason and where it was acknowledged. */
export function acknowledgements(app: App): { path: string; id: string; reason: string }[] {
  const found: { path: string; id: string; reason: string }[] = [];
  const visit = (construct: IConstruct) => {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        found.push({ path: construct.node.path, id, reason });
      }
    }
    construct.node.children.forEach(visit);
  };
  visit(app);
  return found;
}
