// The API routes as Nitro serves them, read from the handler files, so that tests which must
// cover every route (the access matrix, the hostile-input cases) fail when one is added.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { LIST_KINDS, LISTS } from '../../shared/lists'
import { HISTORY_LIST_NAMES } from '../../shared/history'

const apiDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../server/api')

/**
 * Route parameters that name one of a few things: such a route is listed once per thing, so that
 * every list's records, and each kind of answer, meet the access matrix and the hostile inputs.
 */
const NAMED_VALUES: { route: RegExp; param: string; values: readonly string[] }[] = [
  { route: /\[records\]/, param: '[records]', values: LIST_KINDS.map((list) => LISTS[list].records) },
  { route: /^\/api\/history\/\[file\]$/, param: '[file]', values: LIST_KINDS.flatMap((list) => [HISTORY_LIST_NAMES[list], `${HISTORY_LIST_NAMES[list]}.csv`]) },
]

function expand(route: string): string[] {
  const named = NAMED_VALUES.find((n) => n.route.test(route))
  return named ? named.values.flatMap((value) => expand(route.replace(named.param, value))) : [route]
}

/** `METHOD /api/route` for every handler file, as Nitro routes them (`*` for any method). */
export function routesOnDisk(dir = apiDir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return routesOnDisk(full)
    const match = /^(.*?)(?:\.(get|post|put|patch|delete))?\.ts$/.exec(path.relative(apiDir, full))
    if (!match) return []
    const route = `/api/${match[1]}`.replace(/\/index$/, '')
    return expand(route).map((r) => `${match[2]?.toUpperCase() ?? '*'} ${r}`)
  })
}
