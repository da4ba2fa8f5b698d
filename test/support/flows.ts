import { DEFAULT_FLOW_OPTIONS, hotlineFlows, type FlowName } from '../../shared/flows/hotline';
import type { FlowAction, FlowDocument } from '../../shared/flows/flow-language';
import { localFlowResources } from '../../local/voice';

export function localFlows(): Record<FlowName, FlowDocument> {
  return hotlineFlows(localFlowResources(), DEFAULT_FLOW_OPTIONS);
}

/** Every action an action can go to next. */
export function successors(action: FlowAction): string[] {
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  return [...new Set([NextAction, ...Conditions.map((c) => c.NextAction), ...Errors.map((e) => e.NextAction)].filter((id): id is string => !!id))];
}
