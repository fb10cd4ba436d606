import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// Two entries: the browser-safe client, and server helpers that import node:http types only.
export default defineConfig(packageConfig({ entry: ['src/index.ts', 'src/server.ts'] }));
