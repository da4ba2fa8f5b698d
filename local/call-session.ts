import { randomUUID } from 'node:crypto';
import { runCall, type CallScript, type CallTranscript, type FlowEnvironment, type TranscriptEntry } from './flow-interpreter';

/**
 * A call that happens one key press at a time (the phone page, `npm run call` against a running
 * hotline), on top of the interpreter's one public entry point, `runCall`, which plays a whole
 * call from a script.
 *
 * Each step replays the call from the start with the keys pressed so far and cuts the transcript
 * where the flow asks for the next key: that is what the caller has heard. Replays are
 * deterministic: the session's clock is fixed and every function call the caller has already
 * reached is answered from memory. A function call the flow would make only after the next key
 * press (if the caller stayed silent) is never made: while replaying, a call the session has not
 * made yet fails, and is made for real, then replayed, only when it comes before the cut.
 */

export type CallState =
  /** The flow waits for a key: the last prompt is the question. */
  | { type: 'waiting' }
  | { type: 'ended'; transcript: CallTranscript }
  | { type: 'hung-up' };

export interface LiveCallView {
  id: string;
  from: string;
  startedAt: string;
  state: CallState['type'];
  /** What happened so far: prompts, key presses, attributes, function calls, queue. */
  entries: TranscriptEntry[];
  attributes: Record<string, string>;
  outcome?: CallTranscript['outcome'];
  referenceNumber?: string;
  /** The queue the call waits in, once it is transferred. */
  waitingIn?: string;
  /** While waiting: one key (a menu), or digits ending in # (a number, stored by the flow). */
  expects?: 'key' | 'digits';
}

interface Invocation {
  functionArn: string;
  /** The event without the contact id, which changes from replay to replay. */
  fingerprint: string;
  result: { response: unknown } | { error: Error };
}

/** Connect's longest wait for a function (InvocationTimeLimitSeconds at most 8):
 * https://docs.aws.amazon.com/connect/latest/adminguide/invoke-lambda-function-block.html */
const FUNCTION_TIME_LIMIT_MS = 8000;

class NotYetInvoked extends Error {}

export class LiveCall {
  readonly id = randomUUID();
  private readonly keys: string[] = [];
  private readonly invocations: Invocation[] = [];
  private view: LiveCallView;
  private state: CallState = { type: 'waiting' };
  /** Steps run one at a time: a key pressed twice quickly is two presses, in order. */
  private stepping = Promise.resolve();

  constructor(
    private readonly environment: FlowEnvironment,
    private readonly entryFlow: string,
    private readonly from: string,
  ) {
    this.view = { id: this.id, from, startedAt: environment.clock().toISOString(), state: 'waiting', entries: [], attributes: {} };
  }

  /** Dials: plays the flow up to its first question. */
  start(): Promise<LiveCallView> {
    return this.step(() => undefined);
  }

  /** A key, digits ending in #, or "timeout" (the caller says nothing). */
  press(keys: string): Promise<LiveCallView> {
    return this.step(() => {
      if (this.state.type !== 'waiting') throw new CallOverError(this.state.type);
      this.keys.push(keys);
    });
  }

  /** The caller stays silent to the end: the call goes wherever silence takes it. */
  finish(): Promise<LiveCallView> {
    if (this.state.type === 'ended') return Promise.resolve(this.view);
    return this.step(() => {
      if (this.state.type !== 'waiting') throw new CallOverError(this.state.type);
    }, true);
  }

  hangUp(): LiveCallView {
    if (this.state.type === 'waiting') this.state = { type: 'hung-up' };
    this.view = { ...this.view, state: this.state.type };
    return this.view;
  }

  current(): LiveCallView {
    return this.view;
  }

  /** The whole call as `runCall` reports it, once it has ended. */
  transcript(): CallTranscript | undefined {
    return this.state.type === 'ended' ? this.state.transcript : undefined;
  }

