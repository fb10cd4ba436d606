import { describe, expect, it } from 'vitest';
import { ConfigError, validateConfigFile } from './config';

const app = { id: '1', key: 'key', secret: 'secret' };

function problem(json: unknown): string {
  try {
    validateConfigFile(json);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfigFile', () => {
  it('accepts a full config and keeps its values', () => {
    const json = {
      host: '127.0.0.1',
      port: 6001,
      activityTimeoutSeconds: 60,
      subscriptionCountThrottleMs: 500,
      apps: [
        {
          ...app,
          enabled: false,
          clientEvents: 'none',
          allowedOrigins: ['https://*.example.com'],
          subscriptionCount: true,
          cacheTtlSeconds: 60,
          signinTimeoutMs: 0,
          recovery: { channels: ['private-orders.'], maxEvents: 50, maxAgeSeconds: 60 },
          limits: { maxConnections: 10, maxWatchlistSize: 5, maxChannelsPerConnection: 20 },
        },
      ],
    };
    expect(validateConfigFile(json)).toEqual(json);
  });

  it.each([
    [{ apps: [{ ...app, key: '' }] }, 'apps[0].key must be a non-empty string'],
    [{ apps: [app, { id: '2', secret: 's' }] }, 'apps[1].key must be a non-empty string'],
    [{ apps: [{ ...app, enabled: 'yes' }] }, 'apps[0].enabled must be true or false'],
    [
      { apps: [{ ...app, clientEvents: 'all' }] },
      'apps[0].clientEvents must be "members" or "none"',
    ],
    [
      { apps: [{ ...app, limits: { maxConnections: -1 } }] },
      'apps[0].limits.maxConnections must be a non-negative number',
    ],
    [
      { apps: [{ ...app, limits: { maxConections: 1 } }] },
      'apps[0].limits.maxConections is not a known limit',
    ],
    [{ apps: [app, { ...app, key: 'other' }] }, 'apps[1].id duplicates apps[0].id'],
    [{ apps: [app, { ...app, id: '2' }] }, 'apps[1].key duplicates apps[0].key'],
    [
      { apps: [{ ...app, allowedOrigins: 'https://a.com' }] },
      'apps[0].allowedOrigins must be a list of non-empty strings',
    ],
    [
      { apps: [{ ...app, subscriptionCount: 1 }] },
      'apps[0].subscriptionCount must be true or false',
    ],
    [
      { apps: [{ ...app, cacheTtlSeconds: -5 }] },
      'apps[0].cacheTtlSeconds must be a non-negative number',
    ],
    [
      { apps: [{ ...app, recovery: { channels: [] } }] },
      'apps[0].recovery.channels must be a non-empty list of channel name prefixes',
    ],
    [
      { apps: [{ ...app, recovery: { channels: ['private-'], maxEvents: 0 } }] },
      'apps[0].recovery.maxEvents must be a positive number',
    ],
    [
      { apps: [{ ...app, recovery: { channels: ['private-'], maxEvent: 5 } }] },
      'apps[0].recovery.maxEvent is not a known option',
    ],
    [{ apps: {} }, 'apps must be an array'],
    [{ port: 70000 }, 'port must be an integer from 0 to 65535'],
    [{ host: '' }, 'host must be a non-empty string'],
    [{ pongTimeoutMs: 0 }, 'pongTimeoutMs must be a positive number'],
    [{ prot: 6001 }, 'prot is not a known option'],
    [[], 'the config file must be a JSON object'],
  ])('names the field at fault in %j', (json, message) => {
    expect(problem(json)).toContain(message);
  });
});
