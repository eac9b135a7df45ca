// Writes data/aliases.json, the everyday names (俗称) of the real items, from the item file, the
// curated table (data/aliases-curated.json) and the rules of server/services/search/aliases.ts.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { curatedAliasesSchema, generateAliasFile } from '../server/services/search/aliases'
import { projectRoot } from './lib/runtime'

const items = JSON.parse(await readFile(path.join(projectRoot, 'data/guangan-items.json'), 'utf8')) as { itemCode: string; name: string }[]
const curated = curatedAliasesSchema.parse(JSON.parse(await readFile(path.join(projectRoot, 'data/aliases-curated.json'), 'utf8')))
const file = generateAliasFile(items, curated)
await writeFile(path.join(projectRoot, 'data/aliases.json'), `${JSON.stringify(file, null, 1)}\n`)
const counts = Object.values(file.items).map((a) => a.length)
console.log(`data/aliases.json: ${counts.filter((n) => n > 0).length} of ${items.length} items have everyday names, ${counts.reduce((a, b) => a + b, 0)} in all`)
