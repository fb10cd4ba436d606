// Test setup: unmount rendered components after each test (testing-library cannot find vitest's afterEach).
import { cleanup, configure } from '@testing-library/vue';
import { afterEach } from 'vitest';

// waitFor polls what a real server produces; on a loaded 2-core CI machine that can take longer
// than testing-library's 1 s default.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
