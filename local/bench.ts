import { parseCommandLine } from './args';
import { FULL, QUICK, renderLatencyTable, renderTable, runBench, runLatencyBench } from './bench/run';

// The SDK warns that it will leave Node 20 behind; Lambda runs Node 22, so the notice is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Metrics are CloudWatch's business; locally they would only be noise on stdout.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';

const USAGE = `Usage: npm run bench [-- --json] [-- --quick] [-- --only latency]

  Measures, on this machine, against dynalite in this process:
  1. call-intake and 2. sms-intake latency (p50, p99) against a raw PutItem of the same size
  3. the staff console's first queue page with 1,000 and with 100,000 intakes
  4. every function's bundle (built as CDK builds it) and its module init time
  5. the SMS segments of every text the hotline sends
  and checks each figure against its target. Exits 0 even when a target is missed.

  --json    print one JSON object: figures, targets, pass or miss, machine
            (npm prints its own banner first: npm run -s bench -- --json for JSON only)
  --quick   small counts (a smoke run; the figures mean little)
  --only latency
            only 1. and 2. (about two minutes): their figures and their four targets`;

async function main(): Promise<void> {
  let json = false;
  let quick = false;
  let only: 'latency' | undefined;
  try {
    const { flags, options, positionals } = parseCommandLine(process.argv.slice(2), { flags: ['json', 'quick', 'help'], values: ['only'] });
    if (flags.has('help')) {
      console.log(USAGE);
      return;
    }
    if (positionals.length > 0) throw new Error(`unexpected ${positionals.join(' ')}`);
    json = flags.has('json');
    quick = flags.has('quick');
    if (options.only !== undefined && options.only !== 'latency') throw new Error(`--only takes latency, not ${options.only}`);
    only = options.only;
  } catch (error) {
    console.error((error as Error).message);
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const config = quick ? QUICK : FULL;
  const progress = (step: string) => process.stderr.write(`bench: ${step}...\n`);
  if (only === 'latency') {
    const report = await runLatencyBench(config, progress);
    console.log(json ? JSON.stringify(report, null, 2) : renderLatencyTable(report));
    return;
  }
  const report = await runBench(config, progress);
  console.log(json ? JSON.stringify(report, null, 2) : renderTable(report));
}

await main();
