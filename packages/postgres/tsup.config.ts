import { defineConfig } from 'tsup';
import { packageConfig } from '../../tsup.base';

// pg stays external (a dependency, installed beside us); Herald core is the user's own copy.
export default defineConfig(packageConfig({ external: ['pg', '@herald/protocol'] }));
