import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { toE164 } from '../shared/domain/phone';
import { parseCommandLine } from './args';
import { textRunningHotline } from './phone-client';
import { findRunningHotline } from './running-hotline';
import { startServices, type LocalServices } from './services';
import { texterSession, textTheHotline, type TexterSession, type TextExchange } from './texting';

const USAGE = `Usage: npm run sms -- [--from +1NNNNNNNNNN] [--url URL | --data DIR] [--json] MESSAGE...
       npm run sms -- --batch FILE.jsonl [--url URL | --data DIR]

Texts the hotline's intake number: each MESSAGE in order, as one conversation, through the real
sms-intake function, then prints every reply and the session (language, category, step,
reference number). Texts the hotline npm start runs when there is one (its intakes show in its
console at once); otherwise starts a hotline of its own.

  --from    the texter's number (default +12025550143)
  --batch   one conversation per line: {"from": "+1...", "messages": ["...", "..."]};
            prints one JSON line per conversation
  --url     the running hotline to text (default: the one npm start announced, if any)
  --data    use the data kept in DIR (as npm start --data DIR), through npm start if it runs on DIR
  --json    print the conversation as JSON

Example: npm run sms -- --json "Mi hermano fue detenido ayer"`;

const ConversationSchema = z.object({
  from: z.string().refine((value) => toE164(value) !== undefined, 'not a phone number'),
  messages: z.array(z.string()).min(1),
});

interface Transcript {
  from: string;
  messages: { text: string; replies: TextExchange['replies'] }[];
  session: TexterSession;
}

/** The conversation through the real sms-intake function of a hotline of this process. */
async function converse(services: LocalServices, from: string, messages: string[]): Promise<Transcript> {
  const phone = toE164(from)!;
  const exchanges: TextExchange[] = [];
  for (const text of messages) exchanges.push(await textTheHotline(services, () => services.sendDue(), phone, text));
  return { from: phone, messages: exchanges.map(({ text, replies }) => ({ text, replies })), session: await texterSession(services, phone, exchanges) };
}

/** The same through the hotline npm start runs. */
async function converseWithRunning(hotline: string, from: string, messages: string[]): Promise<Transcript> {
  const phone = toE164(from)!;
  const transcript: Transcript = { from: phone, messages: [], session: { optedOut: false } };
  for (const text of messages) {
    const { replies, session } = await textRunningHotline(hotline, phone, text);
    transcript.messages.push({ text, replies });
    // The running hotline reports the session after each text; a later text's intake wins, as locally.
    transcript.session = { ...session, ...(session.referenceNumber ?? transcript.session.referenceNumber ? { referenceNumber: session.referenceNumber ?? transcript.session.referenceNumber } : {}) };
  }
  return transcript;
}

function describe(transcript: Transcript): string {
  const lines = [`Texts from ${transcript.from}`];
  for (const message of transcript.messages) {
    lines.push(`  >  ${message.text}`);
    for (const reply of message.replies) lines.push(`  <  ${reply.text}   [${reply.segments} segment${reply.segments > 1 ? 's' : ''}, ${reply.encoding}]`);
    if (message.replies.length === 0) lines.push('  <  (no reply)');
  }
  const { session } = transcript;
  lines.push(
    '',
    `Session: language ${session.language ?? '(not known)'}, category ${session.category ?? '(not chosen)'}, step ${session.step ?? '(none)'}` +
      `${session.optedOut ? ', opted out' : ''}${session.referenceNumber ? `, reference number ${session.referenceNumber}` : ''}`,
  );
  return lines.join('\n');
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  let conversations: z.infer<typeof ConversationSchema>[];
  try {
    parsed = parseCommandLine(process.argv.slice(2), { values: ['from', 'data', 'batch', 'url'], flags: ['json', 'help'] });
    if (parsed.flags.has('help')) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.options.batch) {
      if (parsed.positionals.length) throw new Error('--batch takes its messages from the file');
      conversations = readFileSync(parsed.options.batch, 'utf8')
        .split('\n')
        .filter((line) => line.trim())
        .map((line, index) => {
          const result = ConversationSchema.safeParse(JSON.parse(line));
          if (!result.success) throw new Error(`line ${index + 1}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
          return result.data;
        });
    } else {
      conversations = [ConversationSchema.parse({ from: parsed.options.from ?? '+12025550143', messages: parsed.positionals })];
    }
  } catch (error) {
    const message = error instanceof z.ZodError ? error.issues.map((i) => `${i.path.join('.') || 'MESSAGE'}: ${i.message}`).join('; ') : (error as Error).message;
    console.error(`${message}\n\n${USAGE}`);
    return 2;
  }

  if (parsed.options.url && parsed.options.data) {
    console.error(`--url and --data: the running hotline keeps its own data\n\n${USAGE}`);
    return 2;
  }
  const print = (transcript: Transcript) => {
    if (parsed.options.batch) console.log(JSON.stringify(transcript));
    else console.log(parsed.flags.has('json') ? JSON.stringify(transcript, null, 2) : describe(transcript));
  };
  const running = await findRunningHotline({
    ...(parsed.options.url ? { url: parsed.options.url } : {}),
    ...(parsed.options.data ? { dataDir: parsed.options.data } : {}),
  });
  if (running) {
    console.error(`(texting the hotline running at ${running})`);
    for (const conversation of conversations) print(await converseWithRunning(running, conversation.from, conversation.messages));
    return 0;
  }

  const services = await startServices(parsed.options.data ? { dataDir: parsed.options.data } : {});
  try {
    for (const conversation of conversations) {
      print(await converse(services, conversation.from, conversation.messages));
    }
    return 0;
  } finally {
    await services.stop();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error((error as Error).message);
  return 1;
});
