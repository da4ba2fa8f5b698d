/**
 * A function's AWS credentials in Lambda: its execution role's, which Lambda puts in the
 * environment of every function (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
 *
 * The function bundles use this in place of the SDK's default credential chain: the build of
 * infra/bundle.ts aliases `@aws-sdk/credential-provider-node` to this file.
 * The chain's other sources (profiles, SSO, web identity, process, container and instance
 * metadata, each with its STS or SSO client) never apply in Lambda and were about a sixth of
 * every bundle. Nothing else imports this file: the tests and the local runtime, unbundled, keep
 * the SDK's own chain.
 */

export interface EnvironmentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  credentialScope?: string;
  accountId?: string;
}

/** Same name and shape as the SDK's `defaultProvider`: the clients call it with their config. */
export function defaultProvider(_init: unknown = {}): () => Promise<EnvironmentCredentials> {
  return async () => {
    const env = process.env;
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      const error = new Error('No AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY): Lambda sets them for the execution role');
      error.name = 'CredentialsProviderError';
      throw error;
    }
    return {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      ...(env.AWS_CREDENTIAL_EXPIRATION ? { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) } : {}),
      ...(env.AWS_CREDENTIAL_SCOPE ? { credentialScope: env.AWS_CREDENTIAL_SCOPE } : {}),
      ...(env.AWS_ACCOUNT_ID ? { accountId: env.AWS_ACCOUNT_ID } : {}),
    };
  };
}
