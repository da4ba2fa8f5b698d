import { readFileSync } from 'node:fs';
import { KMSClient } from '@aws-sdk/client-kms';
import { loggableError } from '../shared/adapters/lambda/observability';
import { parseCommandLine } from './args';
import { deadLettersIn, openIfSealed, unwrapDeadLetter } from './redrive-records';
import { startServices } from './services';

const USAGE = `Usage: npm run redrive -- --data DIR [--key ARN] FILE...

Replays dead-lettered inbound texts through the sms-intake function of the local hotline whose
data is in DIR. Each FILE holds the dead-letter queue's messages (a JSON array, the output of
aws sqs receive-message, or one JSON value a line). Lambda on-failure records are unwrapped: the
original event is their requestPayload. Messages sms-intake sealed are opened with --key, the ARN
of the stack's DeadLetterKey: KMS Decrypt (RSAES_OAEP_SHA_256) with your own AWS credentials,
which need kms:Decrypt on that key (no function of the stack has it). Replaying is safe: a text
handled before changes nothing.
Prints {"replayed": N, "failed": [{"index": i, "error": "..."}]} and exits 1 if any failed.`;

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(process.argv.slice(2), { values: ['data', 'key'], flags: ['help'] });
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (parsed.flags.has('help') || !parsed.options.data || parsed.positionals.length === 0) {
    console.log(USAGE);
    if (!parsed.flags.has('help')) process.exitCode = 2;
    return;
  }
  const messages = parsed.positionals.flatMap((file) => deadLettersIn(readFileSync(file, 'utf8')));
  const opener = parsed.options.key ? { kms: new KMSClient({}), keyArn: parsed.options.key } : undefined;
  const services = await startServices({ dataDir: parsed.options.data });
  const failed: { index: number; error: string }[] = [];
  let replayed = 0;
  try {
    for (const [index, message] of messages.entries()) {
      try {
        await services.invokeSmsIntake(await openIfSealed(unwrapDeadLetter(message).event, opener));
        replayed++;
      } catch (error) {
        // As the logs would show it: a refusal names fields, never the number or the text.
        failed.push({ index, error: loggableError(error).message });
      }
    }
    // What the table's stream does next in AWS: the replies go out, the new intakes get their tasks.
    await services.sendDue();
    await services.routeDue();
  } finally {
    await services.stop();
  }
  console.log(JSON.stringify({ replayed, failed }));
  if (failed.length) process.exitCode = 1;
}

await main();
