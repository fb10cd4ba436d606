// The CLI device on its own (no browser): `--stdin` pipes another tool's output to the app.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceMessage, DeviceView } from '../src/relay-wire';
import { startRelay, type Relay } from '../src/relay-server';
import { startDeviceProcess } from './device-process';

let relay: Relay;
beforeEach(async () => {
  relay = await startRelay();
});
afterEach(async () => {
  await relay.close();
});

async function devices(): Promise<(DeviceView & { recent: DeviceMessage[] })[]> {
  const response = await fetch(`${relay.url}/api/devices`);
  return ((await response.json()) as { devices: (DeviceView & { recent: DeviceMessage[] })[] })
    .devices;
}

describe('the device CLI', () => {
  it('with --stdin, sends each line of stdin in order, and stops at its end with a goodbye', async () => {
    const device = startDeviceProcess(['--app', relay.url, '--every-ms', '0', '--stdin']);
    const lines = Array.from({ length: 120 }, (_, i) => `line ${i + 1}`);
    device.endInput(`${lines.join('\n')}\n`);
    expect(await device.exited).toBe(0);
    const [press] = await devices();
    expect(press!.recent.map((message) => message.text)).toEqual(lines);
    expect(press!.recent.map((message) => message.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(press!.isOnline).toBe(false);
  });
});
