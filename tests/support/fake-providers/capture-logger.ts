import type { NotificationLogger } from '../../../server/notifications/provider';

/** A logger that keeps every line as the JSON a log shipper would store. */
export function captureLogger(): NotificationLogger & { lines: string[] } {
  const lines: string[] = [];
  const write = (fields: Record<string, unknown>, message: string) => lines.push(JSON.stringify({ ...fields, msg: message }));
  return { lines, info: write, warn: write };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
