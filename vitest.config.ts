import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{cli,bench,servers,clients,reports,transports}/**/*.test.ts'],
    // No temporary file may outlive a run: the TLS certificate folder goes after each test file.
    setupFiles: ['test/support/dispose-certificate.ts'],
    // Network tests share two cores: one file at a time keeps them from measuring each other.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
