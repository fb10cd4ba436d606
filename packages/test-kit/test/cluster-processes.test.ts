// Real `herald` processes (Node and `--runtime bun`) joined over real Redis and NATS: SIGKILL a
// node, drop a client, stop and restart the bus.
import { randomBytes } from 'node:crypto';
import { defineApp, signChannel } from '@herald/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEstablished, createPublisher, testApp, type EstablishedClient } from '../src/index';
import { natsBroker, redisBroker, type Broker } from '../src/scaling/broker';
import { HeraldProcess } from '../src/scaling/herald-process';
import { NATS_URL } from '../src/scaling/nats-bus-target';
import { REDIS_URL } from '../src/scaling/redis-bus-target';

const app = testApp();
const signer = defineApp(app);
const processes: HeraldProcess[] = [];
const clients: EstablishedClient[] = [];
const brokers: Broker[] = [];
const TIMING = { heartbeatIntervalMs: 200, nodeTimeoutMs: 1000 };

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.client.close()));
  await Promise.all(processes.splice(0).map((p) => p.kill()));
  await Promise.all(brokers.splice(0).map((b) => b.stop()));
});

type Runtime = 'node' | 'bun';

async function startNode(
  runtime: Runtime,
  driver: 'redis' | 'nats',
  url: string,
  prefix: string,
): Promise<number> {
  const { process, port } = await HeraldProcess.start(
    { apps: [app], scaling: { driver, url, prefix, ...TIMING } },
    ['--runtime', runtime],
  );
  processes.push(process);
  await process.line(/scaling over/);
  return port;
}

async function joinPresence(port: number, user: string): Promise<EstablishedClient> {
  const raw = await connectEstablished(`ws://127.0.0.1:${port}/app/${app.key}?protocol=7`);
  clients.push(raw);
  const data = JSON.stringify({ user_id: user });
  raw.client.send({
    event: 'pusher:subscribe',
    data: {
      channel: 'presence-room',
      auth: signChannel(signer, raw.socketId, 'presence-room', data),
      channel_data: data,
    },
  });
  await raw.client.next('pusher_internal:subscription_succeeded');
  return raw;
}

const memberEvent =
  (event: string, user: string) => (m: { event: string | undefined; data: unknown }) =>
    m.event === event && m.data === JSON.stringify({ user_id: user });

