// The ceiling: a raw ws broadcaster that frames each published message once and writes the same
// bytes to every subscribed socket. It speaks just enough Pusher (connection_established,
// subscribe, ping) for the bench's loaders, with the least bookkeeping that can still route.
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { PusherEvent } from '@herald/protocol';
import type WebSocket from 'ws';
import * as wsModule from 'ws';
import { WebSocketServer } from 'ws';
import { BENCH_HOST, RAW_PUBLISH_PATH } from '../lib/bench-app';
import { announceListening } from '../lib/server-control';

interface SenderStatic {
  frame(
    data: Buffer,
    options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
  ): Buffer[];
}
// ws's ESM wrapper exports Sender by name; it is not on the default export there.
const Sender = (wsModule as unknown as { Sender: SenderStatic }).Sender;

/** One unmasked text frame, built once per broadcast. */
function textFrame(text: string): Buffer {
  const parts = Sender.frame(Buffer.from(text), {
    fin: true,
    opcode: 1,
    mask: false,
    readOnly: false,
    rsv1: false,
  });
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

/** The net socket under a ws WebSocket, written to directly. */
function netSocketOf(ws: WebSocket): Socket {
  return (ws as unknown as { _socket: Socket })._socket;
}

const channels = new Map<string, Set<WebSocket>>();
let nextSocketId = 1;

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
});
const PONG = JSON.stringify({ event: PusherEvent.Pong, data: {} });

function accept(ws: WebSocket): void {
  const socketId = `${process.pid}.${nextSocketId++}`;
  const joined: string[] = [];
  ws.send(
    JSON.stringify({
      event: PusherEvent.ConnectionEstablished,
      data: JSON.stringify({ socket_id: socketId, activity_timeout: 120 }),
    }),
  );
  // Text frames from the loaders arrive as one Buffer (no fragmentation, no binaryType change).
  ws.on('message', (raw: Buffer) => {
    let message: { event?: unknown; data?: { channel?: unknown } };
    try {
      message = JSON.parse(raw.toString('utf8')) as typeof message;
    } catch {
      return;
    }
    if (message.event === PusherEvent.Ping) {
      ws.send(PONG);
      return;
    }
    const channel = message.data?.channel;
    if (message.event !== PusherEvent.Subscribe || typeof channel !== 'string') return;
    let members = channels.get(channel);
    if (members === undefined) channels.set(channel, (members = new Set()));
    members.add(ws);
    joined.push(channel);
    ws.send(JSON.stringify({ event: PusherEvent.SubscriptionSucceeded, channel, data: '{}' }));
  });
  ws.on('close', () => {
    for (const channel of joined) {
      const members = channels.get(channel);
      members?.delete(ws);
      if (members?.size === 0) channels.delete(channel);
    }
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== RAW_PUBLISH_PATH) {
    res.writeHead(404).end();
    return;
  }
  readBody(req)
    .then((body) => {
      const { channel, name, data } = JSON.parse(body) as {
        channel: string;
        name: string;
        data: string;
      };
      const bytes = textFrame(JSON.stringify({ event: name, channel, data }));
      for (const ws of channels.get(channel) ?? []) netSocketOf(ws).write(bytes);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    })
    .catch((error: unknown) => {
      console.error('raw-ws: bad publish', error);
      res.writeHead(400).end();
    });
});
server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
  wss.handleUpgrade(req, socket, head, accept);
});

server.listen(0, BENCH_HOST, () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('raw-ws: no TCP address');
  announceListening('raw-ws', address.port);
});
