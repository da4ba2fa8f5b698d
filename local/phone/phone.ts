// The console's palette, type and banner, so both pages look and read alike; phone.css adds the phone's layout.
import '../../console/src/styles.css';
import './phone.css';
import type { LocalTask } from '../../shared/adapters/local/task-router';
import type { LiveCallView } from '../call-session';
import type { TranscriptEntry } from '../flow-interpreter';

/**
 * The local phone: a keypad that calls the running hotline (local/phone-routes.ts) a key at a
 * time, its prompts as text and as speech in their language, the call's transcript beside it,
 * and a text thread with the intake number. Never part of the deployed console.
 */

type CallView = LiveCallView & { tasks: LocalTask[] };
type Thread = { number: string; intakeNumber: string; thread: { direction: 'in' | 'out'; text: string; at: string }[] };

const POLL_MS = 1500;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];
/** The voices' languages (Joanna en-US, Lupe es-US): what speechSynthesis is asked to speak in. */
const SPEECH_LANGUAGE = { en: 'en-US', es: 'es-US' } as const;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void)> = {},
  ...children: (Node | string | null | false)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

async function send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(answer.message ?? `${response.status}`);
  return answer;
}

// The caller: their number and the time to pretend.
const fromInput = h('input', { id: 'from', type: 'tel', value: '+12025550143', autocomplete: 'off', 'aria-describedby': 'from-hint' });
const atInput = h('input', { id: 'at', type: 'datetime-local', 'aria-describedby': 'at-hint' });
const speakInput = h('input', { id: 'speak', type: 'checkbox', checked: true });
const status = h('p', { id: 'call-status', role: 'status', 'aria-live': 'polite' }, 'Not in a call.');
const dial = h('button', { type: 'button', onclick: () => void startCall() }, 'Call the hotline');
const hangUp = h('button', { type: 'button', class: 'secondary', disabled: true, onclick: () => void endCall() }, 'Hang up');
// A staff member takes the call waiting in the queue: what Connect's contact event then tells call-events.
const agentAnswer = h('button', { type: 'button', class: 'secondary', disabled: true, onclick: () => void agentAnswers() }, 'An agent answers');
const silence = h('button', { type: 'button', class: 'secondary', disabled: true, onclick: () => void press('timeout') }, 'Say nothing');
const typed = h('output', { id: 'typed', 'aria-live': 'polite' });
const keypad = h('div', { class: 'keypad', role: 'group', 'aria-label': 'Keypad' }, ...KEYS.map((key) => h('button', { type: 'button', disabled: true, onclick: () => void keyPressed(key) }, key)));
const heard = h('ol', { id: 'heard', class: 'heard' });
const transcript = h('ol', { id: 'transcript', class: 'transcript', 'aria-label': 'Transcript' });
const details = h('dl', { id: 'details', class: 'details' });
const thread = h('ol', { id: 'thread', class: 'thread' });
const message = h('textarea', { id: 'message', rows: '3' });
const textStatus = h('p', { role: 'status' });

let call: CallView | undefined;
let buffer = '';
let busy = false;
let spokenPrompts = 0;

function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null);
}

function caller(): string {
  return fromInput.value.trim();
}

function setInCall(inCall: boolean): void {
  dial.disabled = inCall;
  hangUp.disabled = !inCall;
  if (!inCall) agentAnswer.disabled = true;
  silence.disabled = !inCall;
  for (const button of Array.from(keypad.querySelectorAll('button'))) button.disabled = !inCall;
  fromInput.disabled = inCall;
  atInput.disabled = inCall;
}

function describeEntry(entry: TranscriptEntry): string {
  switch (entry.type) {
    case 'flow':
      return `flow ${entry.flow.split('/').pop()}`;
    case 'prompt':
      return `${entry.action}: says (${entry.language}, ${entry.voice}) “${entry.text}”`;
    case 'input':
      return `${entry.action}: caller keyed ${entry.keys ?? '(nothing)'}`;
    case 'attributes':
      return `${entry.action}: set ${Object.entries(entry.set).map(([name, value]) => `${name}=${value}`).join(', ')}`;
    case 'lambda':
      return `${entry.action}: call-intake ${entry.parameters.action ?? ''} → ${entry.error ? `failed: ${entry.error}` : JSON.stringify(entry.response)}`;
    case 'queue':
      return `${entry.action}: working queue ${entry.queue}`;
    case 'transfer':
      return `transferred to the queue ${entry.queue}`;
    case 'callback':
      return `callback to ${entry.number} from ${entry.queue}`;
    case 'disconnect':
      return `${entry.action}: disconnected`;
  }
}

