/** The part of Electron's `app` that quitting uses. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

/**
 * Holds the quit until `cleanup` has finished (print queues closed, serial ports released), then
 * quits for real. A cleanup that fails still lets the app quit.
 */
export function quitAfter(app: QuittingApp, cleanup: () => Promise<void>, log: (message: string) => void = () => undefined): void {
  let state: 'running' | 'cleaning' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'cleaning') return;
    state = 'cleaning';
    void cleanup()
      .catch((error: unknown) => log(`cleanup before quitting failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        state = 'done';
        app.quit();
      });
  });
}