for (const [runtime, driver, url] of [
  ['node', 'redis', REDIS_URL],
  ['node', 'nats', NATS_URL],
  ['bun', 'redis', REDIS_URL],
  ['bun', 'nats', NATS_URL],
] as const) {
  describe(`herald --runtime ${runtime} processes over ${driver}`, () => {
    it('removes the members of a dropped client connection on the other nodes at once', async () => {
      const prefix = `herald-drop-${randomBytes(4).toString('hex')}`;
      const ports = [
        await startNode(runtime, driver, url, prefix),
        await startNode(runtime, driver, url, prefix),
      ];
      const watcher = await joinPresence(ports[0]!, 'watcher');
      const dropped = await joinPresence(ports[1]!, 'dropped');
      await watcher.client.next(memberEvent('pusher_internal:member_added', 'dropped'), 5000);
      // No close frame: the TCP connection just ends, as when a client's process dies.
      dropped.client.ws.terminate();
      // The dropped client's node stays alive and the activity timeout (30 s) is far off: only
      // noticing the close itself removes the member within this wait.
      await watcher.client.next(memberEvent('pusher_internal:member_removed', 'dropped'), 10_000);
    });

    it(
      "removes a SIGKILLed node's members on every surviving node within the node timeout",
      { timeout: 30_000 },
      async () => {
        const prefix = `herald-kill-${randomBytes(4).toString('hex')}`;
        const ports = [
          await startNode(runtime, driver, url, prefix),
          await startNode(runtime, driver, url, prefix),
          await startNode(runtime, driver, url, prefix),
        ];
        const [a, b] = [await joinPresence(ports[0]!, 'ann'), await joinPresence(ports[1]!, 'bob')];
        await joinPresence(ports[2]!, 'cat');
        for (const watcher of [a, b])
          await watcher.client.next(memberEvent('pusher_internal:member_added', 'cat'), 5000);
        const killedAt = Date.now();
        await processes[2]!.kill();
        for (const watcher of [a, b])
          await watcher.client.next(memberEvent('pusher_internal:member_removed', 'cat'), 10_000);
        // Bounded by the configured node timeout plus a heartbeat, with room for a loaded machine.
        expect(Date.now() - killedAt).toBeLessThan(TIMING.nodeTimeoutMs * 6);
        const users = await createPublisher({ host: '127.0.0.1', port: ports[0]! }, app).get({
          path: '/channels/presence-room/users',
        });
        expect(
          ((await users.json()) as { users: Array<{ id: string }> }).users.map((u) => u.id).sort(),
        ).toEqual(['ann', 'bob']);
        // Exactly once: nothing more about cat arrives before a later event.
        await createPublisher({ host: '127.0.0.1', port: ports[0]! }, app).trigger(
          'presence-room',
          'after',
          'x',
        );
        await a.client.next('after');
        expect(
          a.client.received.filter(memberEvent('pusher_internal:member_removed', 'cat')),
        ).toHaveLength(1);
      },
    );

    it(
      'keeps serving local sockets through a bus outage and reconciles presence afterwards',
      { timeout: 60_000 },
      async () => {
        const broker = driver === 'redis' ? await redisBroker() : await natsBroker();
        brokers.push(broker);
        await broker.start();
        const prefix = `herald-outage-${randomBytes(4).toString('hex')}`;
        const ports = [
          await startNode(runtime, driver, broker.url, prefix),
          await startNode(runtime, driver, broker.url, prefix),
        ];
        const watcher = await joinPresence(ports[1]!, 'watcher');
        await joinPresence(ports[0]!, 'ann');
        await watcher.client.next(memberEvent('pusher_internal:member_added', 'ann'), 5000);
        await broker.stop();
        await processes[0]!.line(/scaling bus .* is down/);
        await processes[1]!.line(/scaling bus .* is down/);
        // Node 0 still serves its own sockets while the bus is gone.
        const local = await joinPresence(ports[0]!, 'during-outage');
        await createPublisher({ host: '127.0.0.1', port: ports[0]! }, app).trigger(
          'presence-room',
          'local',
          'still-here',
        );
        await local.client.next('local');
        // Longer than the node timeout: neither node may take the other for dead meanwhile.
        await new Promise((resolve) => setTimeout(resolve, TIMING.nodeTimeoutMs * 3));
        await broker.start();
        await processes[0]!.line(/scaling bus .* is up/);
        // The member who joined during the outage reaches the other node once the bus is back.
        await watcher.client.next(
          memberEvent('pusher_internal:member_added', 'during-outage'),
          15_000,
        );
        // What could not cross the bus meanwhile (heartbeats, the join) was counted and reported.
        await processes[0]!.line(/\d+ messages could not cross the bus while it was down/);
        expect(processes.every((p) => p.child.exitCode === null)).toBe(true);
        // ann's node never died: her watcher never saw her leave, nor join twice.
        await createPublisher({ host: '127.0.0.1', port: ports[1]! }, app).trigger(
          'presence-room',
          'after',
          'x',
        );
        await watcher.client.next('after');
        expect(
          watcher.client.received.filter(memberEvent('pusher_internal:member_removed', 'ann')),
        ).toEqual([]);
        expect(
          watcher.client.received.filter(memberEvent('pusher_internal:member_added', 'ann')),
        ).toHaveLength(1);
        // Reconnect errors travel as bus status lines, not as ioredis's unhandled-error stacks.
        expect(
          processes
            .flatMap((p) => p.lines)
            .filter((line) => line.includes('Unhandled error event')),
        ).toEqual([]);
      },
    );
  });
}
