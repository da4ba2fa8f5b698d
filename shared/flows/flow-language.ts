import * as z from 'zod';

/**
 * The subset of the Amazon Connect flow language (Version 2019-10-30) that enlace generates,
 * as strict as Connect is about it: per action type its parameters and their ranges, the error
 * branches it must and may declare, the conditions it takes, and the flow types it is allowed
 * in. Every generated flow is checked against this when it is rendered (FlowBuilder.build), and
 * the local interpreter executes exactly these action types.
 *
 * Source of each rule: the action's page of the flow-language reference,
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 * (pages named below), and the flow-block pages of the administrator guide.
 */

/** The Connect flow types enlace deploys. */
export type FlowType = 'CONTACT_FLOW' | 'CUSTOMER_QUEUE';
const ANY_FLOW: readonly FlowType[] = ['CONTACT_FLOW', 'CUSTOMER_QUEUE'];

// Up to 50 characters, none of % : ( \ / ) = $ , ; [ ] { }
export const IdentifierSchema = z
  .string()
  .min(1)
  .max(50)
  .regex(/^[^%:()\\/=$,;[\]{}]+$/, 'an action identifier without % : ( \\ / ) = $ , ; [ ] { }');

/** A whole number written as a string, within a range (flow-language numbers are strings). */
const integer = (min: number, max = Number.MAX_SAFE_INTEGER, what = 'a whole number') =>
  z
    .string()
    .regex(/^\d+$/, `${what}, as a string`)
    .refine((value) => Number(value) >= min && Number(value) <= max, `${what} from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);
const JsonPath = z.string().regex(/^\$\.[A-Za-z][A-Za-z0-9_.]*$/, 'a single JSONPath such as $.Attributes.name');
const Bool = z.enum(['True', 'False']);

/**
 * Text-to-speech limits: Polly reads at most 3,000 billed characters (SSML tags are not billed)
 * and 6,000 in all, and pauses at most 10 seconds per <break>.
 * https://docs.aws.amazon.com/polly/latest/dg/limits.html
 * https://docs.aws.amazon.com/polly/latest/dg/supportedtags.html#break-tag
 */
export const PROMPT_LIMITS = { totalCharacters: 6000, billedCharacters: 3000, breakSeconds: 10 } as const;
const billed = (ssml: string) => ssml.replace(/<[^>]+>/g, '').length;
const breaksWithin = (ssml: string) =>
  [...ssml.matchAll(/<break time="(\d+(?:\.\d+)?)(ms|s)"\s*\/>/g)].every(([, amount, unit]) => Number(amount) / (unit === 'ms' ? 1000 : 1) <= PROMPT_LIMITS.breakSeconds);
const SsmlSchema = z
  .string()
  .startsWith('<speak>')
  .endsWith('</speak>')
  .max(PROMPT_LIMITS.totalCharacters, `at most ${PROMPT_LIMITS.totalCharacters} characters of SSML`)
  .refine((ssml) => billed(ssml) <= PROMPT_LIMITS.billedCharacters, `at most ${PROMPT_LIMITS.billedCharacters} characters of speech`)
  .refine(breaksWithin, `a <break> of at most ${PROMPT_LIMITS.breakSeconds} seconds`);

/** A prompt is text or SSML, never both (participant-actions-messageparticipant.html). */
const PromptSchema = z.union([
  z.object({ Text: z.string().min(1).max(PROMPT_LIMITS.billedCharacters) }).strict(),
  z.object({ SSML: SsmlSchema }).strict(),
]);

/** What Connect checks about keys a caller entered and stored (participant-actions-getparticipantinput.html). */
export const InputValidationSchema = z.union([
  z.object({ CustomValidation: z.object({ MaximumLength: integer(1, Number.MAX_SAFE_INTEGER, 'a maximum length') }).strict() }).strict(),
  z.object({ PhoneNumberValidation: z.object({ NumberFormat: z.literal('Local'), CountryCode: z.string().regex(/^[A-Z]{2}$/) }).strict() }).strict(),
]);

/** "Up to five digits to serve as the terminating sequence"; a * in it needs the cancel key disabled. */
const DtmfConfigurationSchema = z
  .object({ InputTerminationSequence: z.string().regex(/^[0-9#*]{1,5}$/, 'a terminating sequence of 1 to 5 keys'), DisableCancelKey: Bool })
  .strict()
  .refine((dtmf) => !dtmf.InputTerminationSequence.includes('*') || dtmf.DisableCancelKey === 'True', 'a * in the terminating sequence needs DisableCancelKey "True"');

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

const action = <T extends string, P extends z.ZodType>(type: T, parameters: P) =>
  z.object({ Identifier: IdentifierSchema, Type: z.literal(type), Parameters: parameters, Transitions: TransitionsSchema }).strict();

const GetParticipantInputParameters = z.intersection(
  PromptSchema,
  z.union([
    // InputTimeLimitSeconds: "a valid integer larger than zero".
    z.object({ InputTimeLimitSeconds: integer(1, 180, 'an input time limit'), StoreInput: z.literal('False') }).strict(),
    z
      .object({
        InputTimeLimitSeconds: integer(1, 180, 'an input time limit'),
        StoreInput: z.literal('True'),
        // "required if and only if StoreInput is True"
        InputValidation: InputValidationSchema,
        DTMFConfiguration: DtmfConfigurationSchema,
      })
      .strict(),
  ]),
);

export const ActionSchema = z.discriminatedUnion('Type', [
  action('UpdateFlowLoggingBehavior', z.object({ FlowLoggingBehavior: z.enum(['Enabled', 'Disabled']) }).strict()),
  action('UpdateContactTextToSpeechVoice', z.object({ TextToSpeechVoice: z.string().min(1), TextToSpeechEngine: z.literal('Neural') }).strict()),
  action('UpdateContactData', z.object({ LanguageCode: z.enum(['en-US', 'es-US']) }).strict()),
  action('UpdateContactAttributes', z.object({ Attributes: z.record(z.string(), z.string()), TargetContact: z.literal('Current') }).strict()),
  // "Only one entry may be present in this map."
  action('UpdateContactEventHooks', z.object({ EventHooks: z.object({ CustomerQueue: z.string().min(1) }).strict() }).strict()),
  action('MessageParticipant', PromptSchema),
  action('GetParticipantInput', GetParticipantInputParameters),
  action('CheckHoursOfOperation', z.object({ HoursOfOperationId: z.string().min(1) }).strict()),
  action(
    'InvokeLambdaFunction',
    z
      .object({
        LambdaFunctionARN: z.string().min(1),
        // "Must be greater than 0, no larger than 8, and an integer."
        InvocationTimeLimitSeconds: integer(1, 8, 'a Lambda time limit'),
        InvocationType: z.literal('SYNCHRONOUS'),
        LambdaInvocationAttributes: z.record(z.string(), z.string()),
        ResponseValidation: z.object({ ResponseType: z.literal('STRING_MAP') }).strict(),
      })
      .strict(),
  ),
  action('Compare', z.object({ ComparisonValue: JsonPath }).strict()),
  action('UpdateContactTargetQueue', z.object({ QueueId: z.string().min(1) }).strict()),
  action('TransferContactToQueue', z.object({}).strict()),
  action('TransferToFlow', z.object({ ContactFlowId: z.string().min(1) }).strict()),
  // "Must be a single, valid JSONPath reference, and cannot be set statically."
  action('UpdateContactCallbackNumber', z.object({ CallbackNumber: JsonPath }).strict()),
  action(
    'CreateCallbackContact',
    z
      .object({
        // Delays: "larger than 0, no greater than 259,200 (three days)"; attempts: "larger than zero".
        InitialCallDelaySeconds: integer(1, 259_200, 'a callback delay'),
        MaximumConnectionAttempts: integer(1, Number.MAX_SAFE_INTEGER, 'a number of attempts'),
        RetryDelaySeconds: integer(1, 259_200, 'a retry delay'),
      })
      .strict(),
  ),
  action(
    'MessageParticipantIteratively',
    // The interrupt must be over 20 s, the time an agent has to accept the contact (loop-prompts.html).
    z.object({ Messages: z.array(PromptSchema).min(1), InterruptFrequencySeconds: integer(21, 3600, 'an interrupt period over 20 seconds') }).strict(),
  ),
  // Without QueueId, the contact's target queue; without QueueChannel, every channel together.
  action('GetMetricData', z.object({ QueueId: z.string().min(1).optional(), QueueChannel: z.enum(['Voice', 'Chat']).optional() }).strict()),
  action('EndFlowExecution', z.object({}).strict()),
  action('DisconnectParticipant', z.object({}).strict()),
]);
export type FlowAction = z.infer<typeof ActionSchema>;
export type ActionType = FlowAction['Type'];
type ActionOf<T extends ActionType> = Extract<FlowAction, { Type: T }>;

/** What Connect requires of an action type beyond its parameters. */
export interface ActionRules<T extends ActionType = ActionType> {
  /** Error branches the action must declare. */
  requiredErrors: (action: ActionOf<T>) => readonly string[];
  /** Error branches it may declare as well; any other is refused. */
  optionalErrors?: (action: ActionOf<T>) => readonly string[];
  conditions: 'none' | 'keys' | 'hours' | 'interrupted' | 'any';
  /** A terminal action has no transitions at all. */
  terminal?: boolean;
  /** Where Connect allows it. */
  flowTypes: readonly FlowType[];
}

const none = () => [] as const;
const noMatchingError = () => ['NoMatchingError'] as const;
const CONTACT_ONLY: readonly FlowType[] = ['CONTACT_FLOW'];
const QUEUE_ONLY: readonly FlowType[] = ['CUSTOMER_QUEUE'];

export const ACTION_RULES: { [T in ActionType]: ActionRules<T> } = {
  // flow-control-actions-updateflowloggingbehavior.html: no errors, every flow type.
  UpdateFlowLoggingBehavior: { requiredErrors: none, conditions: 'none', flowTypes: ANY_FLOW },
  // contact-actions-updatecontacttexttospeechvoice.html: "Errors: None", every flow type.
  UpdateContactTextToSpeechVoice: { requiredErrors: none, conditions: 'none', flowTypes: ANY_FLOW },
  UpdateContactData: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  // contact-actions-updatecontactattributes.html: any type of flow.
  UpdateContactAttributes: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  UpdateContactEventHooks: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  // participant-actions-messageparticipant.html: contact, transfer, whisper and customer queue flows.
  MessageParticipant: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  // participant-actions-getparticipantinput.html: NoMatchingError "must always be defined";
  // NoMatchingCondition "only if StoreInput is False"; InvalidPhoneNumber "only if StoreInput is
  // true, and PhoneNumberValidation is specified". A menu also handles its timeout
  // (InputTimeLimitExceeded, the "Timeout" branch of the Get customer input block); stored input
  // has none: silence succeeds with the value "Timeout" (store-customer-input.html).
  GetParticipantInput: {
    requiredErrors: (a) =>
      a.Parameters.StoreInput === 'False'
        ? ['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError']
        : 'PhoneNumberValidation' in a.Parameters.InputValidation
          ? ['InvalidPhoneNumber', 'NoMatchingError']
          : ['NoMatchingError'],
    conditions: 'keys',
    flowTypes: ANY_FLOW,
  },
  // flow-control-actions-checkhoursofoperation.html: exactly True and False; inbound, transfer, queue flows.
  CheckHoursOfOperation: { requiredErrors: noMatchingError, conditions: 'hours', flowTypes: ANY_FLOW },
  // interactions-invokelambdafunction.html: all flow types.
  InvokeLambdaFunction: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  // flow-control-actions-compare.html: NoMatchingCondition only.
  Compare: { requiredErrors: () => ['NoMatchingCondition'], conditions: 'any', flowTypes: ANY_FLOW },
  // contact-actions-updatecontacttargetqueue.html: "not supported in ... customer queue flows".
  UpdateContactTargetQueue: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: CONTACT_ONLY },
  // contact-actions-transfercontacttoqueue.html: inbound and transfer flows only.
  TransferContactToQueue: { requiredErrors: () => ['QueueAtCapacity', 'NoMatchingError'], conditions: 'none', flowTypes: CONTACT_ONLY },
  // flow-control-actions-transfertoflow.html: not in customer queue flows.
  TransferToFlow: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: CONTACT_ONLY },
  // contact-actions-updatecontactcallbacknumber.html: contact, transfer and customer queue flows.
  UpdateContactCallbackNumber: { requiredErrors: () => ['InvalidCallbackNumber', 'CallbackNumberNotDialable'], conditions: 'none', flowTypes: ANY_FLOW },
  // interactions-createcallbackcontact.html: contact, transfer and customer queue flows.
  CreateCallbackContact: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  // participant-actions-messageparticipantiteratively.html: customer queue and hold flows; only
  // Equals MessagesInterrupted; NoMatchingError (a chat contact takes it at once).
  MessageParticipantIteratively: { requiredErrors: noMatchingError, conditions: 'interrupted', flowTypes: QUEUE_ONLY },
  // flow-control-actions-getmetricdata.html: every flow type, no conditions.
  GetMetricData: { requiredErrors: noMatchingError, conditions: 'none', flowTypes: ANY_FLOW },
  // flow-control-actions-endflowexecution.html: "always a terminal action", whisper and customer queue flows only.
  EndFlowExecution: { requiredErrors: none, conditions: 'none', terminal: true, flowTypes: QUEUE_ONLY },
  // participant-actions-disconnectparticipant.html: no errors, "can be used everywhere".
  DisconnectParticipant: { requiredErrors: none, conditions: 'none', terminal: true, flowTypes: ANY_FLOW },
};

/**
 * Blocks that may not come before Loop prompts (loop-prompts.html, "Configuration tips"): in a
 * customer queue flow the way back to the loop is End flow / Resume, as in Amazon's sample
 * interruptible queue flow (sample-interruptible-queue.html).
 */
const NOT_BEFORE_LOOP_PROMPTS: ReadonlySet<ActionType> = new Set(['GetParticipantInput', 'MessageParticipant', 'TransferContactToQueue']);

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

/** Every reason Connect would refuse this flow as a flow of this type; empty when it is valid. */
export function flowProblems(flow: unknown, type: FlowType): string[] {
  const parsed = FlowDocumentSchema.safeParse(flow);
  if (!parsed.success) return parsed.error.issues.flatMap((issue) => describeIssue(issue, flow));
  const problems: string[] = [];
  for (const action of parsed.data.Actions) {
    if (!ACTION_RULES[action.Type].flowTypes.includes(type)) problems.push(`${action.Identifier}: ${action.Type} is not allowed in a ${type} flow`);
  }
  problems.push(...loopPromptProblems(parsed.data));
  return problems;
}

/**
 * An issue as a sentence naming the action ("Menu-1 (GetParticipantInput) Parameters.X: ..."); of
 * the alternatives of a union (a prompt is Text or SSML...), the closest one's issues.
 */
function describeIssue(issue: z.core.$ZodIssue, flow: unknown, path: readonly PropertyKey[] = issue.path): string[] {
  if (issue.code === 'invalid_union' && issue.errors.length) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
    return closest.flatMap((inner) => describeIssue(inner, flow, [...path, ...inner.path]));
  }
  const [root, index, ...rest] = path;
  const action = root === 'Actions' && typeof index === 'number' ? (flow as { Actions: { Identifier?: unknown; Type?: unknown }[] }).Actions[index] : undefined;
  const where = action ? `${String(action.Identifier)} (${String(action.Type)}) ${rest.map(String).join('.')}` : path.map(String).join('.');
  return [`${where}: ${issue.message}`];
}

export class FlowValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`The flow would be refused by Amazon Connect:\n  ${problems.join('\n  ')}`);
    this.name = 'FlowValidationError';
  }
}

/** The flow, checked; throws FlowValidationError with every problem found. */
export function validateFlow(flow: FlowDocument, type: FlowType): FlowDocument {
  const problems = flowProblems(flow, type);
  if (problems.length) throw new FlowValidationError(problems);
  return flow;
}

/** Every action an action can go to next. */
export function successorsOf(action: FlowAction): string[] {
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  return [...new Set([NextAction, ...Conditions.map((c) => c.NextAction), ...Errors.map((e) => e.NextAction)].filter((id): id is string => !!id))];
}

/** No prompt, input or queue transfer may lead (directly or through other actions) into Loop prompts. */
function loopPromptProblems(flow: FlowDocument): string[] {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  const problems: string[] = [];
  for (const start of flow.Actions.filter((action) => NOT_BEFORE_LOOP_PROMPTS.has(action.Type))) {
    const seen = new Set<string>();
    const queue = successorsOf(start);
    while (queue.length) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const next = byId.get(id);
      if (!next) continue;
      if (next.Type === 'MessageParticipantIteratively') {
        problems.push(`${start.Identifier}: a ${start.Type} leads back into the Loop prompts ${id}; end with EndFlowExecution instead`);
        break;
      }
      queue.push(...successorsOf(next));
    }
  }
  return problems;
}

/** What is wrong with an action's transitions: unknown targets, missing or forbidden branches, conditions. */
function branchProblems(action: FlowAction, ids: Set<string>): string[] {
  const problems: string[] = [];
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  const rules = ACTION_RULES[action.Type] as ActionRules;
  for (const target of successorsOf(action)) if (!ids.has(target)) problems.push(`transition to unknown action ${target}`);

  if (rules.terminal) {
    if (NextAction || Conditions.length || Errors.length) problems.push(`a ${action.Type} is terminal: it has no transitions`);
    return problems;
  }
  if (!NextAction && rules.conditions !== 'interrupted') problems.push('no NextAction');

  const required = rules.requiredErrors(action);
  const allowed = new Set([...required, ...(rules.optionalErrors?.(action) ?? [])]);
  const declared = Errors.map((error) => error.ErrorType);
  for (const type of required) if (!declared.includes(type)) problems.push(`${action.Type} must handle the error ${type}`);
  for (const type of declared) if (!allowed.has(type)) problems.push(`${action.Type} has no error ${type}`);
  if (new Set(declared).size !== declared.length) problems.push('an error branch is declared twice');

  const operands = Conditions.map((c) => c.Condition.Operands[0]);
  const operators = new Set(Conditions.map((c) => c.Condition.Operator));
  switch (rules.conditions) {
    case 'none':
      if (Conditions.length) problems.push(`${action.Type} has no conditions`);
      break;
    case 'keys':
      if (action.Type === 'GetParticipantInput' && action.Parameters.StoreInput === 'True' && Conditions.length) problems.push('stored input has no conditions');
      if (operands.some((operand) => !/^[0-9*#]$/.test(operand)) || [...operators].some((operator) => operator !== 'Equals')) {
        problems.push('menu conditions are single keys compared with Equals');
      }
      break;
    case 'hours':
      if (operands.length !== 2 || !operands.includes('True') || !operands.includes('False') || [...operators].some((operator) => operator !== 'Equals')) {
        problems.push('an hours check has exactly the conditions Equals True and Equals False');
      }
      break;
    case 'interrupted':
      if (operands.some((operand) => operand !== 'MessagesInterrupted') || [...operators].some((operator) => operator !== 'Equals')) {
        problems.push('loop prompts branch only on Equals MessagesInterrupted');
      }
      break;
    case 'any':
      if (!Conditions.length) problems.push('a comparison needs conditions');
      break;
  }
  return problems;
}
