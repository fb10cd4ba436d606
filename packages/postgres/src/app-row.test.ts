import { describe, expect, it } from 'vitest';
import { appFromRow } from './app-row';

const ROW = { id: 'a', key: 'k', secret: 's', enabled: true, options: {} };

describe('appFromRow', () => {
  it('fills defaults through defineApp', () => {
    expect(appFromRow(ROW)).toMatchObject({
      id: 'a',
      key: 'k',
      enabled: true,
      clientEvents: 'members',
    });
  });

  it('lets the columns win over the same fields in options', () => {
    const app = appFromRow({
      ...ROW,
      enabled: false,
      options: { id: 'x', secret: 'y', enabled: true },
    });
    expect(app).toMatchObject({ id: 'a', secret: 's', enabled: false });
  });

  it('treats a NULL options or enabled as unset', () => {
    expect(appFromRow({ ...ROW, enabled: null, options: null }).enabled).toBe(true);
  });

  it('takes limits from options, maxChannelsPerConnection included', () => {
    const app = appFromRow({ ...ROW, options: { limits: { maxChannelsPerConnection: 500 } } });
    expect(app.limits).toMatchObject({ maxChannelsPerConnection: 500, maxConnections: 0 });
    expect(appFromRow(ROW).limits.maxChannelsPerConnection).toBe(100);
  });

  it('accepts fields it does not know, for settings of a newer core', () => {
    expect(() => appFromRow({ ...ROW, options: { webhooks: [], someday: 1 } })).not.toThrow();
  });

  it.each([
    [{ ...ROW, options: [] }, /options must be a JSON object/],
    [{ ...ROW, options: 'x' }, /options must be a JSON object/],
    [{ ...ROW, enabled: 'yes' }, /enabled must be a boolean/],
    [{ ...ROW, secret: '' }, /app.secret must be a non-empty string/],
    [{ ...ROW, options: { limits: { maxConnections: -1 } } }, /limits.maxConnections/],
  ])('refuses a bad row with a TypeError naming the field (%#)', (row, message) => {
    expect(() => appFromRow(row)).toThrow(message);
  });
});
