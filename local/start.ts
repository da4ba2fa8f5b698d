import { parseArgs } from 'node:util';
import * as z from 'zod';
import { startHotline } from './hotline';

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

  const hotline = await startHotline({ port: args.port, ...(args.data ? { dataDir: args.data } : {}) });
  console.log(`enlace is running locally (${args.data ? `data in ${args.data}` : 'data in memory'})

  Staff console   ${hotline.url}/
  Health          ${hotline.url}/health
  DynamoDB        ${hotline.dynamo.endpoint} (dynalite, table ${hotline.dynamo.tableName})

Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping enlace...`);
    await hotline.stop();
    console.log('Stopped.');
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

await main();
