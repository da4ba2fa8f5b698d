import { KMSClient } from '@aws-sdk/client-kms';
import * as z from '../../../domain/schema';
import { STAFF_DIRECTORY_DAYS } from '../../../domain/retention';
import type { Clock } from '../../../ports/clock';
import { documentClient, type SealedTableAccess } from '../../dynamodb/client';
import { KmsPiiVault } from '../../pii/kms-vault';
import { SDK_TIMEOUTS, readEnvironment } from '../function-environment';

const TableEnvironment = () =>
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    /** The PII key (DataKeys.piiKey): wraps the data keys of sealed values. */
    PII_KEY_ARN: z.string().check(z.minLength(1)),
    FINGERPRINT_KEY_ARN: z.string().check(z.minLength(1)),
    SOURCE_KEY_ARN: z.string().check(z.minLength(1)),
    // Set by the stack from its configuration (infra/config.ts): the one source of every period.
    INTAKE_RETENTION_DAYS: z.coerce.number().check(z.int(), z.positive()),
    TEXTER_RETENTION_DAYS: z.coerce.number().check(z.int(), z.positive()),
    AUDIT_RETENTION_DAYS: z.coerce.number().check(z.int(), z.positive()),
    /** Days a staff member stays in the directory (the assignment list) after their last request. */
    STAFF_DIRECTORY_DAYS: z._default(z.coerce.number().check(z.int(), z.positive()), STAFF_DIRECTORY_DAYS),
  });

export type TableVariables = z.output<ReturnType<typeof TableEnvironment>>;

/**
 * The table, through one client, one KMS client and one vault shared by the stores of a
 * function. Each store has its own factory in this folder, so that a function bundles (and
 * loads) only the stores it builds.
 */
export interface Table {
  vars: TableVariables;
  kms: KMSClient;
  shared: SealedTableAccess;
}

/** The clock is the caller's: a test or the local runtime decides what time it is, never this module. */
export function tableFromEnvironment(clock: Clock, env: NodeJS.ProcessEnv = process.env): Table {
  const vars = readEnvironment(TableEnvironment, env);
  const kms = new KMSClient(SDK_TIMEOUTS);
  const vault = new KmsPiiVault({ kms, encryptionKeyId: vars.PII_KEY_ARN, macKeyId: vars.FINGERPRINT_KEY_ARN });
  return { vars, kms, shared: { client: documentClient(SDK_TIMEOUTS), tableName: vars.TABLE_NAME, vault, clock } };
}
