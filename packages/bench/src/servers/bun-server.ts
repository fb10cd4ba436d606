// The server under test on Bun: createBunServer with the bench app, run by the Bun binary.
import { createBunServer } from '@herald/bun';
import { BENCH_APP, BENCH_HOST } from '../lib/bench-app';
import { announceListening } from '../lib/server-control';

const server = createBunServer({
  apps: [
    {
      ...BENCH_APP,
      limits: { maxPresenceMembers: 100_000, maxConnections: 0, maxChannelsPerPublish: 100 },
    },
  ],
  host: BENCH_HOST,
  port: 0,
  activityTimeoutSeconds: 120,
});

const { port } = await server.listen();
announceListening('bun', port);
