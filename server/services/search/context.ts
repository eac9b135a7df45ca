// What search needs from the database besides the index, kept per portal process: department
// names for the facets; the dictionary, stop words and everyday names, which the segmenter learns
// as words and the query analysis uses (kept a minute, and forgotten when published content
// changes); and the vocabulary of what the index holds, for telling words it knows and for
// correcting typos: a whole read renewed every half hour, and beside it the records changed since,
// read again whenever published content changes. Every process converges on the database by itself.
import type { Db } from '../../utils/prisma'
import { KeptValue } from '../../utils/public-cache'
import { STOP_WORDS_SETTING } from './settings'
import { BUILT_IN_FILLERS, type QueryContext } from './analysis'
import { addWords, cut } from './segmenter'
import { buildSpellingIndex, joinSpellingIndexes, type SpellingIndex } from './correction'

export interface SearchContext {
  departments: Map<number, string>
  query: QueryContext
  /** built on the first query that needs a correction */
  spelling: () => SpellingIndex
  /** dictionary terms and everyday names, offered as suggestions */
  phrases: string[]
}

const CONTEXT_TTL_MS = 60_000
/** How long a whole read of the indexed texts serves; the next one is made while it still serves. */
const VOCABULARY_TTL_MS = 30 * 60_000
/**
 * A change whose transaction began this long before a whole read, and committed after it, may be
 * missing from it: the changes read with each context go back this far before the whole read.
 * (A longer transaction that commits after a whole read is known at the next one.)
 */
const CHANGE_MARGIN_MS = 2 * 60_000
/** More changed records than this (an import) are cheaper to take in with a new whole read. */
const MAX_CHANGED = 5000
/** Words whose presence in the texts a context remembers (the words of a minute's queries). */
const MAX_KNOWN_WORDS = 50_000

const kept = new KeptValue<SearchContext>(CONTEXT_TTL_MS)

interface Texts { parts: string[]; text: string }
interface WholeRead extends Texts { readAt: Date; spelling: SpellingIndex }

/** Only these records' texts, or (none given) every record's. */
interface Only { items: number[]; duties: number[]; funds: number[] }

async function readTexts(db: Db, only?: Only): Promise<Texts> {
  const ids = (list: number[] | undefined) => (list ? { id: { in: list } } : {})
  const [items, duties, funds, materials, results] = await Promise.all([
    db.powerItem.findMany({ where: ids(only?.items), select: { name: true, aliases: true, groupName: true } }),
    db.duty.findMany({ where: { kind: { not: 'POWER_DUTY' }, ...ids(only?.duties) }, select: { title: true } }),
    db.specialFund.findMany({ where: ids(only?.funds), select: { name: true } }),
    // What a guide asks for and gives is in the index too (guideText): 出生医学证明 is a known word.
    db.guideMaterial.findMany({ where: only ? { guideId: { in: only.items } } : {}, distinct: ['name'], select: { name: true } }),
    db.serviceGuide.findMany({ distinct: ['resultName'], where: { resultName: { not: null }, ...(only ? { powerItemId: { in: only.items } } : {}) }, select: { resultName: true } }),
  ])
  const parts = [
    ...items.flatMap((i) => [i.name, ...i.aliases, i.groupName ?? '']), ...duties.map((d) => d.title), ...funds.map((f) => f.name),
    ...materials.map((m) => m.name), ...results.map((r) => r.resultName ?? ''),
  ].filter(Boolean)
  // A city's districts repeat one catalogue: each text once is a fraction of the size to look words up in.
  return { parts, text: [...new Set(parts)].join('\n') }
}

// Reading every indexed text of a city (100,000 items, their duties and funds) and learning its
// words takes seconds: a publication does not start it again. Each context takes the whole read
// kept (renewed in the background) and, beside it, the records changed since (the outbox names
// every record whose search document changed).
let whole: { at: number; value: Promise<WholeRead> } | undefined
let renewing = false
let resets = 0

