import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { startHotline, type LocalHotline } from './hotline';
import { PHONE_PATH } from './phone-routes';
import { announceRunning, stateFile, withdrawRunning } from './running-hotline';

const USAGE = `Usage: npm start -- [--port N] [--data DIR]

  --port N     the port for the console and API (default 4000; 0 picks a free one)
  --data DIR   keep the hotline's data in DIR across runs (default: in memory)`;

const ArgsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  data: z.string().min(1).optional(),
});

async function main(): Promise<void> {
  let args: z.infer<typeof ArgsSchema>;
  try {
    const { values } = parseArgs({
      options: { port: { type: 'string', default: '4000' }, data: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    args = ArgsSchema.parse(values);
  } catch (error) {
    console.error(error instanceof z.ZodError ? `Invalid option: ${error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}` : (error as Error).message);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }

  let hotline: LocalHotline;
  try {
    hotline = await startHotline({ port: args.port, ...(args.data ? { dataDir: args.data } : {}) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.error(`Port ${args.port} is already in use (another npm start?): try npm start -- --port ${args.port + 1}, or --port 0 for a free one.`);
    process.exitCode = 1;
    return;
  }
  const file = stateFile();
  announceRunning({ url: hotline.url, pid: process.pid, ...(args.data ? { dataDir: path.resolve(args.data) } : {}), startedAt: new Date().toISOString() }, file);
  // Without the state file the tools find this hotline only when told where it is.
  const target = file ? '' : ` --url ${hotline.url}`;
  console.log(`enlace is running locally (${args.data ? `data in ${args.data}` : 'data in memory'})

  Staff console   ${hotline.url}/   sign in as a sample staff member (tips, detainee, victim services, supervisor)
  Phone           ${hotline.url}${PHONE_PATH}   call and text the hotline from the browser
  Health          ${hotline.url}/health
  DynamoDB        ${hotline.dynamo.endpoint} (dynalite, table ${hotline.dynamo.tableName})

Call it:    npm run call --${target} --keys 2 1          (Spanish, then detainee inquiry)
Text it:    npm run sms --${target} "I want to report a stash house near the school"
Staff API:  curl -H "Authorization: Bearer $(npm run -s token -- --groups tip)" ${hotline.url}/api/queues

Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping enlace...`);
    withdrawRunning(process.pid, file);
    await hotline.stop();
    console.log('Stopped.');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
