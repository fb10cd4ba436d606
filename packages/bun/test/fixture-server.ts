// A Bun process serving Herald from a JSON config (env HERALD_TARGET_CONFIG); prints its port.
// Run by the conformance suite's Bun target: `bun packages/bun/test/fixture-server.ts`.
import { createBunServer } from '../src/index';

const config = JSON.parse(process.env.HERALD_TARGET_CONFIG ?? '{}') as Parameters<
  typeof createBunServer
>[0];
const server = createBunServer({ ...config, host: '127.0.0.1', port: 0, closeTimeoutMs: 1000 });

// Registered before the first await: Bun takes the default action for a signal that arrives
// while no listener is registered yet.
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

const { port } = await server.listen();
console.log(`listening ${port}`);
