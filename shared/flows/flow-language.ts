import * as z from 'zod';

/**
 * The subset of the Amazon Connect flow language (Version 2019-10-30) that enlace generates,
 * as a zod schema: every generated flow must parse, and the local interpreter executes exactly
 * these action types.
 */

// Up to 50 characters, none of % : ( \ / ) = $ , ; [ ] { }
export const IdentifierSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[^%:()\\/=$,;[\]{}]+$/, 'an action identifier without % : ( \\ / ) = $ , ; [ ] { }');

const Seconds = z.string().regex(/^\d+$/, 'a whole number of seconds, as a string');

/** What Connect checks about keys a caller entered and stored. */
export const InputValidationSchema = z.union([
  z.object({ CustomValidation: z.object({ MaximumLength: Seconds }).strict() }).strict(),
  z.object({ PhoneNumberValidation: z.object({ NumberFormat: z.literal('Local'), CountryCode: z.string() }).strict() }).strict(),
]);
const Bool = z.enum(['True', 'False']);

const ConditionSchema = z
  .object({
    NextAction: IdentifierSchema,
    Condition: z.object({ Operator: z.enum(['Equals', 'NumberGreaterThan', 'NumberLessThan']), Operands: z.tuple([z.string()]) }).strict(),
  })
  .strict();
const ErrorSchema = z.object({ NextAction: IdentifierSchema, ErrorType: z.string() }).strict();

const TransitionsSchema = z
  .object({
    NextAction: IdentifierSchema.optional(),
    Conditions: z.array(ConditionSchema).optional(),
    Errors: z.array(ErrorSchema).optional(),
  })
  .strict();
export type Transitions = z.infer<typeof TransitionsSchema>;

/** A prompt is text or SSML, never both. */
const PromptSchema = z.union([z.object({ Text: z.string().min(1) }).strict(), z.object({ SSML: z.string().startsWith('<speak>') }).strict()]);

const action = <T extends string, P extends z.ZodType>(type: T, parameters: P) =>
  z.object({ Identifier: IdentifierSchema, Type: z.literal(type), Parameters: parameters, Transitions: TransitionsSchema }).strict();

export const ActionSchema = z.discriminatedUnion('Type', [
  action('UpdateFlowLoggingBehavior', z.object({ FlowLoggingBehavior: z.literal('Enabled') }).strict()),
  action(
    'UpdateContactTextToSpeechVoice',
    z.object({ TextToSpeechVoice: z.string(), TextToSpeechEngine: z.literal('Neural') }).strict(),
  ),
  action('UpdateContactData', z.object({ LanguageCode: z.enum(['en-US', 'es-US']) }).strict()),
  action('UpdateContactAttributes', z.object({ Attributes: z.record(z.string(), z.string()), TargetContact: z.literal('Current') }).strict()),
  action('UpdateContactEventHooks', z.object({ EventHooks: z.object({ CustomerQueue: z.string() }).strict() }).strict()),
  action('MessageParticipant', PromptSchema),
  action(
    'GetParticipantInput',
    z.intersection(
      PromptSchema,
      z.union([
        z.object({ InputTimeLimitSeconds: Seconds, StoreInput: z.literal('False') }).strict(),
        z
          .object({
            InputTimeLimitSeconds: Seconds,
            StoreInput: z.literal('True'),
            InputValidation: InputValidationSchema,
            DTMFConfiguration: z.object({ InputTerminationSequence: z.string(), DisableCancelKey: Bool }).strict(),
          })
          .strict(),
      ]),
    ),
  ),
  action('CheckHoursOfOperation', z.object({ HoursOfOperationId: z.string() }).strict()),
  action(
    'InvokeLambdaFunction',
    z
      .object({
        LambdaFunctionARN: z.string(),
        InvocationTimeLimitSeconds: Seconds,
        InvocationType: z.literal('SYNCHRONOUS'),
        LambdaInvocationAttributes: z.record(z.string(), z.string()),
        ResponseValidation: z.object({ ResponseType: z.literal('STRING_MAP') }).strict(),
      })
      .strict(),
  ),
  action('Compare', z.object({ ComparisonValue: z.string().startsWith('$.') }).strict()),
  action('UpdateContactTargetQueue', z.object({ QueueId: z.string() }).strict()),
  action('TransferContactToQueue', z.object({}).strict()),
  action('TransferToFlow', z.object({ ContactFlowId: z.string() }).strict()),
  action('UpdateContactCallbackNumber', z.object({ CallbackNumber: z.string().startsWith('$.') }).strict()),
  action(
    'CreateCallbackContact',
    z.object({ InitialCallDelaySeconds: Seconds, MaximumConnectionAttempts: Seconds, RetryDelaySeconds: Seconds }).strict(),
  ),
  action('MessageParticipantIteratively', z.object({ Messages: z.array(PromptSchema).min(1), InterruptFrequencySeconds: Seconds }).strict()),
  action('GetMetricData', z.object({ QueueId: z.string() }).strict()),
  action('DisconnectParticipant', z.object({}).strict()),
]);
export type FlowAction = z.infer<typeof ActionSchema>;
export type ActionType = FlowAction['Type'];

