// Shared tsup settings: every package ships ESM + CJS + .d.ts with sourcemaps, peers external.
import type { Options } from 'tsup';

export function packageConfig(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
