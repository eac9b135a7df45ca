import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // A real PostgreSQL server and a real Meilisearch, started once for the whole run.
    globalSetup: ['tests/setup/services.ts'],
    // Two cores: the end-to-end build and the servers need them more than parallel files do.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
})
