// The CLI device on its own (no browser): `--stdin` pipes another tool's output to the app, and a
// full buffer drops the oldest lines, says so on stderr and tells the app how many.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceMessage, DeviceView } from '../src/relay-wire';
import { startRelay, type Relay } from '../src/relay-server';
import { startDeviceProcess, type DeviceProcess } from './device-process';

let relay: Relay | undefined;
const devices = new Set<DeviceProcess>();
afterEach(async () => {
  await Promise.all([...devices].map((device) => device.stop('SIGKILL')));
  devices.clear();
  await relay?.close();
  relay = undefined;
});

function device(app: string, ...flags: string[]): DeviceProcess {
  const started = startDeviceProcess(['--app', app, '--every-ms', '0', '--stdin', ...flags]);
  devices.add(started);
  return started;
}

async function press1(app: Relay): Promise<DeviceView & { recent: DeviceMessage[] }> {
  const response = await fetch(`${app.url}/api/devices`);
  const { devices: all } = (await response.json()) as {
    devices: (DeviceView & { recent: DeviceMessage[] })[];
  };
  return all.find((view) => view.id === 'press-1')!;
}

/** A port nobody listens on right now, to start the app on later. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const linesUpTo = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);

describe('the device CLI', () => {
  it('with --stdin, sends each line of stdin in order, and stops at its end with a goodbye', async () => {
    relay = await startRelay();
    const piped = device(relay.url);
    const lines = linesUpTo(120);
    piped.endInput(`${lines.join('\n')}\n`);
    expect(await piped.exited).toBe(0);
    const view = await press1(relay);
    expect(view.recent.map((message) => message.text)).toEqual(lines);
    expect(view.recent.map((message) => message.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(view.isOnline).toBe(false);
  });

  it('drops the oldest lines past --max-buffered while the app is down, reports it and counts it', async () => {
    const port = await freePort();
    const waiting = device(`http://127.0.0.1:${port}`, '--max-buffered', '5');
    waiting.input(`${linesUpTo(20).join('\n')}\n`);
    await waiting.waitForLine(/^dropped 1 message\(s\): the buffer is full \(1 dropped in all\)$/);

    relay = await startRelay({ port });
    await expect
      .poll(async () => (await press1(relay!)).recent.map((message) => message.text), {
        timeout: 15_000,
      })
      .toEqual(linesUpTo(20).slice(15));
    expect((await press1(relay)).droppedCount).toBe(15);
    waiting.endInput('');
    expect(await waiting.exited).toBe(0);
    await waiting.waitForLine(
      /^dropped 14 message\(s\): the buffer is full \(15 dropped in all\)$/,
    );
  });

  it('exits with 2 when the app does not know its token', async () => {
    relay = await startRelay();
    const stranger = device(relay.url, '--token', 'not-a-device-token');
    expect(await stranger.exited).toBe(2);
    await stranger.waitForLine(/^the app refused this device's token \(401\): check --token$/);
  });
});
