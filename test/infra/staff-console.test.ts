import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HOURS } from '../../shared/domain/hours';
import { STAFF_ROUTES } from '../../functions/staff-api/routes';
import { synthApp } from '../support/cdk';

let synth: ReturnType<typeof synthApp>;
beforeAll(() => {
  synth = synthApp();
});

/** The one resource of a type in the stack, by its logical id. */
function logicalId(type: string): string {
  const ids = Object.keys(synth.template.findResources(type));
  expect(ids, type).toHaveLength(1);
  return ids[0]!;
}

/**
 * The console's config.json as the bucket deployment writes it: the file in its asset, with each
 * deploy-time marker (`<<marker:0xbaba:N>>`, which the deployment replaces) put back as the
 * CloudFormation value it stands for (the deployment's SourceMarkers).
 */
function deployedConsoleConfig(): Record<string, unknown> {
  const [deployment] = Object.values(synth.template.findResources('Custom::CDKBucketDeployment')) as { Properties: { SourceObjectKeys: unknown[]; SourceMarkers: Record<string, unknown>[] } }[];
  const assets = readdirSync(synth.outdir).filter((name) => name.startsWith('asset.') && existsSync(path.join(synth.outdir, name, 'config.json')));
  expect(assets).toHaveLength(1);
  const text = readFileSync(path.join(synth.outdir, assets[0]!, 'config.json'), 'utf8');
  const markers = Object.assign({}, ...deployment!.Properties.SourceMarkers) as Record<string, unknown>;
  const resolve = (value: unknown): unknown => {
    if (typeof value !== 'string' || !value.includes('<<marker:')) return value;
    const parts = value.split(/(<<marker:0xbaba:\d+>>)/).filter(Boolean).map((part) => markers[part] ?? part);
    return parts.length === 1 ? parts[0] : { 'Fn::Join': ['', parts] };
  };
  return Object.fromEntries(Object.entries(JSON.parse(text) as Record<string, unknown>).map(([key, value]) => [key, resolve(value)]));
}

describe('staff sign-in (Cognito)', () => {
  it('has no self sign-up, requires MFA and a strong password, and watches for threats', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: { MinimumLength: 14, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('has the four groups', () => {
    const groups = Object.values(synth.template.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['detainee', 'supervisor', 'tip', 'victim']);
  });

  it('lets the console sign in with the authorization code flow (PKCE), without a client secret', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('ConsoleDistribution'), 'DomainName'] }, '/']] }],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('the staff API', () => {
  it('declares exactly the routes of the route table, each behind the JWT authorizer', () => {
    const routes = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(Object.keys(STAFF_ROUTES).sort());
    for (const route of routes) expect(route.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: expect.anything() });
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: Match.stringLikeRegexp('ConsoleStaffConsole') }], Issuer: Match.anyValue() },
    });
  });

  it('logs access and throttles on its stage', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'api',
      AccessLogSettings: { DestinationArn: Match.anyValue() },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });

  it('may add audit events but never change or delete them', () => {
    const statements = Object.values(synth.template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
        Condition: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': ['AUDIT#*'] } },
      }),
    );
  });
});

describe('console hosting', () => {
  it('keeps the app in a private, encrypted, versioned bucket with access logs', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue() },
    });
  });

  it('keeps the access logs private and versioned, expiring with the log retention (deleted logs recoverable for 30 days)', () => {
    synth.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' })] },
    });
  });

  it('serves it through CloudFront with origin access control, HTTPS, CSP and HSTS, and the API at /api/*', () => {
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synth.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        },
      },
    });
    synth.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only', AllowedMethods: Match.arrayWith(['POST']) })],
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
  });

  it('deploys the console with its configuration: the API on the same origin, Cognito for sign-in', () => {
    synth.template.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
    const config = deployedConsoleConfig();
    // The keys console/src/config.ts reads in Cognito mode, each bound to the resource it names.
    expect(config).toEqual({
      mode: 'cognito',
      apiUrl: '/api',
      cognitoDomain: { 'Fn::Join': ['', ['https://', { Ref: logicalId('AWS::Cognito::UserPoolDomain') }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']] },
      clientId: { Ref: logicalId('AWS::Cognito::UserPoolClient') },
      redirectUri: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId('AWS::CloudFront::Distribution'), 'DomainName'] }, '/']] },
      // Times are shown in the zone of the lines' hours (config.json's timeZone, console/src/i18n.ts).
      timeZone: 'America/New_York',
    });
    // The users pool client lets Cognito send staff back to exactly that address.
    const [client] = Object.values(synth.template.findResources('AWS::Cognito::UserPoolClient')) as { Properties: { CallbackURLs: unknown[] } }[];
    expect(client!.Properties.CallbackURLs).toContainEqual(config.redirectUri);
  });

  it('shows times in the zone of the hours the line is configured with', () => {
    const hours = { ...DEFAULT_HOURS, tip: { ...DEFAULT_HOURS.tip, timeZone: 'America/Chicago' } };
    const chicago = synthApp({ 'enlace:hours': JSON.stringify(hours) });
    const [asset] = readdirSync(chicago.outdir).filter((name) => existsSync(path.join(chicago.outdir, name, 'config.json')));
    expect(JSON.parse(readFileSync(path.join(chicago.outdir, asset!, 'config.json'), 'utf8'))).toMatchObject({ timeZone: 'America/Chicago' });
  });

  it("gives the intake router the console's address, so a Connect task links to its intake (the same origin staff sign in at)", () => {
    const router = Object.entries(synth.template.findResources('AWS::Lambda::Function')).find(([id]) => id.startsWith('IntakeRouter'))!;
    const variables = (router[1] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;
    expect(variables.CONSOLE_URL).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [logicalId('AWS::CloudFront::Distribution'), 'DomainName'] }]] });
  });
});
