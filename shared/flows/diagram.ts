import type { FlowAction, FlowDocument } from './flow-language';

/** How each action type reads on the diagram. */
const SHAPES: Partial<Record<FlowAction['Type'], (label: string) => string>> = {
  GetParticipantInput: (label) => `[/"${label}"/]`,
  CheckHoursOfOperation: (label) => `{"${label}"}`,
  Compare: (label) => `{"${label}"}`,
  InvokeLambdaFunction: (label) => `[["${label}"]]`,
  TransferContactToQueue: (label) => `(["${label}"])`,
  TransferToFlow: (label) => `(["${label}"])`,
  DisconnectParticipant: (label) => `(["${label}"])`,
  EndFlowExecution: (label) => `(["${label}"])`,
};

/** Retries ("Menu-2", "Menu-NoInput-3") are drawn once, as their first attempt. */
const condensed = (id: string) => id.replace(/-\d+$/, '');

const BRANCH_LABELS: Record<string, string> = {
  InputTimeLimitExceeded: 'no input',
  NoMatchingCondition: 'other',
  NoMatchingError: 'error',
  QueueAtCapacity: 'full',
  InvalidPhoneNumber: 'invalid',
  InvalidCallbackNumber: 'invalid',
  CallbackNumberNotDialable: 'invalid',
};

const OPERATOR_LABELS: Record<string, string> = { Equals: '', NumberGreaterThan: '> ', NumberLessThan: '< ' };

/** For these types the plain next action is where the action goes when it fails. */
const FALLBACK_LABELS: Partial<Record<FlowAction['Type'], string>> = {
  TransferToFlow: 'failed',
  TransferContactToQueue: 'failed',
  CheckHoursOfOperation: 'error',
  Compare: 'other',
  GetParticipantInput: 'other',
};

/**
 * A Mermaid flowchart of a flow, drawn from the JSON itself so it cannot drift from what is
 * deployed. Attempts of the same question are merged; each edge is labelled with its keys or
 * branches.
 */
export function flowDiagram(flow: FlowDocument, title: string): string {
  const nodeId = (id: string) => condensed(id).replace(/[^A-Za-z0-9]/g, '_');
  const nodes = new Map<string, string>();
  const edges = new Map<string, Set<string>>();
  for (const action of flow.Actions) {
    const from = nodeId(action.Identifier);
    const shape = SHAPES[action.Type] ?? ((label: string) => `["${label}"]`);
    nodes.set(from, `${from}${shape(condensed(action.Identifier))}`);
    const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
    const branches: [string, string][] = [
      ...Conditions.map((c): [string, string] => [c.NextAction, `${OPERATOR_LABELS[c.Condition.Operator]}${c.Condition.Operands[0]}`]),
      // An error that goes where the action goes anyway is not worth a label.
      ...Errors.filter((e) => !(e.ErrorType === 'NoMatchingError' && e.NextAction === NextAction)).map(
        (e): [string, string] => [e.NextAction, BRANCH_LABELS[e.ErrorType] ?? e.ErrorType],
      ),
      ...(NextAction ? [[NextAction, FALLBACK_LABELS[action.Type] ?? ''] as [string, string]] : []),
    ];
    // Where a successful transfer leads, outside this flow.
    if (action.Type === 'TransferToFlow') {
      const flowName = action.Parameters.ContactFlowId.split('/').pop()!;
      nodes.set(nodeId(flowName), `${nodeId(flowName)}(("${flowName}"))`);
      branches.push([flowName, '']);
    }
    if (action.Type === 'TransferContactToQueue') {
      nodes.set('staff', 'staff(("a staff member"))');
      branches.push(['staff', '']);
    }
    for (const [target, label] of branches) {
      const to = nodeId(target);
      if (to === from) continue;
      const labels = edges.get(`${from} ${to}`) ?? new Set<string>();
      labels.add(label);
      edges.set(`${from} ${to}`, labels);
    }
  }
  const lines = [...edges].map(([key, labels]) => {
    const [from, to] = key.split(' ');
    const named = [...labels].filter(Boolean);
    return `  ${from} -->${named.length ? `|${named.join(' / ')}|` : ''} ${to}`;
  });
  return ['```mermaid', 'flowchart TD', `  start(("${title}")) --> ${nodeId(flow.StartAction)}`, ...[...nodes.values()].map((node) => `  ${node}`), ...lines, '```'].join('\n');
}