/** The error branches each action type may declare, and the conditions it may have. */
export const BRANCHES: Record<ActionType, { errors: readonly string[]; conditions: 'none' | 'digits' | 'any' | 'hours' | 'interrupted' }> = {
  UpdateFlowLoggingBehavior: { errors: [], conditions: 'none' },
  UpdateContactTextToSpeechVoice: { errors: ['NoMatchingError'], conditions: 'none' },
  UpdateContactData: { errors: ['NoMatchingError'], conditions: 'none' },
  UpdateContactAttributes: { errors: ['NoMatchingError'], conditions: 'none' },
  UpdateContactEventHooks: { errors: ['NoMatchingError'], conditions: 'none' },
  MessageParticipant: { errors: ['NoMatchingError'], conditions: 'none' },
  GetParticipantInput: { errors: ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError', 'InvalidPhoneNumber'], conditions: 'digits' },
  CheckHoursOfOperation: { errors: ['NoMatchingError'], conditions: 'hours' },
  InvokeLambdaFunction: { errors: ['NoMatchingError'], conditions: 'none' },
  Compare: { errors: ['NoMatchingCondition'], conditions: 'any' },
  UpdateContactTargetQueue: { errors: ['NoMatchingError'], conditions: 'none' },
  TransferContactToQueue: { errors: ['QueueAtCapacity', 'NoMatchingError'], conditions: 'none' },
  TransferToFlow: { errors: ['NoMatchingError'], conditions: 'none' },
  UpdateContactCallbackNumber: { errors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'], conditions: 'none' },
  CreateCallbackContact: { errors: ['NoMatchingError'], conditions: 'none' },
  MessageParticipantIteratively: { errors: ['NoMatchingError'], conditions: 'interrupted' },
  GetMetricData: { errors: ['NoMatchingError'], conditions: 'none' },
  DisconnectParticipant: { errors: [], conditions: 'none' },
};

export const FlowDocumentSchema = z
  .object({
    Version: z.literal('2019-10-30'),
    StartAction: IdentifierSchema,
    Metadata: z.record(z.string(), z.unknown()),
    Actions: z.array(ActionSchema).min(1).max(250),
  })
  .strict()
  .superRefine((flow, ctx) => {
    const ids = new Set<string>();
    for (const [index, action] of flow.Actions.entries()) {
      if (ids.has(action.Identifier)) {
        ctx.addIssue({ code: 'custom', path: ['Actions', index, 'Identifier'], message: `duplicate identifier ${action.Identifier}` });
      }
      ids.add(action.Identifier);
    }
    if (!ids.has(flow.StartAction)) ctx.addIssue({ code: 'custom', path: ['StartAction'], message: `no action ${flow.StartAction}` });
    for (const [index, action] of flow.Actions.entries()) {
      for (const problem of branchProblems(action, ids)) {
        ctx.addIssue({ code: 'custom', path: ['Actions', index, 'Transitions'], message: `${action.Identifier}: ${problem}` });
      }
    }
  });
export type FlowDocument = z.infer<typeof FlowDocumentSchema>;

/** What is wrong with an action's transitions: unknown targets, branches its type cannot have. */
function branchProblems(action: FlowAction, ids: Set<string>): string[] {
  const problems: string[] = [];
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  const rules = BRANCHES[action.Type];
  const targets = [NextAction, ...Conditions.map((c) => c.NextAction), ...Errors.map((e) => e.NextAction)].filter(Boolean);
  for (const target of targets) if (!ids.has(target!)) problems.push(`transition to unknown action ${target}`);
  for (const error of Errors) if (!rules.errors.includes(error.ErrorType)) problems.push(`${action.Type} has no error ${error.ErrorType}`);

  const operands = Conditions.map((c) => c.Condition.Operands[0]);
  if (action.Type === 'DisconnectParticipant' && (NextAction || Conditions.length || Errors.length)) {
    problems.push('a disconnect has no transitions');
  }
  if (action.Type !== 'DisconnectParticipant' && !NextAction && rules.conditions !== 'interrupted') {
    problems.push('no NextAction');
  }
  switch (rules.conditions) {
    case 'none':
      if (Conditions.length) problems.push(`${action.Type} has no conditions`);
      break;
    case 'digits':
      if (operands.some((operand) => !/^[0-9*#]$/.test(operand))) problems.push('menu conditions are single keys');
      break;
    case 'hours':
      if (operands.length !== 2 || !operands.includes('True') || !operands.includes('False')) {
        problems.push('an hours check has exactly the conditions True and False');
      }
      break;
    case 'interrupted':
      if (operands.some((operand) => operand !== 'MessagesInterrupted')) problems.push('loop prompts branch only on MessagesInterrupted');
      break;
    case 'any':
      if (!Conditions.length) problems.push('a comparison needs conditions');
      break;
  }
  if (action.Type === 'GetParticipantInput' && action.Parameters.StoreInput === 'True' && Conditions.length) {
    problems.push('stored input has no conditions');
  }
  return problems;
}
