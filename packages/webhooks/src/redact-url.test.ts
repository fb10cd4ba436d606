import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('masks every query value and keeps the names', () => {
    expect(redactUrl('https://hooks.example.com/pusher?token=s3cr3t&app=orders')).toBe(
      'https://hooks.example.com/pusher?token=***&app=***',
    );
  });

  it('masks a repeated query name once', () => {
    expect(redactUrl('https://example.com/h?key=a&key=b')).toBe('https://example.com/h?key=***');
  });

  it('masks the password, keeps the user name, host and port', () => {
    expect(redactUrl('redis://default:hunter2@cache.internal:6380/0')).toBe(
      'redis://default:***@cache.internal:6380/0',
    );
  });

  it('drops the fragment', () => {
    expect(redactUrl('https://example.com/hook#token=s3cr3t')).toBe('https://example.com/hook');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('http://127.0.0.1:9000/hooks')).toBe('http://127.0.0.1:9000/hooks');
  });

  it('never echoes a string that is not a URL', () => {
    expect(redactUrl('s3cr3t-token')).toBe('(url)');
  });
});
