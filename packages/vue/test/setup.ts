// Test setup: unmount rendered components after each test (testing-library cannot find vitest's afterEach).
import { cleanup } from '@testing-library/vue';
import { afterEach } from 'vitest';

afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
