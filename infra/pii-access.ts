/**
 * Which function may do what with personal data: seal it (kms:GenerateDataKey on the PII key),
 * open it (kms:Decrypt on the PII key), fingerprint a number (kms:GenerateMac on the fingerprint
 * key) and derive source keys (kms:GenerateMac on the source key). Seal and open name the item
 * kinds (partition key prefixes of shared/adapters/dynamodb/keys.ts) whose sealed values the
 * function works with; the grant is per action, held to the vault's encryption-context names
 * (see DataKeys.grantPiiUse), and the kinds are for a condition on the context's pk, which the
 * IAM simulator cannot check yet. A function left out may do none of it.
 *
 * - call-intake seals the caller's number on an intake, a registration by voice and the texter
 *   asked to confirm it; it opens nothing.
 * - sms-intake seals the same and held texts, and opens held texts to answer them.
 * - sms-sender opens the texter's number to text it; notice-delivery a registrant's number and
 *   address to send the notice; staff-api an intake's number when staff reveal or reply to it
 *   (audited), and seals registrations staff enter and the texter asked to confirm.
 * - call-events derives the source key of a call's ContactId (to find the intake the call
 *   made, as call-intake derived it) and sees no number.
 * - intake-router and notice-fanout never see a number.
 */
export interface PiiAccess {
  seal?: readonly ItemKind[];
  open?: readonly ItemKind[];
  fingerprint?: true;
  sourceKeys?: true;
}

export type ItemKind = 'INTAKE' | 'CASE' | 'TEXTER' | 'HELD';

export const PII_ACCESS: Record<string, PiiAccess> = {
  'call-intake': { seal: ['INTAKE', 'CASE', 'TEXTER'], fingerprint: true, sourceKeys: true },
  'sms-intake': { seal: ['INTAKE', 'CASE', 'TEXTER', 'HELD'], open: ['HELD'], fingerprint: true, sourceKeys: true },
  'sms-sender': { open: ['TEXTER'] },
  'notice-delivery': { open: ['CASE'], fingerprint: true },
  'staff-api': { seal: ['CASE', 'TEXTER'], open: ['INTAKE'], fingerprint: true },
  'call-events': { sourceKeys: true },
  'intake-router': {},
  'notice-fanout': {},
};
