// Herald and an app's own fetch handler sharing one Bun.serve, under the real Bun runtime.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const require = createRequire(import.meta.url);
const BUN = join(dirname(require.resolve('bun/package.json')), 'bin', 'bun.exe');
const FIXTURE = fileURLToPath(new URL('./embed-fixture.ts', import.meta.url));
let child: ReturnType<typeof spawn>;
let port: number;

beforeAll(async () => {
  child = spawn(BUN, [FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
  port = await new Promise<number>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
});

afterAll(async () => {
  child.kill('SIGTERM');
  await once(child, 'exit');
});

describe('createBunServer beside an app', () => {
  it('leaves the app its own routes', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/dashboard`);
    expect(await res.text()).toBe('app route /dashboard');
  });

  it("serves Herald's health check and WebSocket on the same port", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/up`)).status).toBe(200);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/embed-key?protocol=7`);
    const [data] = (await once(ws, 'message')) as [Buffer];
    expect(JSON.parse(data.toString('utf8'))).toMatchObject({
      event: 'pusher:connection_established',
    });
    ws.close();
  });

  it('lets an app route publish through server.api to a subscriber on the same port', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/app/embed-key?protocol=7`);
    const frames: Array<{ event: string; channel?: string; data?: unknown }> = [];
    ws.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8'))));
    await once(ws, 'message');
    ws.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: 'news' } }));
    await until(() => frames.some((f) => f.event === 'pusher_internal:subscription_succeeded'));
    const res = await fetch(`http://127.0.0.1:${port}/publish`, { method: 'POST' });
    expect(await res.json()).toEqual({ channels: { news: { subscription_count: 1 } } });
    await until(() => frames.some((f) => f.event === 'flash'));
    expect(frames.find((f) => f.event === 'flash')).toEqual({
      event: 'flash',
      channel: 'news',
      data: '{"n":1}',
    });
    ws.close();
  });
});

/** Resolves once `check` holds; the test's own timeout bounds the wait. */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}
