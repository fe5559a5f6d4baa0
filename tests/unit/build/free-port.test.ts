import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { choosePort } from '../../../build/launcher/free-port';

let held: Server | undefined;
afterEach(async () => {
  await new Promise((done) => (held ? held.close(done) : done(undefined)));
  held = undefined;
});

describe('choosePort', () => {
  it('returns the preferred port when it is free', async () => {
    const free = await choosePort(0);
    expect(await choosePort(free)).toBe(free);
  });

  it('returns another free port when the preferred one is taken', async () => {
    held = createServer();
    await new Promise<void>((done) => held!.listen(0, '127.0.0.1', done));
    const taken = (held.address() as { port: number }).port;
    const port = await choosePort(taken);
    expect(port).not.toBe(taken);
    expect(port).toBeGreaterThan(0);
  });
});
