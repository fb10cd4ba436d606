// The Node adapter as a conformance target: createNodeServer from @herald/node on a free port.
import { createNodeServer } from '@herald/node';
import type { RunningServer, ServerTarget, TargetConfig } from '../src/index';

/** Runs the suite against `createNodeServer` in this process. */
export const nodeTarget: ServerTarget = {
  name: 'node',
  async start(config: TargetConfig): Promise<RunningServer> {
    const server = createNodeServer({
      ...config,
      host: '127.0.0.1',
      port: 0,
      closeTimeoutMs: 1000,
    });
    const { host, port } = await server.listen();
    return { host, port, close: () => server.close() };
  },
};
