import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A POST whose framing the test chooses: the body as given, `Content-Length` unless `chunked`, and
 * no header the test did not ask for (fetch adds and normalises some).
 */
export function rawPost(url: string, path: string, body: string | Buffer, headers: Record<string, string> = {}, chunked = false): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const req = request(
      new URL(path, url),
      { method: 'POST', headers: chunked ? headers : { ...headers, 'content-length': String(bytes.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (chunked) {
      const half = Math.floor(bytes.length / 2);
      req.write(bytes.subarray(0, half));
      req.end(bytes.subarray(half));
    } else {
      req.end(bytes);
    }
  });
}
