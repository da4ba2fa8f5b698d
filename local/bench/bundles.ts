import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Metafile } from 'esbuild';
import { bundle } from '../../infra/bundle';
import { REPO_ROOT, functionEntry } from '../../infra/paths';
import { DEFAULT_HOURS } from '../../shared/domain/hours';
import { NOTICE_SENDING } from '../../shared/domain/notifications';
import { node22 } from './node22';
import { floorSource, isFloorClient, type FloorClient } from './sdk-floor';
import { median, round } from './stats';

export const FUNCTIONS = readdirSync(path.join(REPO_ROOT, 'functions'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

export interface Bundle {
  name: string;
  file: string;
  kb: number;
  /** The packages (or project folders) that take the most room in the output, in KB. */
  largest: { input: string; kb: number }[];
  /** The SDK clients whose code is in the output (their floor: sdk-floor.ts). */
  sdkClients: FloorClient[];
}

/**
 * Builds a function with CDK's own build (infra/bundle.ts, the one EnlaceFunction runs), into
 * `outdir/<name>/index.mjs` with its metafile.
 */
export async function bundleFunction(name: string, outdir: string, entry = functionEntry(name)): Promise<Bundle> {
  const { file, metafile } = await bundle(entry, path.join(outdir, name));
  return {
    name,
    file,
    kb: round(statSync(file).size / 1024, 1),
    largest: largestInputs(metafile, 4),
    sdkClients: sdkClientsIn(metafile),
  };
}

/**
 * The SDK clients a bundle constructs: those whose package contributes code to the output (a
 * client only imported for its types, or shaken out, leaves a few bytes at most).
 */
export function sdkClientsIn(metafile: Metafile): FloorClient[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const bytes = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const client = /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(file)?.[1];
    if (client) bytes.set(client, (bytes.get(client) ?? 0) + bytesInOutput);
  }
  return [...bytes].filter(([client, size]) => size > 2048 && isFloorClient(client)).map(([client]) => client as FloorClient).sort();
}

/** Output bytes by package (node_modules/<package>) or by project folder, largest first. */
export function largestInputs(metafile: Metafile, top: number): { input: string; kb: number }[] {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint);
  const sizes = new Map<string, number>();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const at = file.lastIndexOf('node_modules/');
    let key: string;
    if (at >= 0) {
      const parts = file.slice(at + 'node_modules/'.length).split('/');
      key = parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
    } else {
      key = file.split('/').slice(0, 2).join('/');
    }
    sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
  }
  return [...sizes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([input, bytes]) => ({ input, kb: round(bytes / 1024, 1) }));
}

/**
 * What a function's environment holds in Lambda, with stand-ins: every variable any handler
 * reads, fake ARNs and URLs, and fake credentials so that nothing looks for any at start.
 */
export function lambdaLikeEnvironment(name: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    // As the EnlaceFunction construct sets them (no NODE_OPTIONS: test/infra/enlace-function.test.ts).
    POWERTOOLS_SERVICE_NAME: name,
    POWERTOOLS_METRICS_NAMESPACE: 'Enlace',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    // As Lambda sets them.
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key-bench-secret-key00',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // As the stack sets them.
    TABLE_NAME: 'enlace-intakes',
    PII_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000001',
    FINGERPRINT_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000002',
    SOURCE_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000005',
    INTAKE_RETENTION_DAYS: '730',
    TEXTER_RETENTION_DAYS: '30',
    AUDIT_RETENTION_DAYS: '2557',
    HOURS: JSON.stringify(DEFAULT_HOURS),
    CONNECT_INSTANCE_ID: '00000000-0000-0000-0000-000000000003',
    TASK_FLOW_ID: '00000000-0000-0000-0000-000000000004',
    CONSOLE_URL: 'https://d111111abcdef8.cloudfront.net',
    ORIGINATION_NUMBER: '+18005550100',
    HOTLINE_NUMBER: '+18005550199',
    FAN_OUT_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/enlace-fan-out',
    NOTICE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/enlace-notices',
    NOTICE_EMAIL_FROM: 'notices@example.org',
    DEAD_LETTER_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000006',
    INBOUND_TEXT_FAILURES_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/enlace-inbound-text-failures',
    NOTICE_PACE_MS: String(NOTICE_SENDING.paceMs),
  };
}

