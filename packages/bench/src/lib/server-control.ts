// The control channel between the bench and a server child: port announcement, memory, shutdown.
import { BENCH_HOST } from './bench-app';

/** Messages a server child sends to the bench over IPC. */
export type ServerReport =
  | { readonly type: 'listening'; readonly port: number }
  | { readonly type: 'memory'; readonly heapUsedKb: number; readonly externalKb: number };

/** Messages the bench sends to a server child. */
export type ServerCommand = { readonly type: 'memory' };

/**
 * Announces that a server child listens on `port` (a stdout line for people, an IPC message for
 * the bench) and answers the bench's commands. Run by hand, the server just prints its port.
 */
export function announceListening(name: string, port: number): void {
  console.log(`${name} listening on ${BENCH_HOST}:${port} (pid ${process.pid})`);
  process.send?.({ type: 'listening', port } satisfies ServerReport);
  process.on('message', (command: ServerCommand) => {
    if (command.type !== 'memory') return;
    // Started with --expose-gc by the bench, so heap numbers count live objects only.
    (globalThis as { gc?: () => void }).gc?.();
    // Under Bun there is no global gc(); Bun.gc(true) runs a full collection.
    (globalThis as { Bun?: { gc(force: boolean): void } }).Bun?.gc(true);
    const usage = process.memoryUsage();
    process.send?.({
      type: 'memory',
      heapUsedKb: usage.heapUsed / 1024,
      externalKb: (usage.external + usage.arrayBuffers) / 1024,
    } satisfies ServerReport);
  });
  // process.exit (not a signal death) lets --cpu-prof write its profile.
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
  // The bench went away: do not linger as an orphan holding sockets.
  process.on('disconnect', () => process.exit(0));
}
