import { STAFF_GROUPS, type StaffGroup, type StaffMember } from '../../domain/permissions';

/**
 * The staff member behind a request, from the JWT claims as API Gateway's JWT authorizer passes
 * them (the local runtime passes its own tokens' claims the same way). API Gateway flattens an
 * array claim such as cognito:groups into one bracketed string, "[tip supervisor]".
 */
export function staffFromClaims(claims: Record<string, unknown>): StaffMember | undefined {
  const username = [claims['cognito:username'], claims.username, claims.sub].find((value) => typeof value === 'string' && value.length > 0);
  if (typeof username !== 'string') return undefined;
  // origin_jti: the same for every token refreshed from one sign-in (the refresh token's id):
  // https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html
  const session = typeof claims.origin_jti === 'string' && claims.origin_jti ? { session: claims.origin_jti } : {};
  return { username, groups: parseGroups(claims['cognito:groups']), ...session };
}

/**
 * Group names, split on whitespace only: Cognito group names cannot contain it, but may contain
 * commas, so a group named "x,supervisor" is that one group, not supervisor
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html).
 */
export function parseGroups(claim: unknown): StaffGroup[] {
  const names = Array.isArray(claim) ? claim.map(String) : typeof claim === 'string' ? claim.replace(/^\[|\]$/g, '').split(/\s+/) : [];
  return STAFF_GROUPS.filter((group) => names.includes(group));
}
