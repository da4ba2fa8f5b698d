import * as os from 'node:os';
import { benchBundles, type BundleResult } from './bundles';
import { benchCallIntake, benchSmsIntake, type LatencyOptions, type LatencyResult } from './latency';
import { benchListing, type ListingOptions, type ListingResult } from './listing';
import { benchSegments, type SegmentResult } from './segments';
import { round } from './stats';

export interface BenchConfig {
  latency: LatencyOptions;
  listing: ListingOptions;
  init: { runs: number };
  /** Only these functions (default: every folder in functions/). */
  functions?: string[];
}

export const FULL: BenchConfig = {
  latency: { count: 2000, concurrency: 16, warmup: 1500, rounds: 4 },
  listing: { sizes: [1000, 100_000], runs: 50 },
  // Issue 18: medians of at least 15 interleaved runs.
  init: { runs: 15 },
};

/** Small enough for a test; the figures mean little. */
export const QUICK: BenchConfig = {
  latency: { count: 100, concurrency: 16, warmup: 20, rounds: 2 },
  listing: { sizes: [600, 1200], runs: 5 },
  init: { runs: 1 },
};

/** Issue 18's targets. Bundles and init are measured against each function's own SDK floor. */
export const TARGETS = {
  handlerP50Ratio: 1.35,
  handlerP99Ratio: 1.6,
  listingRatio: 1.1,
  bundleOverFloorKb: 125,
  initOverFloorMs: 35,
  smsSegments: 2,
} as const;

export interface Target {
  id: string;
  description: string;
  limit: number;
  value: number;
  unit: string;
  pass: boolean;
}

export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; os: string };
  config: BenchConfig;
  callIntake: LatencyResult;
  smsIntake: LatencyResult;
  listing: ListingResult;
  bundles: BundleResult;
  smsSegments: SegmentResult;
  targets: Target[];
  summary: { passed: number; missed: number };
}

