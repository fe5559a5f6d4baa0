import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { quitAfter } from '../../../electron/main/quit-after';

/** Electron's app cannot run here: this emits will-quit the way it does, once per quit() call. */
class QuittingApp extends EventEmitter {
  quits = 0;
  exited = false;
  quit(): void {
    this.quits += 1;
    let prevented = false;
    this.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.exited = true;
  }
}

describe('quitting Electron after the hardware is closed', () => {
  it('holds the quit until the cleanup has finished, then quits for real', async () => {
    const app = new QuittingApp();
    let finish: () => void = () => undefined;
    const cleanup = new Promise<void>((resolve) => (finish = resolve));
    let cleanups = 0;
    quitAfter(app, () => {
      cleanups += 1;
      return cleanup;
    });
    app.quit();
    app.quit();
    expect(app.exited).toBe(false);
    expect(cleanups).toBe(1);
    finish();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(app.exited).toBe(true);
    expect(app.quits).toBe(3);
  });

  it('still quits when the cleanup fails, and says why', async () => {
    const app = new QuittingApp();
    const said: string[] = [];
    quitAfter(app, () => Promise.reject(new Error('port busy')), (m) => said.push(m));
    app.quit();
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(app.exited).toBe(true);
    expect(said).toEqual(['cleanup before quitting failed: port busy']);
  });
});
