// Each end-to-end file starts once the build begun by tests/setup/build.ts has ended, and fails
// with the build's own output when the build failed.
import { existsSync, readFileSync } from 'node:fs'
import { inject } from 'vitest'

const BUILD_TIMEOUT_MS = 15 * 60_000

const outcome = inject('buildOutcome')
const deadline = Date.now() + BUILD_TIMEOUT_MS
while (!existsSync(outcome)) {
  if (Date.now() > deadline) throw new Error(`nuxt build did not end within ${BUILD_TIMEOUT_MS / 60_000} minutes`)
  await new Promise((resolve) => setTimeout(resolve, 500))
}
const { ok, output } = JSON.parse(readFileSync(outcome, 'utf8')) as { ok: boolean; output: string }
if (!ok) throw new Error(output)