export function machine(): BenchReport['machine'] {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

function target(id: string, description: string, value: number, limit: number, unit: string): Target {
  return { id, description, limit, value, unit, pass: value <= limit };
}

export function targetsOf(report: Omit<BenchReport, 'targets' | 'summary'>): Target[] {
  const { callIntake, smsIntake, listing, bundles, smsSegments } = report;
  return [
    ...latencyTargets(callIntake, smsIntake),
    target('listing.ratio', `queue page at ${listing.large.intakes} / at ${listing.small.intakes} intakes`, listing.ratio, TARGETS.listingRatio, 'x'),
    ...bundles.bundles.map((b) => target(`bundle.${b.name}`, `${b.name} bundle over its floor (${b.floor})`, round(b.kb - bundles.floors[b.floor]!.kb, 1), TARGETS.bundleOverFloorKb, 'KB')),
    ...bundles.bundles.map((b) => target(`init.${b.name}`, `${b.name} init over its floor (${b.floor})`, round(bundles.init.functions[b.name]!.initMs - bundles.floors[b.floor]!.initMs, 1), TARGETS.initOverFloorMs, 'ms')),
    target('sms.segments', 'most segments of any SMS the hotline sends', smsSegments.max, TARGETS.smsSegments, 'segments'),
  ];
}

/** Only the latency part (`npm run bench -- --only latency`): both functions and their four targets. */
export interface LatencyReport {
  startedAt: string;
  durationSeconds: number;
  machine: BenchReport['machine'];
  config: LatencyOptions;
  callIntake: LatencyResult;
  smsIntake: LatencyResult;
  targets: Target[];
}

export async function runLatencyBench(config: BenchConfig, progress: (step: string) => void = () => undefined): Promise<LatencyReport> {
  const started = Date.now();
  progress('call-intake latency');
  const callIntake = await benchCallIntake(config.latency);
  progress('sms-intake latency');
  const smsIntake = await benchSmsIntake(config.latency);
  return { startedAt: new Date(started).toISOString(), durationSeconds: round((Date.now() - started) / 1000, 1), machine: machine(), config: config.latency, callIntake, smsIntake, targets: latencyTargets(callIntake, smsIntake) };
}

function latencyTargets(callIntake: LatencyResult, smsIntake: LatencyResult): Target[] {
  return [
    target('call-intake.p50', 'call-intake p50 / raw PutItem p50', callIntake.ratio.p50, TARGETS.handlerP50Ratio, 'x'),
    target('call-intake.p99', 'call-intake p99 / raw PutItem p99', callIntake.ratio.p99, TARGETS.handlerP99Ratio, 'x'),
    target('sms-intake.p50', 'sms-intake p50 / raw PutItem p50', smsIntake.ratio.p50, TARGETS.handlerP50Ratio, 'x'),
    target('sms-intake.p99', 'sms-intake p99 / raw PutItem p99', smsIntake.ratio.p99, TARGETS.handlerP99Ratio, 'x'),
  ];
}

/** The readable form of the latency part alone. */
export function renderLatencyTable(report: LatencyReport): string {
  const { machine: m, targets } = report;
  return [
    `enlace bench (latency only), ${report.startedAt}, ${report.durationSeconds} s`,
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`,
    '',
    ...latencyTable('1. call-intake vs raw PutItem', report.callIntake, targets, 'call-intake'),
    '',
    ...latencyTable('2. sms-intake vs raw PutItem', report.smsIntake, targets, 'sms-intake'),
  ].join('\n');
}

/** Runs every part of the benchmark, one after another (they would skew each other at once). */
export async function runBench(config: BenchConfig, progress: (step: string) => void = () => undefined): Promise<BenchReport> {
  const started = Date.now();
  progress('SMS segments');
  const smsSegments = benchSegments();
  progress('bundles and init times');
  const bundles = await benchBundles({ runs: config.init.runs, ...(config.functions ? { functions: config.functions } : {}) });
  progress('call-intake latency');
  const callIntake = await benchCallIntake(config.latency);
  progress('sms-intake latency');
  const smsIntake = await benchSmsIntake(config.latency);
  progress(`queue listing at ${config.listing.sizes.join(' and ')} intakes`);
  const listing = await benchListing(config.listing);
  const partial = { startedAt: new Date(started).toISOString(), durationSeconds: round((Date.now() - started) / 1000, 1), machine: machine(), config, callIntake, smsIntake, listing, bundles, smsSegments };
  const targets = targetsOf(partial);
  return { ...partial, targets, summary: { passed: targets.filter((t) => t.pass).length, missed: targets.filter((t) => !t.pass).length } };
}

const mark = (pass: boolean) => (pass ? 'pass' : 'MISS');
const pad = (value: unknown, width: number) => String(value).padStart(width);
const padEnd = (value: unknown, width: number) => String(value).padEnd(width);

function latencyTable(title: string, result: LatencyResult, targets: Target[], prefix: string): string[] {
  const p50 = targets.find((t) => t.id === `${prefix}.p50`)!;
  const p99 = targets.find((t) => t.id === `${prefix}.p99`)!;
  const calls = Object.entries(result.dynamoCallsPerInvocation).map(([name, n]) => `${name} ${n}`).join(' + ');
  const row = (name: string, s: LatencyResult['raw'], note: string) =>
    `  ${padEnd(name, 16)}${pad(s.p50Ms.toFixed(2), 9)}${pad(s.p99Ms.toFixed(2), 9)}${pad(s.meanMs.toFixed(2), 9)}${pad(s.cpuMsPerOp.toFixed(2), 10)}   ${note}`;
  return [
    `${title}: ${result.handler.count} each at concurrency ${result.handler.concurrency}, item ${result.itemBytes} B`,
    `  ${result.scenario}`,
    `  ${padEnd('', 16)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('mean ms', 9)}${pad('CPU ms/op', 10)}   DynamoDB requests per call`,
    row('handler', result.handler, calls),
    row('raw PutItem', result.raw, `PutItem 1, if ${result.condition || 'nothing'}`),
    `  ${padEnd('handler / raw', 16)}${pad(result.ratio.p50.toFixed(2), 9)}${pad(result.ratio.p99.toFixed(2), 9)}   p50 <= ${p50.limit}: ${mark(p50.pass)}   p99 <= ${p99.limit}: ${mark(p99.pass)}`,
  ];
}

/** The readable form: one section per part, then every target. */
export function renderTable(report: BenchReport): string {
  const { machine: m, callIntake, smsIntake, listing, bundles, smsSegments, targets } = report;
  const byId = (id: string) => targets.find((t) => t.id === id)!;
  const lines: string[] = [
    `enlace bench, ${report.startedAt}, ${report.durationSeconds} s`,
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}`,
    `dynalite in this process: handlers, SDK and DynamoDB share one thread`,
    '',
    ...latencyTable('1. call-intake vs raw PutItem', callIntake, targets, 'call-intake'),
    '',
    ...latencyTable('2. sms-intake vs raw PutItem', smsIntake, targets, 'sms-intake'),
    '',
    `3. Queue listing: first page of ${listing.pageSize} (listQueue ${listing.queueKey}, new), median of ${listing.runs}`,
    `  ${padEnd('intakes', 10)}${pad('in queue', 10)}${pad('median ms', 11)}${pad('load s', 8)}`,
    `  ${padEnd(listing.small.intakes, 10)}${pad(listing.small.inQueue, 10)}${pad(listing.small.medianMs.toFixed(2), 11)}${pad(listing.small.loadSeconds, 8)}`,
    `  ${padEnd(listing.large.intakes, 10)}${pad(listing.large.inQueue, 10)}${pad(listing.large.medianMs.toFixed(2), 11)}${pad(listing.large.loadSeconds, 8)}`,
    `  ratio ${listing.ratio.toFixed(2)} (<= ${TARGETS.listingRatio}: ${mark(byId('listing.ratio').pass)}); index entries read per page: ${listing.scannedPerPage}`,
    '',
    `4. Bundles (esbuild with the CDK options, minified ESM) and module init under Node ${bundles.init.node} (median of ${bundles.init.runs} interleaved, minus empty node ${bundles.init.emptyNodeMs} ms)`,
    `  ${padEnd('function', 17)}${pad('KB', 8)}${pad('+floor', 8)}       ${pad('init ms', 8)}${pad('+floor', 8)}       floor; largest inputs (KB)`,
    ...bundles.bundles.map((b) => {
      const size = byId(`bundle.${b.name}`);
      const init = byId(`init.${b.name}`);
      return `  ${padEnd(b.name, 17)}${pad(b.kb.toFixed(1), 8)}${pad(size.value.toFixed(1), 8)} ${padEnd(mark(size.pass), 5)} ${pad(bundles.init.functions[b.name]!.initMs.toFixed(1), 8)}${pad(init.value.toFixed(1), 8)} ${padEnd(mark(init.pass), 5)} ${b.floor}; ${b.largest.map((l) => `${l.input} ${l.kb}`).join(', ')}`;
    }),
    ...Object.entries(bundles.floors).map(([name, f]) => `  ${padEnd(`(floor ${name})`, 17)}${pad(f.kb.toFixed(1), 8)}${pad('', 8)}       ${pad(f.initMs.toFixed(1), 8)}`),
    `  targets: bundle <= its floor + ${TARGETS.bundleOverFloorKb} KB, init <= its floor + ${TARGETS.initOverFloorMs} ms`,
    '',
    `5. SMS segments per text, at the longest values of their placeholders`,
    `  ${padEnd('language', 10)}${pad('texts', 6)}${pad('max', 5)}${pad('mean', 7)}   longest`,
    ...Object.entries(smsSegments.perLanguage).map(
      ([language, s]) => `  ${padEnd(language, 10)}${pad(s.texts, 6)}${pad(s.max, 5)}${pad(s.mean.toFixed(2), 7)}   ${s.worst.key} (${s.worst.units} ${s.worst.encoding} units, ${s.worst.segments} segments)`,
    ),
    `  ${padEnd('en + es', 10)}${pad(1, 6)}${pad(smsSegments.bilingual.segments, 5)}${pad(smsSegments.bilingual.segments.toFixed(2), 7)}   ${smsSegments.bilingual.key}`,
    `  max ${smsSegments.max} (<= ${TARGETS.smsSegments}: ${mark(byId('sms.segments').pass)})`,
    '',
    `Targets: ${report.summary.passed} met, ${report.summary.missed} missed`,
    ...targets.map((t) => `  ${padEnd(mark(t.pass), 5)} ${padEnd(t.description, 45)} ${pad(t.value, 8)} ${padEnd(t.unit, 8)} (<= ${t.limit})`),
  ];
  return lines.join('\n');
}

export const README_TABLE_START = '<!-- bench table: generated by npm run -s bench-readme -- <report.json> -->';
export const README_TABLE_END = '<!-- end of bench table -->';

/** The README's Performance table, from a `--json` report: every target, its figure, its floor. */
export function readmeTable(report: BenchReport): string {
  const { machine: m, bundles } = report;
  const floorOf = (name: string) => bundles.bundles.find((b) => b.name === name)!;
  const rows = report.targets.map((t) => {
    const [kind, name] = t.id.split('.') as [string, string];
    let figure = `${t.value} ${t.unit}`;
    if (kind === 'bundle') figure = `${floorOf(name).kb} KB = floor ${bundles.floors[floorOf(name).floor]!.kb} + **${t.value}**`;
    if (kind === 'init') figure = `${bundles.init.functions[name]!.initMs} ms = floor ${bundles.floors[floorOf(name).floor]!.initMs} + **${t.value}**`;
    if (t.unit === 'x') figure = `**${t.value.toFixed(2)}**`;
    return `| ${t.description} | ${figure} | <= ${t.limit}${t.unit === 'x' ? '' : ` ${t.unit}`} | ${t.pass ? 'met' : '**missed**'} |`;
  });
  return [
    README_TABLE_START,
    `Run ${report.startedAt} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, bench under Node ${m.node}, init under Node ${bundles.init.node} (median of ${bundles.init.runs} interleaved runs, minus an empty node start of ${bundles.init.emptyNodeMs} ms): ${report.summary.passed} targets met, ${report.summary.missed} missed.`,
    '',
    '| measure | figure | target | |',
    '|---|---|---|---|',
    ...rows,
    README_TABLE_END,
  ].join('\n');
}

/** The README with its bench table replaced by this report's. */
export function withReadmeTable(readme: string, report: BenchReport): string {
  const start = readme.indexOf(README_TABLE_START);
  const end = readme.indexOf(README_TABLE_END);
  if (start < 0 || end < start) throw new Error('README.md has no bench table markers');
  return readme.slice(0, start) + readmeTable(report) + readme.slice(end + README_TABLE_END.length);
}
