/**
 * What kind of failure stopped an intake's Connect task, so staff read it in their words and not
 * as an SDK error. The router records `<error name>: <message>` (shared/use-cases/route-intakes.ts);
 * the names are StartTaskContact's errors in the Amazon Connect API reference
 * (https://docs.aws.amazon.com/connect/latest/APIReference/API_StartTaskContact.html#API_StartTaskContact_Errors)
 * and the SDK's own for a request that never got an answer.
 */
export type RoutingFailureKind = 'busy' | 'quota' | 'setup' | 'unavailable' | 'other';

const KIND_OF_ERROR: Readonly<Record<string, RoutingFailureKind>> = {
  ThrottlingException: 'busy',
  // "the number of open tasks exceeds the active tasks quota" (the same page).
  ServiceQuotaExceededException: 'quota',
  InvalidRequestException: 'setup',
  InvalidParameterException: 'setup',
  ResourceNotFoundException: 'setup',
  AccessDeniedException: 'setup',
  InternalServiceException: 'unavailable',
  TimeoutError: 'unavailable',
};

/** The error's name, as recorded before its first colon (`ThrottlingException`), if it has one. */
export function routingErrorName(error: string): string | undefined {
  return /^([A-Za-z][A-Za-z0-9]*):/.exec(error)?.[1];
}

export function routingFailureKind(error: string): RoutingFailureKind {
  const name = routingErrorName(error);
  return (name && Object.hasOwn(KIND_OF_ERROR, name) ? KIND_OF_ERROR[name] : undefined) ?? 'other';
}
