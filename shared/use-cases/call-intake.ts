import * as z from '../domain/schema';
import { InvalidInputError, parseOrThrow } from '../domain/errors';
import { callSummary, type CallRecord } from '../domain/call-record';
import { nextOpening, type HoursByCategory } from '../domain/hours';
import { queueKeyOf } from '../domain/queues';
import { toE164 } from '../domain/phone';
import { isReferenceNumber } from '../domain/reference-number';
import { CategorySchema, LanguageSchema } from '../domain/taxonomy';
import type { Clock } from '../ports/clock';
import type { IntakeStore } from '../ports/intake-store';
import { registerByVoice, type RegisterDeps } from './victim-notices';

/** What a contact flow asks of the call-intake function (its LambdaInvocationAttributes). */
export const CallIntakeRequestSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('create'),
    category: CategorySchema,
    language: LanguageSchema,
    anonymous: z._default(z.enum(['true', 'false']), 'false'),
  }),
  z.object({ action: z.literal('status'), referenceNumber: z.string().check(z.maxLength(40)) }),
  z.object({ action: z.literal('register'), caseNumber: z.string().check(z.maxLength(40)), language: LanguageSchema }),
  z.object({
    action: z.literal('callback'),
    category: CategorySchema,
    language: LanguageSchema,
    callbackNumber: z.string().check(z.maxLength(40)),
  }),
]);
export type CallIntakeRequest = z.infer<typeof CallIntakeRequestSchema>;

export interface CallIntakeInput {
  contactId: string;
  /** The caller's number as Connect reports it; may be absent or withheld. */
  callerNumber: string | undefined;
  request: unknown;
  /**
   * The contact's attributes, as Connect passes them to the function (ContactData.Attributes,
   * https://docs.aws.amazon.com/lambda/latest/dg/services-connect.html): the
   * flow sets `menu` to `none` when no menu choice was made (the general route).
   */
  attributes?: Record<string, string>;
}

export interface CallIntakeDeps {
  store: Pick<IntakeStore, 'appendEvent' | 'create' | 'get'>;
  hours: HoursByCategory;
  clock: Clock;
  registrations: RegisterDeps['registrations'];
  texters: RegisterDeps['texters'];
}

/** A flat map of strings: what Connect's STRING_MAP response validation accepts. */
export type CallIntakeResult = Record<string, string>;

/**
 * The call-intake function's work. `create` records the call as an intake (idempotent on the
 * ContactId, which Connect keeps across its retries); `status` answers a reference number with a
 * status only; `callback` records an after-hours callback due when the line opens.
 */
export async function callIntake(input: CallIntakeInput, deps: CallIntakeDeps): Promise<CallIntakeResult> {
  const request = parseOrThrow(CallIntakeRequestSchema, 'call-intake request', input.request);
  switch (request.action) {
    case 'create': {
      const anonymous = request.category === 'tip' && request.anonymous === 'true';
      // A withheld or malformed caller ID is not a reason to refuse the call: store no number.
      const phone = anonymous ? undefined : input.callerNumber && toE164(input.callerNumber);
      const call: CallRecord = {
        type: 'call',
        route: routeOf(input),
        ...(request.category === 'tip' ? { anonymity: anonymous ? 'anonymous' : 'left_number' } : {}),
        queueKey: queueKeyOf(request.category, request.language),
      };
      const { intake, created } = await deps.store.create({
        sourceKey: input.contactId,
        category: request.category,
        language: request.language,
        channel: 'voice',
        anonymous,
        summary: callSummary(call),
        ...(phone ? { phone } : {}),
      }, { entry: call, actor: 'caller' });
      return { result: created ? 'created' : 'existing', referenceNumber: intake.id, queueKey: intake.queueKey };
    }
    case 'status': {
      // Keys arrive as typed, maybe with the # that ended them: the check digit rules out a
      // typo before anything is looked up.
      const typed = request.referenceNumber.replace(/[#\s]/g, '');
      if (!isReferenceNumber(typed)) return { result: 'invalid' };
      const intake = await deps.store.get(typed);
      return intake ? { result: 'found', status: intake.status } : { result: 'not_found' };
    }
    case 'register':
      return registerByVoice({ contactId: input.contactId, callerNumber: input.callerNumber, caseNumber: request.caseNumber, language: request.language }, { ...deps, intakes: deps.store });
    case 'callback': {
      const phone = toE164(request.callbackNumber);
      if (!phone) throw new InvalidInputError('callback', [{ field: 'callbackNumber', message: 'not a valid phone number' }]);
      // The flow passes either the number the call came from or one the caller keyed in.
      const keyed = phone !== (input.callerNumber && toE164(input.callerNumber));
      const call: CallRecord = {
        type: 'call',
        route: routeOf(input),
        callback: { numberLast4: phone.slice(-4), keyed },
        queueKey: queueKeyOf(request.category, request.language),
      };
      const now = deps.clock();
      const callbackAt = nextOpening(deps.hours[request.category], now) ?? now;
      const { intake, created } = await deps.store.create({
        // One callback per call, however often Connect retries the invocation.
        sourceKey: `${input.contactId}:callback`,
        category: request.category,
        language: request.language,
        channel: 'voice',
        phone,
        callbackAt: callbackAt.toISOString(),
        summary: callSummary(call),
      }, { entry: call, actor: 'caller' });
      return { result: created ? 'registered' : 'existing', referenceNumber: intake.id, callbackAt: intake.callbackAt ?? callbackAt.toISOString() };
    }
  }
}

function routeOf(input: CallIntakeInput): CallRecord['route'] {
  return input.attributes?.menu === 'none' ? 'general' : 'menu';
}
