import { describe, expect, it } from 'vitest';
import { isStaffKey } from '../../../shared/domain/catalog/staff';
import { routingErrorName, routingFailureKind, type RoutingFailureKind } from '../../../shared/domain/routing-failure';

describe('why a Connect task could not be made', () => {
  it.each([
    ['ThrottlingException: Rate exceeded', 'busy'],
    ['ServiceQuotaExceededException: The service quota has been exceeded', 'quota'],
    ['InvalidRequestException: The request is not valid', 'setup'],
    ['InvalidParameterException: ContactFlowId is not valid', 'setup'],
    ['ResourceNotFoundException: Queue not found', 'setup'],
    ['AccessDeniedException: not authorized to perform connect:StartTaskContact', 'setup'],
    ['InternalServiceException: Request processing failed', 'unavailable'],
    ['TimeoutError: Connection timed out after 1000 ms', 'unavailable'],
    ['Error: connect ECONNREFUSED 127.0.0.1:443', 'other'],
    ['unknown error', 'other'],
    // A name every object has is not a kind.
    ['constructor: x', 'other'],
  ] as [string, RoutingFailureKind][])('%s is %s, a sentence of the staff catalog', (error, kind) => {
    expect(routingFailureKind(error)).toBe(kind);
    expect(isStaffKey(`routing.error.${kind}`)).toBe(true);
  });

  it('names the SDK error only when the record starts with one', () => {
    expect(routingErrorName('ThrottlingException: Rate exceeded')).toBe('ThrottlingException');
    expect(routingErrorName('unknown error')).toBeUndefined();
    expect(routingErrorName('a sentence: with a colon')).toBeUndefined();
  });
});
