// The app: its page, the device routes (bearer token), /broadcasting/auth for the devices' private
// channels, and Herald embedded on the same node:http server and port (createNodeServer({ server })).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthHandler, createNodeServer, HeraldApiError, toNodeHandler } from '@herald/node';
import { bundleClient } from './bundle-client';
import { DEMO_DEVICES, DeviceRegistry, type DeviceAccount } from './device-registry';
import { parseBatch } from './message-batch';
import { pageHtml } from './page-html';
import {
  AUTH_ENDPOINT,
  CONSOLE_CHANNEL,
  DeviceRoute,
  RELAY_TIMINGS,
  RelayEvent,
  deviceChannel,
  type ConnectAnswer,
  type DeviceMessage,
  type RelayEvents,
} from './relay-wire';

/** The one Herald app of this example. */
export const APP = Object.freeze({
  id: 'device-relay',
  key: 'device-relay-key',
  secret: 'device-relay-secret',
});

/** Under Herald's default `maxEventPayloadBytes` (10 KiB), with room for the event's other fields. */
const MAX_BROADCAST_BYTES = 9 * 1024;
const MAX_COMMAND_LENGTH = 200;

/** Options of {@link startRelay}. */
export interface RelayOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default DEMO_DEVICES */
  devices?: readonly DeviceAccount[];
}

/** A running app. */
export interface Relay {
  /** The page, e.g. `http://127.0.0.1:3000`. */
  readonly url: string;
  readonly port: number;
  /** Refuses device posts (503, so devices keep them), closes Herald's connections, then the server. */
  close(): Promise<void>;
}