function timeNode(node: string, file: string, env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const result = spawnSync(node, [file], { env, encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${file} failed (${result.status}): ${result.stderr || result.stdout}`);
  return elapsed;
}

export interface InitTimes {
  runs: number;
  /** The node that ran them: Node 22, as Lambda's nodejs22.x (node22.ts). */
  node: string;
  emptyNodeMs: number;
  /** Per function: the median start of `node <bundle>`, minus the median start of `node empty.mjs`. */
  functions: Record<string, { medianMs: number; initMs: number }>;
}

/**
 * Module init: `node <bundle>` loads and evaluates the bundle (clients built, environment
 * checked) and exits, against `node empty.mjs`. Rounds interleave the two so that a busy
 * moment of the machine weighs on both alike; two rounds first warm the file cache.
 */
export function measureInit(bundles: Pick<Bundle, 'name' | 'file'>[], runs: number, scratch: string): InitTimes {
  const node = node22();
  const empty = path.join(scratch, 'empty.mjs');
  writeFileSync(empty, '');
  const samples = new Map<string, number[]>([['', []], ...bundles.map((b) => [b.name, []] as [string, number[]])]);
  for (let pass = 0; pass < runs + 2; pass++) {
    for (const target of [{ name: '', file: empty }, ...bundles]) {
      const elapsed = timeNode(node.execPath, target.file, lambdaLikeEnvironment(target.name || 'empty'));
      if (pass >= 2) samples.get(target.name)!.push(elapsed);
    }
  }
  const emptyNodeMs = median(samples.get('')!);
  return {
    runs,
    node: node.version,
    emptyNodeMs: round(emptyNodeMs, 1),
    functions: Object.fromEntries(
      bundles.map((b) => {
        const medianMs = median(samples.get(b.name)!);
        return [b.name, { medianMs: round(medianMs, 1), initMs: round(medianMs - emptyNodeMs, 1) }];
      }),
    ),
  };
}

export interface FloorResult {
  sdkClients: FloorClient[];
  kb: number;
  initMs: number;
}

export interface BundleResult {
  /** Without their files: those are gone when the run ends. Each names its floor. */
  bundles: (Omit<Bundle, 'file'> & { floor: string })[];
  init: InitTimes;
  /** Per set of SDK clients (sdk-floor.ts): the floor of the functions that construct those. */
  floors: Record<string, FloorResult>;
}

export function floorName(clients: readonly FloorClient[]): string {
  return clients.length ? clients.map((client) => client.replace(/^client-/, '')).join('+') : 'no-sdk';
}

export async function benchBundles(options: { runs: number; functions?: string[] }): Promise<BundleResult> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'enlace-bench-'));
  // Inside the project, so that esbuild resolves the SDK from its node_modules as for a function.
  const floorSources = path.join(REPO_ROOT, '.bench', 'floors');
  mkdirSync(floorSources, { recursive: true });
  try {
    const bundles: Bundle[] = [];
    for (const name of options.functions ?? FUNCTIONS) bundles.push(await bundleFunction(name, scratch));
    const floorClients = new Map(bundles.map((b) => [floorName(b.sdkClients), b.sdkClients]));
    const floors: Bundle[] = [];
    for (const [name, clients] of floorClients) {
      const entry = path.join(floorSources, `${name}.ts`);
      writeFileSync(entry, floorSource(clients));
      floors.push(await bundleFunction(`floor-${name}`, scratch, entry));
    }
    const init = measureInit([...bundles, ...floors], options.runs, scratch);
    const functionInit = Object.fromEntries(Object.entries(init.functions).filter(([name]) => !name.startsWith('floor-')));
    const strip = ({ file: _file, ...bundle }: Bundle) => bundle;
    return {
      bundles: bundles.map((b) => ({ ...strip(b), floor: floorName(b.sdkClients) })),
      init: { ...init, functions: functionInit },
      floors: Object.fromEntries(
        floors.map((f) => {
          const name = f.name.replace(/^floor-/, '');
          return [name, { sdkClients: floorClients.get(name)!, kb: f.kb, initMs: init.functions[f.name]!.initMs }];
        }),
      ),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
