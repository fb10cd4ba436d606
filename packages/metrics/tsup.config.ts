import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// Herald core stays external (the embedder's own instance); prom-client is a dependency, also
// external, so a registry passed in and the default one come from the same installed copy.
export default defineConfig(packageConfig({ external: ['prom-client', '@herald/protocol'] }));
