import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Fault {
  /** The DynamoDB operation to break, e.g. "PutItem" (the X-Amz-Target suffix). */
  operation: string;
  /** How many of the next such requests fail. */
  times: number;
  /** Throttle them (the SDK retries) or hold them this many ms before passing them on (a slow call). */
  kind: 'throttle' | { delayMs: number };
}

/**
 * A proxy in front of dynalite that breaks chosen requests on the wire, so the real SDK (its
 * retries, its back-off, its timeouts) meets the fault exactly as it would meet DynamoDB's.
 */
export async function faultyDynamo(target: string) {
  const faults: Fault[] = [];
  const injected: Record<string, number> = {};
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
      const fault = faults.find((candidate) => candidate.operation === operation && candidate.times > 0);
      if (fault) {
        fault.times--;
        injected[operation] = (injected[operation] ?? 0) + 1;
      }
      if (fault?.kind === 'throttle') {
        outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        outgoing.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Injected: throughput exceeded' }));
        return;
      }
      const forward = () => {
        const upstream = request(`${target}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (response) => {
          outgoing.writeHead(response.statusCode ?? 500, response.headers);
          response.pipe(outgoing);
        });
        upstream.on('error', () => outgoing.destroy());
        upstream.end(body);
      };
      if (fault) setTimeout(forward, (fault.kind as { delayMs: number }).delayMs);
      else forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    inject(fault: Fault) {
      faults.push({ ...fault });
    },
    /** Faults injected so far, by operation. */
    injected,
    clear() {
      faults.length = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
