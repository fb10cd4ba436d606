import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// Peers stay external: the user's own nats client and Herald core are used, never a bundled copy.
export default defineConfig(packageConfig({ external: ['nats', '@herald/protocol'] }));
