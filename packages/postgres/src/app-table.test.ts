import { describe, expect, it } from 'vitest';
import { CREATE_APPS_TABLE_SQL, createAppsTableSql, selectAppsSql } from './app-table';
import { quoteTableName } from './table-name';

describe('quoteTableName', () => {
  it('quotes a table and a schema-qualified table', () => {
    expect(quoteTableName('herald_apps')).toBe('"herald_apps"');
    expect(quoteTableName('tenants.apps_2')).toBe('"tenants"."apps_2"');
  });

  it.each(['', 'Apps', '1apps', 'a.b.c', 'apps"; DROP TABLE x; --', 'apps ', 'a'.repeat(64)])(
    'refuses %j with a TypeError',
    (name) => {
      expect(() => quoteTableName(name)).toThrow(TypeError);
    },
  );
});

describe('createAppsTableSql', () => {
  it('creates the default table with credentials as columns and the rest in options', () => {
    expect(CREATE_APPS_TABLE_SQL).toContain('CREATE TABLE IF NOT EXISTS "herald_apps"');
    expect(CREATE_APPS_TABLE_SQL).toMatch(/key text NOT NULL UNIQUE/);
    expect(CREATE_APPS_TABLE_SQL).toMatch(/options jsonb NOT NULL DEFAULT '\{\}'::jsonb/);
    expect(createAppsTableSql('x.apps')).toContain('"x"."apps"');
    expect(selectAppsSql('apps')).toBe(
      'SELECT id, key, secret, enabled, options FROM "apps" ORDER BY id',
    );
  });
});
