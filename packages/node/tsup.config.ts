import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

export default defineConfig([
  // The library: ESM + CJS + types. Its clean keeps the CLI files the second build writes.
  packageConfig({ clean: ['!cli.js', '!cli.js.map'] }),
  // The `herald` bin: ESM only, one file, the only output that carries a shebang.
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'es2022',
    splitting: false,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
