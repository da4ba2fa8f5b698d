import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { documentClient } from '../shared/adapters/dynamodb/client';
import { createTableInput } from '../shared/adapters/dynamodb/table-schema';

export const LOCAL_TABLE_NAME = 'enlace-local';

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBDocumentClient;
  tableName: string;
  stop(): Promise<void>;
}

/** The SDK settings for a local endpoint: no AWS account, no credential lookup. */
export function localClientConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
}

/**
 * DynamoDB on this machine: dynalite in this process, in memory or in a folder (`dataDir`),
 * with the hotline's table created from the shared schema.
 */
export async function startLocalDynamo(options: { dataDir?: string; port?: number; tableName?: string } = {}): Promise<LocalDynamo> {
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = documentClient(localClientConfig(endpoint));
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  await ensureTable(client, createTableInput(tableName));
  return {
    endpoint,
    client,
    tableName,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Creates a table unless it is there already (a `--data` folder from an earlier run). */
export async function ensureTable(client: DynamoDBDocumentClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // dynalite makes a new table ACTIVE on a timer: on a busy machine that can take a moment.
  for (let attempt = 0; ; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (attempt >= 100) throw new Error(`Table ${input.TableName} is still ${Table?.TableStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
