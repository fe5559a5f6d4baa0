import { createServer } from 'node:net';

function tryListen(port: number, host: string): Promise<number | null> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(null));
    probe.listen(port, host, () => {
      const address = probe.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      probe.close(() => done(bound));
    });
  });
}

/**
 * The preferred port when it is free, else any free one. A fixed port keeps the POS's browser
 * origin (and so its IndexedDB pairing) stable from one `npm start` to the next.
 */
export async function choosePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  const port = (await tryListen(preferred, host)) ?? (await tryListen(0, host));
  if (port === null) throw new Error(`no free TCP port on ${host}`);
  return port;
}
