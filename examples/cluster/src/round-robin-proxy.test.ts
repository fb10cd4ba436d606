// The example's proxy against plain TCP servers on port 0: rotation, dead targets, the upgrade record.
import { once } from 'node:events';
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy, type Target } from './round-robin-proxy';

const servers: Server[] = [];
let proxy: RoundRobinProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  for (const server of servers.splice(0)) {
    server.close();
  }
});

/** A target that answers every connection with its own name. */
async function namedTarget(name: string): Promise<Target> {
  const server = createServer((socket) => socket.end(name));
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { host: '127.0.0.1', port: (server.address() as { port: number }).port };
}

/** A port nobody listens on: a dead node. */
async function deadTarget(): Promise<Target> {
  const target = await namedTarget('dead');
  const server = servers.pop()!;
  await new Promise((resolve) => server.close(resolve));
  return target;
}

async function answerThrough(port: number): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await once(socket, 'close');
  return text;
}

describe('startRoundRobinProxy', () => {
  it('sends each new connection to the next target in turn', async () => {
    proxy = await startRoundRobinProxy([await namedTarget('a'), await namedTarget('b')]);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await answerThrough(proxy.port));
    expect(answers).toEqual(['a', 'b', 'a', 'b']);
  });

  it('skips a target that refuses the connection', async () => {
    proxy = await startRoundRobinProxy([await namedTarget('a'), await deadTarget()]);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await answerThrough(proxy.port));
    expect(answers).toEqual(['a', 'a', 'a']);
  });

  it('closes the client connection when every target refuses', async () => {
    proxy = await startRoundRobinProxy([await deadTarget(), await deadTarget()]);
    expect(await answerThrough(proxy.port)).toBe('');
  });

  it('records which target each WebSocket upgrade reached', async () => {
    const server = createServer((socket) => socket.once('data', () => socket.end()));
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;
    proxy = await startRoundRobinProxy([
      { host: '127.0.0.1', port },
      { host: '127.0.0.1', port },
    ]);
    for (const request of ['GET / HTTP/1.1\r\n\r\n', 'GET /app/key HTTP/1.1\r\n\r\n']) {
      const client = connect(proxy.port, '127.0.0.1');
      client.end(request);
      client.resume();
      await once(client, 'close');
    }
    expect(proxy.webSockets).toEqual([1]);
  });
});
