// The API routes as Nitro serves them, read from the handler files, so that tests which must
// cover every route (the access matrix, the hostile-input cases) fail when one is added.
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { DRAFT_KINDS, LIST_KINDS, RECORD_KINDS, RECORDS } from '../../shared/lists'
import { HISTORY_LIST_NAMES } from '../../shared/history'

const apiDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../server/api')

/**
 * Route parameters that name one of a few things: such a route is listed once per thing, so that
 * every kind of record, and each kind of answer, meet the access matrix and the hostile inputs.
 * The first entry whose route matches applies: history has every kind of record (life events
 * too), a record's story the three lists', the other record routes those an editor drafts.
 */
const NAMED_VALUES: { route: RegExp; param: string; values: readonly string[] }[] = [
  { route: /^\/api\/history\/\[records\]/, param: '[records]', values: RECORD_KINDS.map((kind) => RECORDS[kind].records) },
  { route: /^\/api\/history\/stories\/\[records\]/, param: '[records]', values: LIST_KINDS.map((kind) => RECORDS[kind].records) },
  { route: /\[records\]/, param: '[records]', values: DRAFT_KINDS.map((kind) => RECORDS[kind].records) },
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
