import * as z from 'zod';
import { toE164 } from '../shared/domain/phone';
import type { LocalTask } from '../shared/adapters/local/task-router';
import { parseCommandLine } from './args';
import { runCall, type CallTranscript, type TranscriptEntry } from './flow-interpreter';
import { callRunningHotline } from './phone-client';
import { findRunningHotline } from './running-hotline';
import { startServices } from './services';

const USAGE = `Usage: npm run call -- [--from +1NNNNNNNNNN] [--at ISO-TIME] [--keys K ...] [--hold N] [--url URL | --data DIR] [--json]

Dials the hotline: runs the generated entry flow in the local flow interpreter, invoking the
real call-intake function against local DynamoDB, and prints what the caller hears. Calls the
hotline npm start runs when there is one (its intakes show in its console at once); otherwise
starts a hotline of its own for the call.

  --from     the caller's number (default +12025550143)
  --at       the time of the call, for the hours check (default: now)
  --keys     what the caller keys in, one entry per question: a key, digits ending in #,
             or "timeout" for silence (default: silence everywhere)
  --hold     how many hold messages play before a staff member answers (default 1)
  --url      the running hotline to call (default: the one npm start announced, if any)
  --data     use the data kept in DIR (as npm start --data DIR), through npm start if it runs on DIR
  --json     print the transcript as JSON

Example: npm run call -- --keys 2 1 --json   (Spanish, then detainee inquiry)`;

const OptionsSchema = z.object({
  from: z.string().refine((value) => toE164(value) !== undefined, 'not a phone number').default('+12025550143'),
  at: z.iso.datetime({ offset: true }).optional(),
  hold: z.coerce.number().int().min(0).max(20).default(1),
  data: z.string().min(1).optional(),
  url: z.url().optional(),
});

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  let options: z.infer<typeof OptionsSchema>;
  try {
    parsed = parseCommandLine(process.argv.slice(2), { values: ['from', 'at', 'hold', 'data', 'url'], flags: ['json', 'help'], lists: ['keys'] });
    if (parsed.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.positionals.length) throw new Error(`unexpected ${parsed.positionals.join(' ')}`);
    options = OptionsSchema.parse(parsed.options);
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') : (error as Error).message;
    console.error(`${message}\n\n${USAGE}`);
    return 2;
  }

  if (options.url && options.data) {
    console.error(`--url and --data: the running hotline keeps its own data\n\n${USAGE}`);
    return 2;
  }
  const keys = parsed.lists.keys ?? [];
  const running = await findRunningHotline({ ...(options.url ? { url: options.url } : {}), ...(options.data ? { dataDir: options.data } : {}) });
  if (running) {
    console.error(`(calling the hotline running at ${running})`);
    const { transcript, tasks } = await callRunningHotline(running, { from: toE164(options.from)!, keys, hold: options.hold, ...(options.at ? { at: options.at } : {}) });
    console.log(parsed.flags.has('json') ? JSON.stringify({ ...transcript, tasks }, null, 2) : describe(transcript, tasks));
    return 0;
  }

  const at = options.at ? new Date(options.at) : undefined;
  const services = await startServices({ ...(options.data ? { dataDir: options.data } : {}), ...(at ? { clock: () => at } : {}) });
  try {
    const transcript = await runCall({ ...services.voice.environment, holdCycles: options.hold }, services.voice.entryFlow, {
      from: toE164(options.from)!,
      keys,
    });
    // What the stream would do next in AWS: a callback becomes a task scheduled for opening time.
    await services.routeDue();
    const tasks = transcript.referenceNumber
      ? (await services.outbox.list<LocalTask>('task')).filter((task) => task.intakeId === transcript.referenceNumber)
      : [];
    console.log(parsed.flags.has('json') ? JSON.stringify({ ...transcript, tasks }, null, 2) : describe(transcript, tasks));
    return 0;
  } finally {
    await services.stop();
  }
}

function describe(transcript: CallTranscript, tasks: LocalTask[]): string {
  const lines = [`Call from ${transcript.from} at ${transcript.startedAt}`];
  for (const entry of transcript.entries) lines.push(describeEntry(entry));
  const outcome = transcript.outcome;
  lines.push(
    '',
    outcome.type === 'disconnected' ? 'Outcome: the call ended' : outcome.type === 'callback' ? `Outcome: callback from queue ${outcome.queue}` : `Outcome: answered in queue ${outcome.queue}`,
  );
  if (transcript.referenceNumber) lines.push(`Reference number: ${transcript.referenceNumber}`);
  for (const task of tasks) lines.push(`Task: ${task.name}${task.scheduledFor ? `, scheduled for ${task.scheduledFor}` : ''}`);
  return lines.join('\n');
}

function describeEntry(entry: TranscriptEntry): string {
  switch (entry.type) {
    case 'flow':
      return `  [flow ${entry.flow.split('/').pop()}]`;
    case 'prompt':
      return `  ${entry.language.toUpperCase()}  ${entry.text}`;
    case 'input':
      return `  >>  ${entry.keys ?? '(no input)'}`;
    case 'attributes':
      return `  ==  ${Object.entries(entry.set).map(([name, value]) => `${name}=${value}`).join(' ')}`;
    case 'lambda':
      return `  fn  call-intake ${entry.parameters.action}: ${entry.error ? `failed (${entry.error})` : JSON.stringify(entry.response)}`;
    case 'queue':
      return `  ->  working queue ${entry.queue}`;
    case 'transfer':
      return `  ->  transferred to ${entry.queue}`;
    case 'callback':
      return `  <-  callback to ${entry.number} from ${entry.queue}`;
    case 'disconnect':
      return '  --  disconnected';
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error((error as Error).message);
  return 1;
});
