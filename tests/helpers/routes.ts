// The API routes as Nitro serves them, read from the handler files, so that tests which must
// cover every route (the access matrix, the hostile-input cases) fail when one is added.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const apiDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../server/api')

/** `METHOD /api/route` for every handler file, as Nitro routes them (`*` for any method). */
export function routesOnDisk(dir = apiDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return routesOnDisk(full)
    const match = /^(.*?)(?:\.(get|post|put|patch|delete))?\.ts$/.exec(path.relative(apiDir, full))
    if (!match) return []
    const route = `/api/${match[1]}`.replace(/\/index$/, '')
    return [`${match[2]?.toUpperCase() ?? '*'} ${route}`]
  })
}
