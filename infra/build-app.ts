import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import { configFromContext } from './config';
import { EnlaceStack } from './enlace-stack';

/**
 * The CDK app, with cdk-nag's AwsSolutions and NIST 800-53 Rev 5 checks: synthesis fails on any
 * finding that is not acknowledged with a written reason next to the construct it concerns.
 */
export function buildApp(props: AppProps = {}) {
  const app = new App(props);
  const stack = new EnlaceStack(app, 'Enlace', {
    config: configFromContext(app),
    description: 'enlace: bilingual hotline and intake system',
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  return { app, stack };
}
