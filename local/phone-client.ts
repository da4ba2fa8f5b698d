import type { LocalTask } from '../shared/adapters/local/task-router';
import type { LiveCallView } from './call-session';
import type { CallTranscript } from './flow-interpreter';
import type { TexterSession, TextExchange } from './texting';

/** The CLIs' side of the phone routes (local/phone-routes.ts): calling and texting a running hotline. */

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(`${new URL(url).pathname}: ${response.status} ${answer.message ?? ''}`.trim());
  return answer;
}

type CallView = LiveCallView & { tasks: LocalTask[]; transcript?: CallTranscript };

/** A scripted call, a key at a time, then silence to the end of the call (as runCall plays a script). */
export async function callRunningHotline(
  hotline: string,
  call: { from: string; keys: string[]; hold: number; at?: string },
): Promise<{ transcript: CallTranscript; tasks: LocalTask[] }> {
  let view = await post<CallView>(`${hotline}/local/calls`, { from: call.from, hold: call.hold, ...(call.at ? { at: call.at } : {}) });
  for (const keys of call.keys) {
    if (view.state !== 'waiting') break;
    view = await post<CallView>(`${hotline}/local/calls/${view.id}/keys`, { keys });
  }
  const finished = await post<CallView>(`${hotline}/local/calls/${view.id}/finish`, {});
  if (!finished.transcript) throw new Error('the running hotline did not finish the call');
  return { transcript: finished.transcript, tasks: finished.tasks };
}

export async function textRunningHotline(hotline: string, from: string, text: string): Promise<TextExchange & { session: TexterSession }> {
  return post(`${hotline}/local/texts`, { from, text });
}
