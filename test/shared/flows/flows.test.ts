import { describe, expect, it } from 'vitest';
import { CATALOG, MESSAGE_KEYS } from '../../../shared/domain/catalog';
import { FlowDocumentSchema, type FlowAction, type FlowDocument } from '../../../shared/flows/flow-language';
import { FLOW_TYPES, type FlowName } from '../../../shared/flows/hotline';
import { localFlows, successors } from '../../support/flows';

const flows = localFlows();
const callerFlows: FlowName[] = ['entry', 'main-en', 'main-es', 'queue-en', 'queue-es'];

function byId(flow: FlowDocument): Map<string, FlowAction> {
  return new Map(flow.Actions.map((action) => [action.Identifier, action]));
}

function prompts(action: FlowAction): string[] {
  if (action.Type === 'MessageParticipant' || action.Type === 'GetParticipantInput') return ['SSML' in action.Parameters ? action.Parameters.SSML : action.Parameters.Text];
  if (action.Type === 'MessageParticipantIteratively') return action.Parameters.Messages.map((m) => ('SSML' in m ? m.SSML : m.Text));
  return [];
}

/** Actions that end a caller's journey here (the rest of it is another flow's or an agent's). */
const ENDS = new Set(['DisconnectParticipant', 'TransferContactToQueue', 'TransferToFlow', 'EndFlowExecution']);
/** Actions that wait for the caller (or an agent), so a cycle through them is not a runaway loop. */
const WAITS = new Set(['GetParticipantInput', 'MessageParticipantIteratively']);

describe('the generated flows', () => {
  it.each(Object.keys(flows) as FlowName[])('%s parses as the flow language, within Connect limits', (name) => {
    const result = FlowDocumentSchema.safeParse(flows[name]);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(JSON.stringify(flows[name]).length).toBeLessThanOrEqual(256_000);
    expect(flows[name].Actions.length).toBeLessThanOrEqual(250);
  });

  it('are refused when a transition points nowhere or an action type has a branch it cannot have', () => {
    const broken = structuredClone(flows['main-en']);
    broken.Actions[0]!.Transitions.NextAction = 'Nowhere';
    expect(FlowDocumentSchema.safeParse(broken).error?.issues[0]?.message).toContain('transition to unknown action Nowhere');
    const wrongError = structuredClone(flows['main-en']);
    const compare = wrongError.Actions.find((action) => action.Type === 'Compare')!;
    compare.Transitions.Errors = [{ NextAction: compare.Transitions.NextAction!, ErrorType: 'NoMatchingError' }];
    expect(FlowDocumentSchema.safeParse(wrongError).error?.issues[0]?.message).toContain('Compare must handle the error NoMatchingCondition');
  });

  it.each(Object.keys(flows) as FlowName[])('%s: every action is reachable from the start', (name) => {
    const actions = byId(flows[name]);
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      successors(actions.get(id)!).forEach(visit);
    };
    visit(flows[name].StartAction);
    expect([...actions.keys()].filter((id) => !seen.has(id))).toEqual([]);
  });

  it.each(callerFlows)('%s: every path ends in a transfer, a return to the queue, or a disconnect right after a prompt', (name) => {
    const actions = byId(flows[name]);
    const before = (id: string) => [...actions.values()].filter((candidate) => successors(candidate).includes(id));
    for (const action of actions.values()) {
      if (!ENDS.has(action.Type)) expect(successors(action).length, `${action.Identifier} leads nowhere`).toBeGreaterThan(0);
      if (action.Type !== 'DisconnectParticipant') continue;
      for (const previous of before(action.Identifier)) {
        // A queued callback is created after its confirmation was said, then the call ends.
        const prompt = previous.Type === 'CreateCallbackContact' ? before(previous.Identifier) : [previous];
        for (const said of prompt) expect(said.Type, `${said.Identifier} -> ${action.Identifier}`).toBe('MessageParticipant');
      }
    }
  });

  it.each(Object.keys(flows) as FlowName[])('%s: every loop waits for the caller', (name) => {
    const actions = byId(flows[name]);
    // With the waiting actions removed, what is left must have no cycle.
    const state = new Map<string, 'open' | 'done'>();
    const cycle = (id: string): boolean => {
      const action = actions.get(id)!;
      if (WAITS.has(action.Type) || state.get(id) === 'done') return false;
      if (state.get(id) === 'open') return true;
      state.set(id, 'open');
      const found = successors(action).some(cycle);
      state.set(id, 'done');
      return found;
    };
    expect([...actions.keys()].filter(cycle)).toEqual([]);
  });

  it('renders English and Spanish with identical structure', () => {
    const shape = (flow: FlowDocument) =>
      JSON.parse(
        JSON.stringify(flow)
          .replace(/"SSML":"(?:[^"\\]|\\.)*"/g, '"SSML":"…"')
          .replace(/main-(en|es)|queue-(en|es)|-(en|es)"/g, (match) => match.replace(/en|es/, 'xx'))
          .replace(/"(Joanna|Lupe)"/g, '"voice"')
          .replace(/"(en|es)-US"/g, '"xx-US"')
          .replace(/"language":"(en|es)"/g, '"language":"xx"'),
      );
    expect(shape(flows['main-es'])).toEqual(shape(flows['main-en']));
    expect(shape(flows['queue-es'])).toEqual(shape(flows['queue-en']));
  });

  it('speak only sentences of the catalog', () => {
    // Each catalog sentence as a pattern; placeholders match what was filled in.
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const sentences = (['en', 'es'] as const).flatMap((language) =>
      MESSAGE_KEYS.filter((key) => key.startsWith('voice.')).map((key) =>
        escape(CATALOG[language][key].replace(/&/g, '&amp;')).replace(/\\\{[A-Za-z]+\\\}/g, '(?:<say-as [^>]+>[^<]+</say-as>|[^<]+?)'),
      ),
    );
    const onlyCatalog = new RegExp(`^<speak>(?:(?:${sentences.join('|')}) ?)+</speak>$`);
    for (const name of callerFlows) {
      for (const action of flows[name].Actions) {
        // Language parts and pauses are markup around catalog sentences.
        const sentencesOnly = (prompt: string) => prompt.replace(/<lang xml:lang="[a-z]{2}-US">|<\/lang>|<break time="\d+s"\/>/g, '');
        for (const prompt of prompts(action)) expect(sentencesOnly(prompt), `${name} / ${action.Identifier}`).toMatch(onlyCatalog);
      }
    }
  });

  it('have the Connect types they are deployed as', () => {
    expect(FLOW_TYPES).toEqual({
      entry: 'CONTACT_FLOW',
      'main-en': 'CONTACT_FLOW',
      'main-es': 'CONTACT_FLOW',
      'queue-en': 'CUSTOMER_QUEUE',
      'queue-es': 'CUSTOMER_QUEUE',
      task: 'CONTACT_FLOW',
    });
  });
});
