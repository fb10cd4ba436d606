import { describe, expect, it } from 'vitest';
import { bunRuntime } from './bun-types';

describe('bunRuntime', () => {
  it('tells a Node user to run under Bun or use @herald/node', () => {
    expect(() => bunRuntime()).toThrow(/needs the Bun runtime.*@herald\/node/);
  });
});
