// The one app every benchmark server serves, and the names the scenarios share.

/** Credentials of the benchmark app (local only; the servers listen on 127.0.0.1). */
export const BENCH_APP = Object.freeze({
  id: 'bench',
  key: 'bench-key',
  secret: 'bench-secret',
});

/** Host every server listens on and every client targets. */
export const BENCH_HOST = '127.0.0.1';

/** Name of the event the fan-out and publish scenarios publish and the loaders time. */
export const BENCH_EVENT = 'bench-event';

/** Path the raw-ws ceiling takes `POST { channel, name, data }` on (it has no Pusher HTTP API). */
export const RAW_PUBLISH_PATH = '/publish';

/** Path of the WebSocket endpoint for the bench app, as pusher-js would open it. */
export function socketUrl(port: number): string {
  return `ws://${BENCH_HOST}:${port}/app/${BENCH_APP.key}?protocol=7&client=herald-bench&version=0.1.0`;
}

/** Microseconds on the monotonic clock, which every process on the machine shares. */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
