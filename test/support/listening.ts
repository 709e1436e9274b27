// A test service listening on a loopback port, for tests that need raw sockets or parallel requests.

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  readonly port: number;
  close(): Promise<void>;
}

export async function listen(app: http.RequestListener): Promise<Listening> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  readonly status: number;
  readonly body: string;
}

/** Reads a response to the end. */
export function replyOf(res: http.IncomingMessage): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    res.on('error', reject);
  });
}

/** A request whose body the caller writes; the promise settles with the whole response. */
export function openRequest(port: number, path: string, headers: http.OutgoingHttpHeaders, method = 'POST'): { req: http.ClientRequest; reply: Promise<Reply> } {
  const req = http.request({ host: '127.0.0.1', port, path, method, headers, agent: false });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('response', (res) => resolve(replyOf(res)));
    req.on('error', reject);
  });
  return { req, reply };
}
