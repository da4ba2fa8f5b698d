import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, trimSchemaSource } from '../../infra/bundle';
import { REPO_ROOT } from '../../infra/paths';
import { sendAll } from '../fixtures/sdk-calls';

/** What a request carries that depends on the moment or the build, not on the command. */
const VOLATILE = new Set(['authorization', 'x-amz-date', 'user-agent', 'x-amz-user-agent', 'amz-sdk-invocation-id', 'host', 'connection']);

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}
type Reply = { status: number; headers?: Record<string, string>; body: string };

const json = (type: string, body: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({ status, headers: { 'content-type': type, 'x-amzn-requestid': 'request-1', ...headers }, body: JSON.stringify(body) });
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Per operation: its answer, then a modelled error (the client is built with maxAttempts 1). */
function reply(operation: string, request: Seen, call: number): Reply {
  const ddb = (body: unknown) => json('application/x-amz-json-1.0', body);
  const kmsJson = (body: unknown) => json('application/x-amz-json-1.1', body);
  if (call > 0) {
    switch (operation.split('.')[0]) {
      case 'DynamoDB_20120810':
        return json('application/x-amz-json-1.0', { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed', Item: { pk: { S: 'INTAKE#1' }, version: { N: '2' } } }, 400);
      case 'TrentService':
        return json('application/x-amz-json-1.1', { __type: 'NotFoundException', message: 'Key not found' }, 400);
      case 'AmazonSQS':
        return json('application/x-amz-json-1.0', { __type: 'com.amazonaws.sqs#TooManyEntriesInBatchRequest', message: 'Too many' }, 400, { 'x-amzn-query-error': 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender' });
      case 'Publish':
        return { status: 400, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: PhoneNumber</Message></Error><RequestId>request-1</RequestId></ErrorResponse>' };
      case 'SendEmail':
        return json('application/json', { message: 'Email address is not verified.' }, 400, { 'x-amzn-errortype': 'MessageRejected' });
      case 'StartTaskContact':
        return json('application/json', { Message: 'Service quota exceeded' }, 402, { 'x-amzn-errortype': 'ServiceQuotaExceededException' });
      case 'StopContact':
        return json('application/json', { Message: 'Contact not found' }, 410, { 'x-amzn-errortype': 'ContactNotFoundException' });
    }
  }
  switch (operation) {
    case 'DynamoDB_20120810.PutItem':
    case 'DynamoDB_20120810.DeleteItem':
      return ddb({ ConsumedCapacity: { TableName: 'intakes', CapacityUnits: 1 } });
    case 'DynamoDB_20120810.GetItem':
      return ddb({ Item: { pk: { S: 'INTAKE#1' }, n: { N: '3' }, tags: { L: [{ S: 'a' }, { S: 'b' }] }, nested: { M: { on: { BOOL: true }, at: { NULL: true } } }, set: { SS: ['x', 'y'] }, blob: { B: 'AQID' } } });
    case 'DynamoDB_20120810.UpdateItem':
      return ddb({ Attributes: { pk: { S: 'TEXTER#1' }, version: { N: '4' }, count: { N: '12' } } });
    case 'DynamoDB_20120810.Query':
      return ddb({ Items: [{ pk: { S: 'INTAKE#2' }, sk: { S: 'INTAKE' } }], Count: 1, ScannedCount: 1, LastEvaluatedKey: { pk: { S: 'INTAKE#2' }, sk: { S: 'INTAKE' } } });
    case 'TrentService.GenerateDataKey':
      return kmsJson({ CiphertextBlob: 'AQIDBA==', Plaintext: Buffer.alloc(32, 7).toString('base64'), KeyId: 'arn:aws:kms:us-east-1:123456789012:key/pii' });
    case 'TrentService.GenerateMac':
      return kmsJson({ Mac: 'bWFj', MacAlgorithm: 'HMAC_SHA_256', KeyId: 'arn:aws:kms:us-east-1:123456789012:key/mac' });
    case 'TrentService.Decrypt':
      return kmsJson({ Plaintext: 'cGxhaW4=', KeyId: 'arn:aws:kms:us-east-1:123456789012:key/pii', EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    case 'AmazonSQS.SendMessageBatch': {
      // The client checks each MD5 against the body it sent.
      const entries = (JSON.parse(request.body) as { Entries: { Id: string; MessageBody: string }[] }).Entries;
      return json('application/x-amz-json-1.0', { Successful: [{ Id: entries[0]!.Id, MessageId: 'm-1', MD5OfMessageBody: md5(entries[0]!.MessageBody) }], Failed: [{ Id: entries[1]!.Id, SenderFault: true, Code: 'InvalidParameterValue', Message: 'Delay' }] });
    }
    case 'Publish':
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>sns-1</MessageId></PublishResult><ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata></PublishResponse>' };
    case 'SendEmail':
      return json('application/json', { MessageId: 'ses-1' });
    case 'StartTaskContact':
      return json('application/json', { ContactId: 'contact-1' });
    case 'StopContact':
      return json('application/json', {});
  }
  return { status: 500, body: `unknown operation ${operation}` };
}

function operationOf(request: Seen): string {
  if (request.headers['x-amz-target']) return request.headers['x-amz-target'];
  if (request.url.startsWith('/contact/task')) return 'StartTaskContact';
  if (request.url.startsWith('/contact/stop')) return 'StopContact';
  if (request.url.startsWith('/v2/email/outbound-emails')) return 'SendEmail';
  return new URLSearchParams(request.body).get('Action') ?? 'unknown';
}

let server: Server;
let endpoint: string;
let seen: Seen[] = [];
const calls = new Map<string, number>();
const scratch = mkdtempSync(path.join(REPO_ROOT, '.bench', 'trim-test-'));
let trimmed: { sendAll: typeof sendAll };
let metafileClients: Record<string, number>;

async function run(send: typeof sendAll) {
  seen = [];
  calls.clear();
  const results = await send(endpoint);
  return { requests: seen, results: JSON.parse(JSON.stringify(results)) as unknown[] };
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !VOLATILE.has(name)).map(([name, value]) => [name, String(value)]));
      const entry: Seen = { method: request.method!, url: request.url!, headers, body };
      seen.push(entry);
      const operation = operationOf(entry);
      const call = calls.get(operation) ?? 0;
      calls.set(operation, call + 1);
      const answer = reply(operation, entry, call);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const built = await bundle(path.join(REPO_ROOT, 'test/fixtures/sdk-calls.ts'), scratch);
  const output = Object.values(built.metafile.outputs).find((o) => o.entryPoint)!;
  metafileClients = {};
  for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
    const client = /node_modules\/@aws-sdk\/(client-[a-z0-9-]+)\//.exec(file)?.[1];
    if (client) metafileClients[client] = (metafileClients[client] ?? 0) + bytesInOutput;
  }
  trimmed = (await import(/* @vite-ignore */ pathToFileURL(built.file).href)) as typeof trimmed;
}, 60_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe("the SDK's schemas trimmed at build (infra/bundle.ts)", () => {
  it('rewrites only computed keys whose constant the file declares, to that literal', () => {
    const source = ['const _h = "http";', 'const _e = "error";', 'export var A$ = [9, n0, _x, { [_h]: ["PUT", "/a", 200], [_e]: _c, [_unknown]: 1 }, () => [_h]];', ''].join('\n');
    expect(trimSchemaSource(source)).toBe(['const _h = "http";', 'const _e = "error";', 'export var A$ = [9, n0, _x, { "http": ["PUT", "/a", 200], "error": _c, [_unknown]: 1 }, () => [_h]];', ''].join('\n'));
  });

  it('leaves out the schemas of the operations a function never sends (client-connect: one of hundreds)', () => {
    expect(metafileClients['client-connect']).toBeLessThan(40 * 1024);
  });

  it('sends and reads exactly what the SDK does, for every command the functions send and its errors', async () => {
    const sdk = await run(sendAll);
    const bundled = await run(trimmed.sendAll);
    expect(sdk.requests).toHaveLength(26);
    // The server answered each operation, then failed it, and the SDK read both.
    expect(sdk.results.filter((r) => (r as { output?: unknown }).output)).toHaveLength(13);
    expect(sdk.results).toContainEqual(expect.objectContaining({ error: expect.objectContaining({ name: 'ServiceQuotaExceededException', modelled: [2] }) }));
    expect(sdk.results).toContainEqual(expect.objectContaining({ error: expect.objectContaining({ name: 'ContactNotFoundException', modelled: [3] }) }));
    expect(sdk.results).toContainEqual(expect.objectContaining({ error: expect.objectContaining({ name: 'ConditionalCheckFailedException', Item: { pk: { S: 'INTAKE#1' }, version: { N: '2' } } }) }));
    for (const result of sdk.results.filter((r) => (r as { error?: unknown }).error)) expect((result as { error: { modelled: number[] } }).error.modelled).toHaveLength(1);
    expect(bundled.requests).toEqual(sdk.requests);
    expect(bundled.results).toEqual(sdk.results);
  });
});
