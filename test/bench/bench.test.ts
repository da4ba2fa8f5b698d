import { execFile, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnlaceFunction } from '../../infra/constructs/enlace-function';
import { FUNCTIONS, bundleFunction, lambdaLikeEnvironment, type Bundle } from '../../local/bench/bundles';
import { connectCreateEvent, rawConditionalPut } from '../../local/bench/latency';
import { QUICK, README_TABLE_END, README_TABLE_START, readmeTable, renderLatencyTable, renderTable, runBench, runLatencyBench, withReadmeTable } from '../../local/bench/run';
import { benchSegments } from '../../local/bench/segments';
import { percentile } from '../../local/bench/stats';
import { startLocalDynamo, type LocalDynamo } from '../../local/dynamo';
import { keys } from '../../shared/adapters/dynamodb/keys';
import { MAX_REPLY_SEGMENTS } from '../../shared/domain/sms/segments';

const scratch = mkdtempSync(path.join(tmpdir(), 'enlace-bench-test-'));
let bundle: Bundle;
beforeAll(async () => {
  bundle = await bundleFunction('call-intake', scratch);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bench', () => {
  // The init figures load each bundle in the bench's stand-in of the stack's environment: a
  // variable a function reads at load and the stand-in lacks makes `npm run bench` fail there.
  it('loads every function bundle in its Lambda-like environment', async () => {
    const failures: string[] = [];
    for (const name of FUNCTIONS) {
      const { file } = await bundleFunction(name, scratch);
      const result = spawnSync(process.execPath, [file], { env: lambdaLikeEnvironment(name), encoding: 'utf8', timeout: 20_000 });
      if (result.status !== 0) failures.push(`${name}: ${(result.stderr || result.stdout).split('\n').find((line) => /Error|Set \[/.test(line)) ?? result.status}`.slice(0, 300));
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('builds a function byte for byte as CDK bundles it', () => {
    const outdir = path.join(scratch, 'cdk.out');
    const app = new App({ outdir });
    const stack = new Stack(app, 'BenchBundle');
    new EnlaceFunction(stack, 'CallIntake', { name: 'call-intake', description: 'bench', logKey: new kms.Key(stack, 'Key'), logRetentionDays: 90 });
    app.synth();
    const asset = readdirSync(outdir).find((entry) => existsSync(path.join(outdir, entry, 'index.mjs')));
    expect(asset, 'a bundled asset').toBeDefined();
    expect(readFileSync(bundle.file).equals(readFileSync(path.join(outdir, asset!, 'index.mjs')))).toBe(true);
    // The SDK's default credential chain is left out: the bundle reads the environment's.
    expect(readFileSync(bundle.file, 'utf8')).not.toContain('fromInstanceMetadata');
  });

  it("holds only the stores and clients its handler builds (call-intake: intakes, registrations, texters)", () => {
    const meta = JSON.parse(readFileSync(path.join(path.dirname(bundle.file), 'index.meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    const inputs = Object.keys(meta.inputs);
    // The operations its calls make, each store's own modules (bundle-contents.test.ts: not the whole stores).
    for (const used of ['intakes/create', 'registrations/create', 'texters/conversation']) expect(inputs, used).toContainEqual(`shared/adapters/dynamodb/${used}.ts`);
    for (const unused of ['dynamodb/audit-log', 'dynamodb/custody-event-store', 'dynamodb/held-text-store', 'connect/', 'sns/', 'sqs/', 'ses/']) {
      expect(inputs.filter((input) => input.startsWith(`shared/adapters/${unused}`)), unused).toEqual([]);
    }
  });

  describe('a bundled function, run as Lambda would', () => {
    let dynamo: LocalDynamo;
    let kmsServer: Server;
    let kmsEndpoint: string;
    const macTargets: string[] = [];
    beforeAll(async () => {
      dynamo = await startLocalDynamo({ tableName: 'bench-bundle' });
      // KMS on loopback, as much of it as the function uses: GenerateMac, for the one-way source key.
      kmsServer = createServer((request, response) => {
        let body = '';
        request.on('data', (chunk: Buffer) => (body += chunk.toString()));
        request.on('end', () => {
          const target = String(request.headers['x-amz-target']);
          macTargets.push(target);
          const input = JSON.parse(body) as { KeyId: string; Message: string };
          const mac = createHmac('sha256', 'bench-kms').update(Buffer.from(input.Message, 'base64')).digest('base64');
          response.setHeader('content-type', 'application/x-amz-json-1.1');
          response.end(JSON.stringify({ KeyId: input.KeyId, Mac: mac, MacAlgorithm: 'HMAC_SHA_256' }));
        });
      });
      await new Promise<void>((resolve) => kmsServer.listen(0, '127.0.0.1', resolve));
      const address = kmsServer.address();
      kmsEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      await dynamo.stop();
      await new Promise((resolve) => kmsServer.close(resolve));
    });

    // An anonymous tip: no phone number to seal, one MAC for its source key; DynamoDB is dynalite
    // and KMS the server above, by the SDK's own service endpoint variables.
    const invoke = (env: NodeJS.ProcessEnv) => {
      const script = path.join(scratch, 'invoke.mjs');
      const event = connectCreateEvent('bench-contact', '+12025550143');
      event.Details.Parameters = { action: 'create', category: 'tip', language: 'en', anonymous: 'true' };
      writeFileSync(
        script,
        `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
         const context = { awsRequestId: 'bench', functionName: 'call-intake', getRemainingTimeInMillis: () => 10000 };
         console.log('RESULT ' + JSON.stringify(await handler(${JSON.stringify(event)}, context)));`,
      );
      // Not spawnSync: dynalite answers from this process's event loop.
      return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [script],
          { env: { ...lambdaLikeEnvironment('call-intake'), AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_ENDPOINT_URL_KMS: kmsEndpoint, TABLE_NAME: dynamo.tableName, ...env }, encoding: 'utf8', timeout: 20_000 },
          (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        );
      });
    };

    it('signs its requests with the credentials Lambda puts in the environment', async () => {
      const run = await invoke({});
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.split('RESULT ')[1]!) as { result: string; referenceNumber: string };
      expect(result.result).toBe('created');
      const { Item } = await dynamo.client.send(new GetCommand({ TableName: dynamo.tableName, Key: keys.intake(result.referenceNumber) }));
      expect(Item).toMatchObject({ category: 'tip', anonymous: true });
      expect(Item!.sourceKey).not.toContain('bench-contact');
      expect(macTargets).toEqual(['TrentService.GenerateMac']);
    });

    it('says so when the environment has no credentials', async () => {
      const run = await invoke({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' });
      expect(run.status).not.toBe(0);
      expect(run.stdout + run.stderr).toContain('No AWS credentials in the environment');
    });
  });

  it('finds every SMS within two segments, as the conversation tests do', () => {
    const segments = benchSegments();
    expect(segments.perLanguage.en.texts).toBeGreaterThan(30);
    expect(segments.max).toBeLessThanOrEqual(MAX_REPLY_SEGMENTS);
  });

  it('takes percentiles by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(values, 50), percentile(values, 99), percentile(values, 100), percentile([7], 99)]).toEqual([50, 99, 100, 7]);
  });

  it("gives the raw PutItem the handler's condition, on an item where it holds", () => {
    expect(rawConditionalPut({ expression: 'attribute_not_exists(pk)', names: {}, values: {} })).toEqual({ params: { ConditionExpression: 'attribute_not_exists(pk)' }, seed: {} });
    expect(rawConditionalPut({ expression: '#version = :expected', names: { '#version': 'version' }, values: { ':expected': 3 } })).toEqual({
      params: { ConditionExpression: '#version = :expected', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': { N: '3' } } },
      seed: { version: { N: '3' } },
    });
    expect(rawConditionalPut(undefined)).toEqual({ params: {}, seed: {} });
  });

  it('runs the latency part alone (--only latency): both functions and their four targets', async () => {
    const report = await runLatencyBench({ ...QUICK, latency: { count: 32, concurrency: 16, warmup: 16, rounds: 2 } });
    expect(report.targets.map((t) => t.id)).toEqual(['call-intake.p50', 'call-intake.p99', 'sms-intake.p50', 'sms-intake.p99']);
    expect(report.targets[0]!.value).toBe(report.callIntake.ratio.p50);
    expect(report.targets[3]!.value).toBe(report.smsIntake.ratio.p99);
    expect(report.callIntake.handler.count).toBe(32);
    expect(renderLatencyTable(report)).toContain('2. sms-intake vs raw PutItem');
  });

  it('runs end to end and reports every target', async () => {
    const report = await runBench({ ...QUICK, latency: { count: 32, concurrency: 16, warmup: 16, rounds: 2 }, listing: { sizes: [300, 600], runs: 2 }, functions: ['sms-sender'] });
    // The intake alone (the call's path in it): its queue's daily count is intake-router's, from the stream.
    expect(report.callIntake.dynamoCallsPerInvocation).toEqual({ PutItem: 1 });
    // The warm function remembers the texter it saved at the previous text: no read.
    expect(report.smsIntake.dynamoCallsPerInvocation).toEqual({ UpdateItem: 1 });
    expect(report.listing.scannedPerPage).toBe(50);
    expect(report.targets.map((t) => t.id)).toEqual([
      'call-intake.p50',
      'call-intake.p99',
      'sms-intake.p50',
      'sms-intake.p99',
      'listing.ratio',
      'bundle.sms-sender',
      'init.sms-sender',
      'sms.segments',
    ]);
    expect(report.summary.passed + report.summary.missed).toBe(report.targets.length);
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ machine: { cores: expect.any(Number), node: process.version } });
    expect(renderTable(report)).toContain('Targets:');
    // sms-sender is measured against its own floor: a bundle of the clients it constructs.
    const [senderBundle] = report.bundles.bundles;
    expect(senderBundle!.sdkClients).toEqual(['client-dynamodb', 'client-kms', 'client-sns']);
    expect(senderBundle!.floor).toBe('dynamodb+kms+sns');
    const floor = report.bundles.floors['dynamodb+kms+sns']!;
    expect(floor).toMatchObject({ sdkClients: ['client-dynamodb', 'client-kms', 'client-sns'], kb: expect.any(Number), initMs: expect.any(Number) });
    expect(floor.kb).toBeLessThan(senderBundle!.kb);
    expect(report.targets.find((t) => t.id === 'bundle.sms-sender')!.value).toBeCloseTo(senderBundle!.kb - floor.kb, 1);
    // Init under Node 22, as Lambda runs it, whatever node runs the bench.
    expect(report.bundles.init.node).toMatch(/^v22\./);
    expect(renderTable(report)).toContain('(floor dynamodb+kms+sns)');
    // The raw side carries the handler's condition.
    expect(report.callIntake.condition).toBe('attribute_not_exists(pk)');
    expect(report.smsIntake.condition).toBe('#version = :expected');
    // The README's table is made from the report: one row per target, between its markers.
    const table = readmeTable(JSON.parse(JSON.stringify(report)));
    expect(table.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| measure')).length).toBe(report.targets.length);
    expect(table).toContain(`floor ${floor.kb} + **${report.targets.find((t) => t.id === 'bundle.sms-sender')!.value}**`);
    const readme = withReadmeTable(`# x\n${README_TABLE_START}\nold\n${README_TABLE_END}\nafter\n`, report);
    expect(readme).toBe(`# x\n${table}\nafter\n`);
    expect(readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8')).toContain(README_TABLE_START);
  });
});
