// The end-to-end tests run the production build: `nuxt build` once per run. It starts here, before
// any test, and runs while the unit and integration tests do; each end-to-end file waits for it
// (tests/setup/built.ts). E2E_BUILD=0 skips it and uses the .output already there.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { root } from '../helpers/portal'

declare module 'vitest' {
  export interface ProvidedContext {
    /** the file the build's outcome is written to once it ends ({ ok, output }) */
    buildOutcome: string
  }
}

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sanzhang-build-'))
  const outcome = path.join(dir, 'outcome.json')
  project.provide('buildOutcome', outcome)
  if (process.env.E2E_BUILD === '0') {
    writeFileSync(outcome, JSON.stringify({ ok: true, output: '' }))
    return () => rmSync(dir, { recursive: true, force: true })
  }
  const build = spawn(process.execPath, [path.join(root, 'node_modules/nuxt/bin/nuxt.mjs'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  let output = ''
  build.stderr.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-20_000) })
  build.on('exit', (code, signal) => writeFileSync(outcome, JSON.stringify({ ok: code === 0, output: `nuxt build ended with ${signal ?? `exit code ${code}`}\n${output}` })))
  return async () => {
    if (build.exitCode === null && build.signalCode === null) {
      const ended = new Promise((resolve) => build.once('exit', resolve))
      build.kill('SIGTERM')
      await ended
    }
    rmSync(dir, { recursive: true, force: true })
  }
}
