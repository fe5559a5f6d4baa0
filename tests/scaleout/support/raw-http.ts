import { request, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A POST whose headers go first and whose body waits until `finish` is called: the server has
 * the request in hand (it answered `100 Continue`) but cannot answer it yet.
 */
export async function openHalfRequest(url: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  let req: ClientRequest | undefined;
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    req = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-length': String(bytes.length), expect: '100-continue' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
  // A test that fails before awaiting the answer must not also leave an unhandled rejection.
  answer.catch(() => undefined);
  await new Promise<void>((resolve) => req!.once('continue', resolve));
  return { answer, finish: () => req!.end(bytes) };
}

/** Whether a new TCP connection to the port is refused. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}
