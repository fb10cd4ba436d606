import { EventEmitter, once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import {
  frameFromText,
  type ConnectionHandler,
  type ConnectionRef,
  type Frame,
  type UpgradeRequest,
} from '@herald/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { WsSocket } from './ws-socket';

/** A ConnectionHandler that emits each call, so tests wait on events. */
class RecordingHandler extends EventEmitter implements ConnectionHandler {
  readonly ref: ConnectionRef = { socketId: '1.1' };
  closes: number[] = [];
  open(): ConnectionRef {
    return this.ref;
  }
  message(_conn: ConnectionRef, text: string): void {
    this.emit('message', text);
  }
  binary(): void {
    this.emit('binary');
  }
  pong(): void {
    this.emit('pong');
  }
  close(_conn: ConnectionRef, code: number): void {
    this.closes.push(code);
    this.emit('close', code);
  }
}

/** A Frame that counts how often its encoded form is built. */
function countingFrame(text: string): Frame & { builds: number } {
  const inner = frameFromText(text);
  const frame = {
    text,
    byteLength: inner.byteLength,
    builds: 0,
    encode<T>(key: symbol, build: (text: string) => T): T {
      return inner.encode(key, (t) => {
        frame.builds++;
        return build(t);
      });
    },
  };
  return frame;
}

const REQUEST: UpgradeRequest = {
  path: '/app/k',
  query: 'protocol=7',
  headers: {},
  remoteAddress: '127.0.0.1',
};

interface Pair {
  socket: WsSocket;
  server: WebSocket;
  client: WebSocket;
  handler: RecordingHandler;
}

let http: Server | undefined;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  if (http) await new Promise((resolve) => http?.close(resolve));
  http = undefined;
});

/** Starts a ws server on port 0 whose connections become WsSockets. */
async function listen(
  perMessageDeflate = false,
): Promise<(clientOptions?: WebSocket.ClientOptions) => Promise<Pair>> {
  http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as AddressInfo;
  return async (clientOptions) => {
    const accepted = once(wss, 'connection') as Promise<[WebSocket]>;
    const client = new WebSocket(`ws://127.0.0.1:${port}/app/k`, clientOptions);
    clients.push(client);
    const [server] = await accepted;
    await once(client, 'open');
    const handler = new RecordingHandler();
    return { socket: WsSocket.accept(server, REQUEST, handler), server, client, handler };
  };
}

function nextText(client: WebSocket): Promise<string> {
  return once(client, 'message').then(([data]) => (data as Buffer).toString('utf8'));
}

describe('WsSocket', () => {
  it('delivers a frame as one text message with the exact JSON', async () => {
    const { socket, client } = await (await listen())();
    const text = '{"event":"e","data":"{\\"ünï\\":\\"😀\\"}"}';
    const received = nextText(client);
    socket.send(frameFromText(text));
    expect(await received).toBe(text);
  });

  it('frames a broadcast once and writes the same bytes to every socket', async () => {
    const connect = await listen();
    const a = await connect();
    const b = await connect();
    const frame = countingFrame('{"event":"x"}');
    const both = Promise.all([nextText(a.client), nextText(b.client)]);
    a.socket.send(frame);
    b.socket.send(frame);
    expect(await both).toEqual(['{"event":"x"}', '{"event":"x"}']);
    expect(frame.builds).toBe(1);
  });

  it('counts pre-framed bytes not yet written in bufferedAmount', async () => {
    const { socket, server } = await (await listen())();
    const net = (server as unknown as { _socket: NetSocket })._socket;
    net.cork();
    const before = socket.bufferedAmount;
    socket.send(frameFromText('x'.repeat(1000)));
    // 1000 bytes of payload behind a 4-byte header (126 + 16-bit length).
    expect(socket.bufferedAmount - before).toBe(1004);
    net.uncork();
  });

  it('falls back to ws.send when permessage-deflate was negotiated', async () => {
    const { socket, client } = await (await listen(true))({ perMessageDeflate: true });
    const frame = countingFrame('{"event":"compressed"}');
    const received = nextText(client);
    socket.send(frame);
    expect(await received).toBe('{"event":"compressed"}');
    expect(frame.builds).toBe(0);
  });

  it('closes with the code and reason and reports the close to the core once', async () => {
    const { socket, client, handler } = await (await listen())();
    const clientClosed = once(client, 'close');
    socket.close(4200, 'restarting');
    socket.close(4100, 'again');
    const [code, reason] = (await clientClosed) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([4200, 'restarting']);
    expect(handler.closes).toEqual([4200]);
  });

  it('ignores send after close without throwing or writing', async () => {
    const { socket, handler } = await (await listen())();
    socket.close(4200, 'bye');
    await once(handler, 'close');
    const frame = countingFrame('{"event":"late"}');
    expect(() => socket.send(frame)).not.toThrow();
    expect(frame.builds).toBe(0);
  });

  it('reports a peer close to the core exactly once with its code', async () => {
    const { client, server, handler } = await (await listen())();
    const serverClosed = once(server, 'close');
    client.close(1000);
    await serverClosed;
    expect(handler.closes).toEqual([1000]);
  });

  it('passes text as text, binary as binary and pongs as activity', async () => {
    const { client, server, handler } = await (await listen())();
    const text = once(handler, 'message');
    client.send('{"event":"pusher:ping"}');
    expect(await text).toEqual(['{"event":"pusher:ping"}']);
    const binary = once(handler, 'binary');
    client.send(Buffer.from([0xff]));
    await binary;
    const pong = once(handler, 'pong');
    server.ping();
    await pong;
  });

  it('exposes the remote address of the upgrade request', async () => {
    const { socket } = await (await listen())();
    expect(socket.remoteAddress).toBe('127.0.0.1');
  });
});