/** Starts the app: page, device API and Herald on one port. */
export async function startRelay(options: RelayOptions = {}): Promise<Relay> {
  const registry = new DeviceRegistry(options.devices ?? DEMO_DEVICES);
  const [client, styles] = await Promise.all([
    bundleClient(),
    readFile(new URL('./client/styles.css', import.meta.url), 'utf8'),
  ]);
  let isClosing = false;
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HeraldApiError) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 500, { error: String(error) });
    });
  });
  // Herald answers /app/{key} upgrades and /apps/...; every other request reaches route().
  const herald = createNodeServer<RelayEvents>({ apps: [APP], server, closeTimeoutMs: 500 });
  // Devices sign their subscriptions with their bearer token, and only to their own channel.
  const auth = toNodeHandler(
    createAuthHandler(herald.api, {
      user: (request) => registry.deviceOf(request.headers.get('authorization')),
      authorize: (device, channel) => channel === deviceChannel(device.id),
    }),
  );

  const announce = async (deviceId: string): Promise<void> => {
    await herald.api.trigger(CONSOLE_CHANNEL, RelayEvent.Status, registry.view(deviceId));
  };
  const sweeper = setInterval(() => {
    const silent = registry.sweep(Date.now() - RELAY_TIMINGS.offlineAfterMs);
    for (const id of silent) {
      announce(id).catch((error: unknown) => console.error(`announcing ${id} offline:`, error));
    }
  }, RELAY_TIMINGS.sweepIntervalMs);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET') {
      if (path === '/') return send(res, 200, 'text/html; charset=utf-8', pageHtml(APP.key));
      if (path === '/client.js') return send(res, 200, 'text/javascript; charset=utf-8', client);
      if (path === '/styles.css') return send(res, 200, 'text/css; charset=utf-8', styles);
      if (path === '/api/devices') return sendJson(res, 200, { devices: registry.snapshot() });
    }
    if (req.method !== 'POST') return sendJson(res, 404, { error: 'Not found.' });
    const commandFor = /^\/api\/devices\/([a-z0-9-]{1,40})\/commands$/.exec(path)?.[1];
    if (commandFor !== undefined) return sendCommand(req, res, commandFor);
    if (path === AUTH_ENDPOINT) return auth(req, res);
    if (!Object.values<string>(DeviceRoute).includes(path)) {
      return sendJson(res, 404, { error: 'Not found.' });
    }
    // While closing, a device must keep what it would post: 503 makes it retry against the next app.
    if (isClosing) {
      res.setHeader('retry-after', '1');
      return sendJson(res, 503, { error: 'The app is restarting.' });
    }
    const device = registry.deviceOf(req.headers.authorization);
    if (device === undefined) return sendJson(res, 401, { error: 'Unknown device token.' });
    return deviceRoute(req, res, path, device);
  }

  async function deviceRoute(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    device: DeviceAccount,
  ): Promise<void> {
    const now = Date.now();
    if (path === DeviceRoute.Disconnect) {
      if (registry.gone(device.id)) await announce(device.id);
      return sendJson(res, 200, {});
    }
    const body = await readBody(req);
    if (body === undefined) return sendJson(res, 413, { error: 'A batch is at most 64 KiB.' });
    if (registry.seen(device.id, now)) await announce(device.id);
    if (path === DeviceRoute.Connect) return sendJson(res, 200, connectAnswer(req, device));
    if (path === DeviceRoute.Heartbeat) return sendJson(res, 200, {});
    const batch = parseBatch(body);
    if (typeof batch === 'string') return sendJson(res, 422, { error: batch });
    const { fresh, isNewRun } = registry.accept(device.id, batch);
    if (isNewRun) await announce(device.id);
    await broadcastOutput(device.id, batch.run, fresh, batch.droppedCount);
    // The device drops the batch from its buffer only on this answer, so it is sent after the broadcast.
    sendJson(res, 200, { accepted: fresh.length });
  }

  /** Broadcasts output in events that fit Herald's payload limit (a batch is usually one). */
  async function broadcastOutput(
    deviceId: string,
    run: string,
    messages: DeviceMessage[],
    droppedCount: number,
  ): Promise<void> {
    if (messages.length === 0) return;
    const event = { deviceId, run, messages, droppedCount };
    if (messages.length === 1 || Buffer.byteLength(JSON.stringify(event)) <= MAX_BROADCAST_BYTES) {
      await herald.api.trigger(CONSOLE_CHANNEL, RelayEvent.Output, event);
      return;
    }
    const half = Math.ceil(messages.length / 2);
    await broadcastOutput(deviceId, run, messages.slice(0, half), droppedCount);
    await broadcastOutput(deviceId, run, messages.slice(half), droppedCount);
  }

  async function sendCommand(
    req: IncomingMessage,
    res: ServerResponse,
    deviceId: string,
  ): Promise<void> {
    if (!registry.has(deviceId)) return sendJson(res, 404, { error: `No device ${deviceId}.` });
    let command = '';
    try {
      const parsed = JSON.parse((await readBody(req)) ?? '') as { command?: unknown };
      command = typeof parsed.command === 'string' ? parsed.command.trim() : '';
    } catch {
      // answered below
    }
    if (command === '' || command.length > MAX_COMMAND_LENGTH) {
      return sendJson(res, 422, { error: `A command is 1 to ${MAX_COMMAND_LENGTH} characters.` });
    }
    const sent = { id: randomUUID(), command, sentAt: Date.now() };
    const channel = deviceChannel(deviceId);
    // A command is not kept for a device that is away: say so instead of pretending it went out.
    const result = await herald.api.trigger(channel, RelayEvent.Command, sent, {
      info: ['subscription_count'],
    });
    if (result.channels?.[channel]?.subscription_count === 0) {
      const { name } = registry.view(deviceId);
      return sendJson(res, 409, {
        error: `${name} is not listening; the command was not delivered.`,
      });
    }
    sendJson(res, 202, sent);
  }

  const { port } = await new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
  await herald.listen();
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    async close() {
      isClosing = true;
      clearInterval(sweeper);
      const closed = new Promise((resolve) => server.close(resolve));
      await herald.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Where the device connects: the host and port it reached the app on, where Herald is too. */
function connectAnswer(req: IncomingMessage, device: DeviceAccount): ConnectAnswer {
  const [host = '127.0.0.1', port] = (req.headers.host ?? '').split(':');
  const isTls = req.headers['x-forwarded-proto'] === 'https';
  return {
    deviceId: device.id,
    channel: deviceChannel(device.id),
    pusher: {
      key: APP.key,
      host,
      port: Number(port ?? (isTls ? 443 : 80)),
      scheme: isTls ? 'https' : 'http',
    },
    authEndpoint: AUTH_ENDPOINT,
    heartbeatIntervalMs: RELAY_TIMINGS.heartbeatIntervalMs,
    offlineAfterMs: RELAY_TIMINGS.offlineAfterMs,
  };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res
    .writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
    .end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json', JSON.stringify(body));
}

/** The body as text, or `undefined` past `maxBytes`. */
function readBody(req: IncomingMessage, maxBytes = 64 * 1024): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}
