import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// The core stays external: webhooks observe the user's own Herald instance.
export default defineConfig(packageConfig({ external: ['@herald/protocol'] }));
