import { readFileSync } from 'node:fs';
import * as z from 'zod';
import type { LocalText } from '../shared/adapters/local/sms-sender';
import { toE164 } from '../shared/domain/phone';
import { parseCommandLine } from './args';
import { startServices, type LocalServices } from './services';

const USAGE = `Usage: npm run sms -- [--from +1NNNNNNNNNN] [--data DIR] [--json] MESSAGE...
       npm run sms -- --batch FILE.jsonl [--data DIR]

Texts the hotline's intake number: each MESSAGE in order, as one conversation, through the real
sms-intake function, then prints every reply and the session (language, category, step,
reference number).

  --from    the texter's number (default +12025550143)
  --batch   one conversation per line: {"from": "+1...", "messages": ["...", "..."]};
            prints one JSON line per conversation
  --data    use the data kept in DIR (as npm start --data DIR)
  --json    print the conversation as JSON

Example: npm run sms -- --json "Mi hermano fue detenido ayer"`;

const ConversationSchema = z.object({
  from: z.string().refine((value) => toE164(value) !== undefined, 'not a phone number'),
  messages: z.array(z.string()).min(1),
});

interface Transcript {
  from: string;
  messages: { text: string; replies: { text: string; segments: number; encoding: string }[] }[];
  session: { language?: string; category?: string; step?: string; optedOut: boolean; referenceNumber?: string };
}

async function converse(services: LocalServices, from: string, messages: string[]): Promise<Transcript> {
  const phone = toE164(from)!;
  const transcript: Transcript = { from: phone, messages: [], session: { optedOut: false } };
  let referenceNumber: string | undefined;
  let category: string | undefined;
  for (const text of messages) {
    const sentBefore = (await services.outbox.list<LocalText>('sms')).length;
    const result = await services.text(phone, text);
    // What the table's stream would trigger in AWS: the sender texts the replies.
    await services.sendDue();
    const replies = (await services.outbox.list<LocalText>('sms')).slice(sentBefore).filter((sms) => sms.to === phone);
    transcript.messages.push({ text, replies: replies.map(({ text: reply, segments, encoding }) => ({ text: reply, segments, encoding })) });
    if (result.effect === 'create_intake') referenceNumber = result.referenceNumber;
    category = result.category ?? category;
  }
  const stored = await services.texters.load(phone);
  const texter = stored?.texter;
  transcript.session = {
    ...(texter?.language ? { language: texter.language } : {}),
    ...((texter?.conversation.category ?? category) ? { category: texter?.conversation.category ?? category } : {}),
    ...(texter ? { step: texter.conversation.step } : {}),
    optedOut: texter?.optedOut ?? false,
    ...((referenceNumber ?? texter?.lastIntake?.ref) ? { referenceNumber: referenceNumber ?? texter?.lastIntake?.ref } : {}),
  };
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
    parsed = parseCommandLine(process.argv.slice(2), { values: ['from', 'data', 'batch'], flags: ['json', 'help'] });
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

  const services = await startServices(parsed.options.data ? { dataDir: parsed.options.data } : {});
  try {
    for (const conversation of conversations) {
      const transcript = await converse(services, conversation.from, conversation.messages);
      if (parsed.options.batch) console.log(JSON.stringify(transcript));
      else console.log(parsed.flags.has('json') ? JSON.stringify(transcript, null, 2) : describe(transcript));
    }
    return 0;
  } finally {
    await services.stop();
  }
}

process.exitCode = await main();
