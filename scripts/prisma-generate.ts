// Generates the Prisma client when schema.prisma is newer than it. The Prisma CLI would first
// download a native schema engine it does not need for generating; pointing it at /bin/false
// skips that download (see docs/DATABASE.md).
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import path from 'node:path'

// Self-contained: it runs before the generated client that the rest of the project imports exists.
const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const schema = path.join(projectRoot, 'prisma/schema.prisma')
const marker = path.join(projectRoot, 'server/generated/prisma/client.ts')

export function generatePrismaClient(force = false): void {
  if (!force && existsSync(marker) && statSync(marker).mtimeMs >= statSync(schema).mtimeMs) return
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules/prisma/build/index.js'), 'generate', '--schema', schema], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  })
}

if (import.meta.url === `file://${process.argv[1]}`) generatePrismaClient(process.argv.includes('--force'))