async function readWhole(db: Db): Promise<WholeRead> {
  const [clock] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`
  const texts = await readTexts(db)
  return { ...texts, readAt: clock!.now, spelling: await learnSpelling(texts.parts) }
}

/** A new whole read, made while the one kept still serves, and kept once done. */
function renewWhole(db: Db): void {
  if (renewing) return
  renewing = true
  const started = { at: Date.now(), resets }
  readWhole(db).then((value) => {
    if (started.resets === resets) whole = { at: started.at, value: Promise.resolve(value) }
  }, () => {}).finally(() => { renewing = false })
}

function wholeTexts(db: Db): Promise<WholeRead> {
  if (!whole) {
    const entry = { at: Date.now(), value: readWhole(db) }
    whole = entry
    entry.value.catch(() => { if (whole === entry) whole = undefined })
    return entry.value
  }
  if (Date.now() - whole.at > VOCABULARY_TTL_MS) renewWhole(db)
  return whole.value
}

async function changedSince(db: Db, readAt: Date): Promise<Texts> {
  const rows = await db.$queryRaw<{ entityType: string; entityId: number }[]>`
    SELECT DISTINCT "entityType"::text AS "entityType", "entityId" FROM "SearchOutbox"
    WHERE "createdAt" >= ${new Date(readAt.getTime() - CHANGE_MARGIN_MS)} LIMIT ${MAX_CHANGED + 1}`
  if (rows.length > MAX_CHANGED) {
    if (Date.now() - readAt.getTime() > CHANGE_MARGIN_MS) renewWhole(db)
    return { parts: [], text: '' }
  }
  const of = (type: string) => rows.filter((r) => r.entityType === type).map((r) => r.entityId)
  return rows.length ? readTexts(db, { items: of('POWER_ITEM'), duties: of('DUTY'), funds: of('SPECIAL_FUND') }) : { parts: [], text: '' }
}

/** The words of a text (and their neighbours joined, 户口 + 迁移) counted by use; a short text whole weighs more. */
function countWords(weights: Map<string, number>, part: string): void {
  const count = (w: string, n = 1) => weights.set(w, (weights.get(w) ?? 0) + n)
  for (const run of part.match(/\p{Script=Han}+/gu) ?? []) {
    const words = cut(run)
    // A short text whole (an everyday name, a dictionary term) is a word people use.
    if (run.length <= 8) count(run, 3)
    words.forEach((w, i) => {
      count(w)
      const next = words[i + 1]
      if (next && w.length + next.length <= 8) count(w + next)
    })
  }
}

function spellingIndex(parts: string[]): SpellingIndex {
  const weights = new Map<string, number>()
  for (const part of parts) countWords(weights, part)
  return buildSpellingIndex(weights)
}

/** The same for a whole city's texts, which takes seconds: requests are answered in between. */
async function learnSpelling(parts: string[]): Promise<SpellingIndex> {
  const weights = new Map<string, number>()
  for (let i = 0; i < parts.length; i++) {
    countWords(weights, parts[i]!)
    if (i % 500 === 499) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  return buildSpellingIndex(weights)
}

export function searchContext(db: Db): Promise<SearchContext> {
  return kept.get(async () => {
    const [rows, stop, synonyms, aliases] = await Promise.all([
      db.department.findMany({ select: { id: true, name: true } }),
      db.setting.findUnique({ where: { key: STOP_WORDS_SETTING } }),
      db.synonym.findMany({ select: { term: true, targets: true } }),
      db.$queryRaw<{ alias: string }[]>`SELECT DISTINCT unnest(aliases) AS alias FROM "PowerItem"`,
    ])
    const stopWords = (Array.isArray(stop?.value) ? stop.value : []).filter((w): w is string => typeof w === 'string' && w.length > 0)
    const fillers = new Set([...BUILT_IN_FILLERS, ...stopWords])
    const dictionaryWords = synonyms.flatMap((s) => [s.term, ...s.targets])
    addWords([...fillers, ...dictionaryWords, ...aliases.map((a) => a.alias)])
    const englishTerms = new Set(dictionaryWords.filter((w) => /^[a-z][a-z ]*$/i.test(w)).map((w) => w.toLowerCase()))
    const base = await wholeTexts(db)
    const changed = await changedSince(db, base.readAt)
    const dictionaryText = dictionaryWords.join('\n')
    const dictionaryParts = dictionaryWords.filter((w) => /\p{Script=Han}/u.test(w))
    let spelling: SpellingIndex | undefined
    // A city's texts are megabytes: a word is looked for in them once per context.
    const known = new Map<string, boolean>()
    const isKnown = (word: string) => {
      let found = known.get(word)
      if (found === undefined) {
        found = base.text.includes(word) || changed.text.includes(word) || dictionaryText.includes(word)
        if (known.size < MAX_KNOWN_WORDS) known.set(word, found)
      }
      return found
    }
    return {
      departments: new Map(rows.map((d) => [d.id, d.name])),
      query: { cut, fillers, englishTerms, isKnown },
      spelling: () => (spelling ??= joinSpellingIndexes(base.spelling, spellingIndex([...changed.parts, ...dictionaryParts]))),
      phrases: [...new Set([...dictionaryParts, ...aliases.map((a) => a.alias)])],
    }
  })
}

/** Forgets what is kept, so the next search reads the database again (after a change a test makes). */
export function resetSearchContext(): void {
  kept.reset()
  whole = undefined
  resets++
}
