import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// The hooks run only in client components of React Server Components frameworks. Rollup's
// treeshake pass strips module directives, so esbuild (which tree-shakes too) bundles alone.
export default defineConfig(packageConfig({ banner: { js: "'use client';" }, treeshake: false }));
