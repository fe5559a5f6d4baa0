/** What asks `npm start` to stop: Ctrl+C, systemd/pm2/`kill`, a closed terminal. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Calls `stop` on any stop signal, and when this process's parent goes away. The second matters
 * because `npm start` runs the launcher under `sh -c`: npm hands a SIGTERM to that shell only,
 * the shell dies without passing it on, and the launcher is left running as an orphan.
 */
export function onStopRequest(stop: (why: string) => void, pollMs = 500): () => void {
  const handlers = STOP_SIGNALS.map((signal) => {
    const handler = (): void => stop(signal);
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) stop('the parent process exited');
  }, pollMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}
