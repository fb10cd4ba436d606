import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

export default defineConfig([
  packageConfig({ clean: ['!cli-entry.js', '!cli-entry.js.map'] }),
  // Run by Bun for `herald start --runtime bun`: ESM only, no types.
  { entry: { 'cli-entry': 'src/cli-entry.ts' }, format: ['esm'], dts: false, sourcemap: true, clean: false, target: 'es2022', splitting: false },
]);
