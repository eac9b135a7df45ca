import { defineConfig } from 'vitest/config'

// Three projects: `npx vitest run --project unit` needs neither a build nor a database and takes
// seconds; integration tests get a real PostgreSQL and Meilisearch; end-to-end tests get those and
// the built portal. `vitest run` runs all three, the servers started once for both that need them.
const servers = 'tests/setup/services.ts'
// In every file that talks to PostgreSQL: no two queries at once on one connection.
const pgWarnings = 'tests/setup/pg-warnings.ts'

export default defineConfig({
  test: {
    // Two cores: the end-to-end build and the servers need them more than parallel files do.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 240_000,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'unit', sequence: { groupOrder: 1 }, include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', sequence: { groupOrder: 1 }, include: ['tests/integration/**/*.test.ts'], globalSetup: [servers], setupFiles: [pgWarnings] } },
      // After them: the build runs while the unit and integration tests do (each e2e file waits for
      // it, built.ts). A project of one worker without a group of its own would run last of all.
      { extends: true, test: { name: 'e2e', sequence: { groupOrder: 2 }, include: ['tests/e2e/**/*.test.ts'], globalSetup: ['tests/setup/build.ts', servers], setupFiles: ['tests/setup/built.ts', pgWarnings] } },
    ],
  },
})