  private step(change: () => void, toTheEnd = false): Promise<LiveCallView> {
    const result = this.stepping.then(async () => {
      change();
      await this.replay(toTheEnd);
      return this.view;
    });
    this.stepping = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async replay(toTheEnd: boolean): Promise<void> {
    for (;;) {
      let index = 0;
      let pending: { functionArn: string; event: unknown; fingerprint: string } | undefined;
      const environment: FlowEnvironment = {
        ...this.environment,
        invoke: async (functionArn, event) => {
          const fingerprint = JSON.stringify(withoutContactId(event));
          const known = this.invocations[index++];
          if (!known) {
            pending ??= { functionArn, event, fingerprint };
            throw new NotYetInvoked('not invoked yet');
          }
          if (known.functionArn !== functionArn || known.fingerprint !== fingerprint) throw new Error('the call took another path on replay');
          if ('error' in known.result) throw known.result.error;
          return known.result.response;
        },
      };
      const script: CallScript = { from: this.from, keys: this.keys };
      const transcript = await runCall(environment, this.entryFlow, script);
      const cut = toTheEnd ? transcript.entries.length : nthInput(transcript.entries, this.keys.length);
      const pendingAt = nthLambda(transcript.entries, this.invocations.length);
      if (pending && pendingAt < cut) {
        this.invocations.push({ functionArn: pending.functionArn, fingerprint: pending.fingerprint, result: await this.invoke(pending.functionArn, pending.event) });
        continue;
      }
      const entries = transcript.entries.slice(0, cut);
      const ended = cut === transcript.entries.length;
      const final: CallTranscript = { ...transcript, contactId: this.id, entries };
      this.state = ended ? { type: 'ended', transcript: final } : { type: 'waiting' };
      this.view = describe(this.view, final, this.state);
      if (!ended) this.view.expects = this.expects(entries);
      return;
    }
  }

  /** What the question at the cut takes, from the flow document itself (its last prompt is the question's). */
  private expects(entries: TranscriptEntry[]): 'key' | 'digits' {
    const flow = entries.findLast((entry) => entry.type === 'flow');
    const question = entries.at(-1);
    const action =
      flow?.type === 'flow' && question?.type === 'prompt'
        ? this.environment.flows.get(flow.flow)?.Actions.find((candidate) => candidate.Identifier === question.action)
        : undefined;
    return action?.Type === 'GetParticipantInput' && action.Parameters.StoreInput === 'True' ? 'digits' : 'key';
  }

  /** The real function, with the session's contact id: the same on every replay, as Connect's is for one call. */
  private async invoke(functionArn: string, event: unknown): Promise<Invocation['result']> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const response = await Promise.race([
        this.environment.invoke(functionArn, withContactId(event, this.id)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${FUNCTION_TIME_LIMIT_MS} ms`)), FUNCTION_TIME_LIMIT_MS);
        }),
      ]);
      return { response };
    } catch (error) {
      return { error: error as Error };
    } finally {
      clearTimeout(timer);
    }
  }
}

export class CallOverError extends Error {
  constructor(state: string) {
    super(`the call has ${state === 'hung-up' ? 'been hung up' : 'ended'}`);
    this.name = 'CallOverError';
  }
}

function describe(previous: LiveCallView, transcript: CallTranscript, state: CallState): LiveCallView {
  const referenceNumber = [...transcript.entries]
    .reverse()
    .flatMap((entry) => (entry.type === 'attributes' && entry.set.referenceNumber ? [entry.set.referenceNumber] : []))[0];
  const transfer = transcript.entries.findLast((entry) => entry.type === 'transfer');
  const attributes = Object.assign({}, ...transcript.entries.flatMap((entry) => (entry.type === 'attributes' ? [entry.set] : []))) as Record<string, string>;
  return {
    id: previous.id,
    from: previous.from,
    startedAt: previous.startedAt,
    state: state.type,
    entries: transcript.entries,
    attributes,
    ...(state.type === 'ended' ? { outcome: transcript.outcome } : {}),
    ...(referenceNumber ? { referenceNumber } : {}),
    ...(transfer?.type === 'transfer' ? { waitingIn: transfer.queue } : {}),
  };
}

/** Where the flow asks for the (n+1)th input: the cut. The whole call when it asks no more. */
function nthInput(entries: TranscriptEntry[], n: number): number {
  let seen = 0;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]!.type === 'input' && seen++ === n) return i;
  }
  return entries.length;
}

/** The position of the (n+1)th function call in the transcript, or the end. */
function nthLambda(entries: TranscriptEntry[], n: number): number {
  let seen = 0;
  for (let i = 0; i < entries.length; i++) {
    if (entries[i]!.type === 'lambda' && seen++ === n) return i;
  }
  return entries.length;
}

type ContactFlowEvent = { Details: { ContactData: { ContactId: string; InitialContactId: string } } };

function withoutContactId(event: unknown): unknown {
  return withContactId(event, '');
}

function withContactId(event: unknown, contactId: string): unknown {
  const typed = event as ContactFlowEvent;
  return { ...typed, Details: { ...typed.Details, ContactData: { ...typed.Details.ContactData, ContactId: contactId, InitialContactId: contactId } } };
}
