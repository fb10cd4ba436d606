// Real-server tests of attach mode: Herald beside an app's own routes on one node:http server.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Pusher from 'pusher';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createNodeServer, type NodeServer } from '../src/index';
import { RawClient, TEST_APP } from './support';

let app: Server | undefined;
let herald: NodeServer | undefined;
const clients: RawClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await herald?.close();
  if (app?.listening) {
    app.closeAllConnections();
    await new Promise((resolve) => app?.close(resolve));
  }
  app = herald = undefined;
});

/** The app's own handler: answers /hello, 404 for anything else. */
function appHandler(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/hello') {
    res.end('hello from the app');
    return;
  }
  res.statusCode = 404;
  res.end('app: not found');
}

async function listen(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function connect(port: number): Promise<RawClient> {
  const client = await RawClient.connect(`ws://127.0.0.1:${port}/app/${TEST_APP.key}?protocol=7`);
  clients.push(client);
  return client;
}

describe('createNodeServer({ server })', () => {
  it('serves Herald and the app routes on one port', async () => {
    app = createServer(appHandler);
    herald = createNodeServer({ apps: [TEST_APP], server: app });
    const port = await listen(app);

    expect(await (await fetch(`http://127.0.0.1:${port}/hello`)).text()).toBe('hello from the app');
    expect(await (await fetch(`http://127.0.0.1:${port}/elsewhere`)).text()).toBe('app: not found');
    expect((await fetch(`http://127.0.0.1:${port}/up`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);

    const client = await connect(port);
    await client.established();
    await client.subscribe('news');
    const pusher = new Pusher({
      appId: TEST_APP.id,
      key: TEST_APP.key,
      secret: TEST_APP.secret,
      host: '127.0.0.1',
      port: String(port),
      useTLS: false,
    });
    await pusher.trigger('news', 'headline', 'shared port');
    expect((await client.nextJson()).event).toBe('headline');
  });

  it("leaves other upgrade paths to the app's own WebSocket server", async () => {
    app = createServer(appHandler);
    const appWss = new WebSocketServer({ noServer: true });
    app.on('upgrade', (req, socket, head) => {
      if (req.url !== '/live') return;
      appWss.handleUpgrade(req, socket, head, (ws) => ws.send('app socket'));
    });
    herald = createNodeServer({ apps: [TEST_APP], server: app });
    const port = await listen(app);

    const appClient = new WebSocket(`ws://127.0.0.1:${port}/live`);
    const [message] = (await once(appClient, 'message')) as [Buffer];
    expect(message.toString()).toBe('app socket');
    appClient.terminate();
    const heraldClient = await connect(port);
    await heraldClient.established();
  });

  it('refuses a foreign upgrade with 400 when the app has no upgrade listener', async () => {
    app = createServer(appHandler);
    herald = createNodeServer({ apps: [TEST_APP], server: app });
    const port = await listen(app);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/other`);
    ws.on('error', () => undefined);
    const [req, res] = (await once(ws, 'unexpected-response')) as [
      { destroy(): void },
      IncomingMessage,
    ];
    expect(res.statusCode).toBe(400);
    req.destroy();
  });

  it("close() closes Herald's clients with 4200, keeps the app serving and gives it its paths back", async () => {
    app = createServer(appHandler);
    herald = createNodeServer({ apps: [TEST_APP], server: app });
    const port = await listen(app);
    const client = await connect(port);
    await client.established();

    await herald.close();
    expect((await client.closed).code).toBe(4200);
    expect(app.listening).toBe(true);
    expect(await (await fetch(`http://127.0.0.1:${port}/hello`)).text()).toBe('hello from the app');
    expect(await (await fetch(`http://127.0.0.1:${port}/up`)).text()).toBe('app: not found');
  });

  it('mounts by hand through handleRequest and handleUpgrade', async () => {
    const node = createNodeServer({ apps: [TEST_APP] });
    herald = node;
    app = createServer((req, res) => node.handleRequest(req, res) || appHandler(req, res));
    app.on(
      'upgrade',
      (req, socket, head) => node.handleUpgrade(req, socket, head) || socket.destroy(),
    );
    const port = await listen(app);

    expect(await (await fetch(`http://127.0.0.1:${port}/hello`)).text()).toBe('hello from the app');
    expect((await fetch(`http://127.0.0.1:${port}/up`)).status).toBe(200);
    const client = await connect(port);
    await client.established();
  });
});
