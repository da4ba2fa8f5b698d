/**
 * Setup file of test/support/aws-calls.config.ts (the handler tests, run by the IAM reference
 * test): records every AWS SDK command a handler sends while it is invoked, whether
 * aws-sdk-client-mock answers it or dynalite does, with the Lambda function name of the
 * invocation, and every environment a test builds adapters from. Written, per test file, to
 * the directory in ENLACE_AWS_CALL_LOG. Commands sent outside an invocation (a test creating its
 * table, seeding data, reading results) are the test's, not the function's, and are not recorded.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConnectClient } from '@aws-sdk/client-connect';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_OUTBOX_TABLE } from '../../shared/adapters/local/outbox';
import { afterAll, vi } from 'vitest';

export interface RecordedCall {
  functionName: string;
  client: string;
  command: string;
  input: unknown;
}
export interface RecordedFile {
  calls: RecordedCall[];
  environments: Record<string, string>[];
}

// Shared with the hoisted vi.mock factories below, which cannot see this module's bindings.
const recorder = vi.hoisted(() => {
  const { AsyncLocalStorage: Storage } = process.getBuiltinModule('node:async_hooks') as typeof import('node:async_hooks');
  const invocation = new Storage<string>();
  const file: { calls: RecordedCall[]; environments: Record<string, string>[] } = { calls: [], environments: [] };
  const binary = (_key: string, value: unknown) => (value instanceof Uint8Array ? '<bytes>' : value);
  /** Tables of the local runtime's stand-ins (what it writes instead of calling Connect, SNS, SES): never a function's. */
  const standInTables = new Set<string>();
  return {
    invocation,
    file,
    standInTables,
    record(client: string, command: { constructor: { name: string }; input?: unknown }) {
      const functionName = invocation.getStore();
      if (functionName === undefined) return;
      if (standInTables.has(String((command.input as { TableName?: unknown } | undefined)?.TableName))) return;
      file.calls.push({ functionName, client, command: command.constructor.name, input: JSON.parse(JSON.stringify(command.input ?? {}, binary)) });
    },
    environment(value: unknown) {
      if (!value || typeof value !== 'object') return;
      const strings = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
      if (strings.length > 0) file.environments.push(Object.fromEntries(strings));
    },
  };
});

// Every handler is a middy handler: its invocation runs in the context of its function's name.
vi.mock('@middy/core', async (importOriginal) => {
  const original = (await importOriginal()) as { default: (...args: unknown[]) => object };
  const traced = (instance: object): object => {
    const proxy: object = new Proxy(instance, {
      apply: (target, thisArg, args: unknown[]) =>
        recorder.invocation.run((args[1] as { functionName?: string } | undefined)?.functionName ?? 'unknown', () => Reflect.apply(target as never, thisArg, args)),
      get: (target, key) => {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          return result === target ? proxy : result;
        };
      },
    });
    return proxy;
  };
  return { ...original, default: (...args: unknown[]) => traced(original.default(...args)) };
});

// Commands aws-sdk-client-mock answers: recorded in front of its stub.
vi.mock('aws-sdk-client-mock', async (importOriginal) => {
  const original = (await importOriginal()) as { mockClient: (client: unknown) => unknown };
  return {
    ...original,
    mockClient(client: unknown) {
      const stub = original.mockClient(client) as { reset: () => unknown };
      const target = (typeof client === 'function' ? (client as { prototype: unknown }).prototype : client) as { send: (...args: unknown[]) => unknown };
      const recordInFront = () => {
        const stubbed = target.send;
        target.send = function (this: { constructor: { name: string } }, ...args: unknown[]) {
          recorder.record(this.constructor.name, args[0] as never);
          return stubbed.apply(this, args);
        };
      };
      recordInFront();
      // reset() puts a new stub in place: record in front of that one too.
      const reset = stub.reset.bind(stub);
      stub.reset = () => {
        const result = reset();
        recordInFront();
        return result;
      };
      return stub;
    },
  };
});

// The environments the tests build adapters from: they tell which variable a value came from.
vi.mock('../../shared/adapters/aws/environment', async (importOriginal) => {
  const original = (await importOriginal()) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(original).map(([name, value]) => [
      name,
      typeof value === 'function'
        ? (...args: unknown[]) => {
            args.forEach((arg) => typeof arg === 'object' && recorder.environment(arg));
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value,
    ]),
  );
});

// The local task router (inside intake-router's invocations locally) stands for StartTaskContact.
recorder.standInTables.add(LOCAL_OUTBOX_TABLE);

// Commands that really go out (to dynalite): recorded at the client's send.
for (const Client of [DynamoDBClient, DynamoDBDocumentClient, KMSClient, ConnectClient, SNSClient, SQSClient, SESv2Client]) {
  const prototype = Client.prototype as unknown as { send: (...args: unknown[]) => unknown };
  const send = prototype.send;
  prototype.send = function (this: { constructor: { name: string } }, ...args: unknown[]) {
    recorder.record(this.constructor.name, args[0] as never);
    return send.apply(this, args);
  };
}

afterAll(() => {
  const directory = process.env.ENLACE_AWS_CALL_LOG;
  if (directory) writeFileSync(path.join(directory, `${randomUUID()}.json`), JSON.stringify(recorder.file satisfies RecordedFile));
});
