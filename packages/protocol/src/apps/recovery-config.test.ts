import { describe, expect, it } from 'vitest';
import { defineApp } from './app';
import { defineRecovery, isRecoverable, RECOVERY_DEFAULTS } from './recovery-config';

const credentials = { id: 'a', key: 'k', secret: 's' };

describe('defineRecovery', () => {
  it('is off unless the app asks for it', () => {
    expect(defineApp(credentials).recovery).toBeUndefined();
  });

  it('fills the defaults', () => {
    expect(
      defineApp({ ...credentials, recovery: { channels: ['private-orders.'] } }).recovery,
    ).toEqual({
      channels: ['private-orders.'],
      ...RECOVERY_DEFAULTS,
    });
  });

  it.each([
    [{ channels: [] }, 'app "a" recovery.channels must be a non-empty list'],
    [{ channels: [''] }, 'app "a" recovery.channels must be a non-empty list'],
    [{ channels: ['x'], maxEvents: 0 }, 'app "a" recovery.maxEvents must be a positive number'],
    [{ channels: ['x'], maxAgeSeconds: -1 }, 'recovery.maxAgeSeconds must be a positive number'],
    [{ channels: ['x'], clientEvents: 'yes' }, 'recovery.clientEvents must be true or false'],
    ['private-', 'app "a" recovery must be an object'],
  ])('names the field at fault in %j', (input, message) => {
    expect(() => defineRecovery('a', input)).toThrow(message);
  });

  it('matches channels by prefix', () => {
    const recovery = defineRecovery('a', { channels: ['private-orders.', 'presence-room.'] })!;
    expect(isRecoverable(recovery, 'private-orders.42')).toBe(true);
    expect(isRecoverable(recovery, 'presence-room.1')).toBe(true);
    expect(isRecoverable(recovery, 'private-invoices.1')).toBe(false);
  });
});