function speak(text: string, language: 'en' | 'es'): void {
  if (!speakInput.checked || !('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = SPEECH_LANGUAGE[language];
  const voice = speechSynthesis.getVoices().find((candidate) => candidate.lang === utterance.lang);
  if (voice) utterance.voice = voice;
  speechSynthesis.speak(utterance);
}

function show(view: CallView): void {
  call = view;
  const prompts = view.entries.filter((entry): entry is Extract<TranscriptEntry, { type: 'prompt' }> => entry.type === 'prompt');
  for (const prompt of prompts.slice(spokenPrompts)) {
    heard.append(h('li', { lang: prompt.language }, prompt.text));
    speak(prompt.text, prompt.language);
  }
  spokenPrompts = prompts.length;
  transcript.replaceChildren(...view.entries.map((entry) => h('li', { class: entry.type }, describeEntry(entry))));
  transcript.lastElementChild?.scrollIntoView({ block: 'nearest' });

  const rows: [string, string][] = [['Call from', view.from], ['Time of the call', view.startedAt]];
  if (view.referenceNumber) rows.push(['Reference number', view.referenceNumber]);
  if (view.waitingIn) rows.push(['Queue', view.waitingIn]);
  for (const [name, value] of Object.entries(view.attributes)) rows.push([`Attribute ${name}`, value]);
  for (const task of view.tasks) rows.push(['Callback task', `${task.name}${task.scheduledFor ? `, scheduled for ${task.scheduledFor}` : ''}`]);
  details.replaceChildren(...rows.flatMap(([name, value]) => [h('dt', {}, name), h('dd', {}, value)]));

  agentAnswer.disabled = !(view.waitingIn && view.state === 'waiting');
  if (view.state === 'waiting') {
    status.textContent = view.expects === 'digits' ? 'The hotline waits for digits: key them in and end with #.' : 'The hotline waits for a key.';
    if (view.waitingIn) status.textContent += ` You are waiting in the queue ${view.waitingIn}.`;
  } else {
    status.textContent = view.state === 'hung-up' ? 'You hung up.' : 'The call has ended.';
    setInCall(false);
  }
}

async function startCall(): Promise<void> {
  heard.replaceChildren();
  spokenPrompts = 0;
  buffer = '';
  typed.textContent = '';
  setInCall(true);
  status.textContent = 'Calling…';
  try {
    show(await send<CallView>('POST', '/local/calls', { from: caller(), ...(atInput.value ? { at: new Date(atInput.value).toISOString() } : {}) }));
  } catch (error) {
    status.textContent = `The call failed: ${(error as Error).message}`;
    setInCall(false);
  }
}

function keyPressed(key: string): void {
  if (!call || call.state !== 'waiting') return;
  if (call.expects !== 'digits') return void press(key);
  // Digits the flow stores: keyed in one by one, sent with the #.
  buffer += key;
  typed.textContent = `Keyed: ${buffer}`;
  if (key === '#') {
    const digits = buffer;
    buffer = '';
    void press(digits);
  }
}

async function press(keys: string): Promise<void> {
  if (!call || busy) return;
  busy = true;
  window.speechSynthesis?.cancel();
  try {
    show(await send<CallView>('POST', `/local/calls/${call.id}/keys`, { keys }));
    typed.textContent = '';
  } catch (error) {
    status.textContent = (error as Error).message;
  } finally {
    busy = false;
  }
}

async function agentAnswers(): Promise<void> {
  if (!call) return;
  window.speechSynthesis?.cancel();
  try {
    const view = await send<CallView>('POST', `/local/calls/${call.id}/answer`);
    show(view);
    agentAnswer.disabled = true;
    status.textContent = 'An agent answered: the wait is on the intake.';
  } catch (error) {
    status.textContent = (error as Error).message;
  }
}

async function endCall(): Promise<void> {
  if (!call) return;
  window.speechSynthesis?.cancel();
  show(await send<CallView>('POST', `/local/calls/${call.id}/hang-up`));
}

/** Tasks are made by the hotline's next pass: look again while the page is open. */
async function refreshCall(): Promise<void> {
  if (!call || busy) return;
  const view = await send<CallView>('GET', `/local/calls/${call.id}`);
  if (!busy && JSON.stringify(view.tasks) !== JSON.stringify(call.tasks)) show(view);
}

let shownThread = '';
async function refreshThread(): Promise<void> {
  const number = caller();
  if (!number) return;
  const answer = await send<Thread>('GET', `/local/texts?number=${encodeURIComponent(number)}`).catch(() => undefined);
  if (!answer) return;
  const key = JSON.stringify(answer.thread);
  if (key === shownThread) return;
  shownThread = key;
  thread.replaceChildren(
    ...answer.thread.map((text) =>
      h('li', { class: text.direction }, h('span', { class: 'who' }, text.direction === 'in' ? 'You: ' : 'Hotline: '), text.text),
    ),
  );
}

async function sendText(event: Event): Promise<void> {
  event.preventDefault();
  const text = message.value.trim();
  if (!text) {
    textStatus.textContent = 'Write a message first.';
    return;
  }
  textStatus.textContent = 'Sending…';
  try {
    const answer = await send<{ replies: { text: string }[] }>('POST', '/local/texts', { from: caller(), text });
    message.value = '';
    textStatus.textContent = answer.replies.length ? `Sent. ${answer.replies.length} ${answer.replies.length === 1 ? 'reply' : 'replies'}.` : 'Sent. No reply.';
    await refreshThread();
  } catch (error) {
    textStatus.textContent = `Not sent: ${(error as Error).message}`;
  }
}

document.getElementById('phone')!.replaceChildren(
  h(
    'div',
    { class: 'columns' },
    h(
      'div',
      { class: 'handset' },
      h(
        'section',
        { 'aria-labelledby': 'caller-heading' },
        h('h2', { id: 'caller-heading' }, 'You'),
        field('from', 'Your phone number', fromInput, 'The number the hotline sees, for calls and texts.'),
        field('at', 'Time of the call', atInput, 'Leave empty for now; pick a weekend or a night to hear the after-hours path.'),
        h('div', { class: 'field inline' }, speakInput, h('label', { for: 'speak' }, 'Speak the prompts aloud')),
      ),
      h(
        'section',
        { 'aria-labelledby': 'call-heading' },
        h('h2', { id: 'call-heading' }, 'Call'),
        h('div', { class: 'actions' }, dial, hangUp, agentAnswer, silence),
        status,
        keypad,
        typed,
        h('h3', { id: 'heard-heading' }, 'What you hear'),
        // A log (a live region that reads out what is added): the prompts, for screen readers too.
        h('div', { role: 'log', 'aria-labelledby': 'heard-heading' }, heard),
      ),
      h(
        'section',
        { 'aria-labelledby': 'texts-heading' },
        h('h2', { id: 'texts-heading' }, 'Texts to the intake number'),
        h('div', { role: 'log', 'aria-label': 'Text thread' }, thread),
        h(
          'form',
          { onsubmit: (event: Event) => void sendText(event) },
          field('message', 'Your message', message),
          h('button', { type: 'submit' }, 'Send text'),
        ),
        textStatus,
      ),
    ),
    h(
      'section',
      { class: 'live', 'aria-labelledby': 'transcript-heading' },
      h('h2', { id: 'transcript-heading' }, 'Live transcript'),
      details,
      transcript,
    ),
  ),
);

fromInput.addEventListener('change', () => {
  shownThread = '';
  void refreshThread();
});
setInterval(() => {
  void refreshThread();
  void refreshCall().catch(() => undefined);
}, POLL_MS);
void refreshThread();
