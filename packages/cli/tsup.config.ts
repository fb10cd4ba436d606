import { defineConfig } from 'tsup';

// The `herald` bin: ESM only, one file with a shebang; dependencies stay external (installed with it).
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: false,
  banner: { js: '#!/usr/bin/env node' },
});
