// The server under test: Herald on Node (createNodeServer) with the bench app and its limits raised.
import { createNodeServer } from '@herald/node';
import { BENCH_APP, BENCH_HOST } from '../lib/bench-app';
import { announceListening } from '../lib/server-control';

const server = createNodeServer({
  apps: [
    {
      ...BENCH_APP,
      limits: {
        maxPresenceMembers: 100_000,
        maxConnections: 0,
        maxChannelsPerPublish: 100,
      },
    },
  ],
  host: BENCH_HOST,
  port: 0,
  // Loaders stay quiet for a whole scenario; keep the server from pinging them mid-measurement.
  activityTimeoutSeconds: 120,
});

const { port } = await server.listen();
announceListening('herald', port);
