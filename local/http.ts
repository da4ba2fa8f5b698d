import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type LocalRoute = (request: LocalRequest) => Promise<LocalResponse | undefined>;

export function json(status: number, body: unknown): LocalResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/**
 * The local runtime's HTTP server: tries each route in turn (a route answers undefined when the
 * request is not for it) and answers 404 when none takes it.
 */
export async function listen(routes: LocalRoute[], port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => void handle(routes, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, url: `http://localhost:${address.port}` };
}

async function handle(routes: LocalRoute[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const request: LocalRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    let response: LocalResponse | undefined;
    for (const route of routes) {
      response = await route(request);
      if (response) break;
    }
    response ??= json(404, { error: 'not_found', message: `No route for ${request.method} ${request.path}` });
    res.writeHead(response.status, response.headers ?? {});
    res.end(response.body);
  } catch (error) {
    // The local server's last resort: say what failed without echoing the request.
    process.stderr.write(`local server error: ${(error as Error).stack ?? String(error)}\n`);
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'internal', message: 'The local server failed; see its console.' }));
  }
}
