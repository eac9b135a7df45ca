// What search needs from the database besides the index, kept per portal process for a short
// while: department names for the facets; the dictionary, stop words and everyday names, which
// the segmenter learns as words and the query analysis uses; and the vocabulary of what the index
// holds, for telling words it knows and for correcting typos. Staleness of a minute (ten for the
// vocabulary, which changes only when a list version is published) is fine for search, and every
// process converges on the database by itself; in a portal process both are forgotten at once
// when published content changes, since search answers are then kept until the next change.
import type { Db } from '../../utils/prisma'
import { KeptValue } from '../../utils/public-cache'
import { STOP_WORDS_SETTING } from './settings'
import { BUILT_IN_FILLERS, type QueryContext } from './analysis'
import { addWords, cut } from './segmenter'
import { buildSpellingIndex, type SpellingIndex } from './correction'

export interface SearchContext {
  departments: Map<number, string>
  query: QueryContext
  /** built on the first query that needs a correction */
  spelling: () => SpellingIndex
  /** dictionary terms and everyday names, offered as suggestions */
  phrases: string[]
}

const CONTEXT_TTL_MS = 60_000
const VOCABULARY_TTL_MS = 10 * 60_000

interface Vocabulary { parts: string[]; text: string; spelling?: SpellingIndex }
const kept = new KeptValue<SearchContext>(CONTEXT_TTL_MS)
const vocabulary = new KeptValue<Vocabulary>(VOCABULARY_TTL_MS)

function indexedTexts(db: Db): Promise<Vocabulary> {
  return vocabulary.get(async () => {
    const [items, duties, funds, materials, results] = await Promise.all([
      db.powerItem.findMany({ select: { name: true, aliases: true, groupName: true } }),
      db.duty.findMany({ where: { kind: { not: 'POWER_DUTY' } }, select: { title: true } }),
      db.specialFund.findMany({ select: { name: true } }),
      // What a guide asks for and gives is in the index too (guideText): 出生医学证明 is a known word.
      db.guideMaterial.findMany({ distinct: ['name'], select: { name: true } }),
      db.serviceGuide.findMany({ distinct: ['resultName'], where: { resultName: { not: null } }, select: { resultName: true } }),
    ])
    const parts = [
      ...items.flatMap((i) => [i.name, ...i.aliases, i.groupName ?? '']), ...duties.map((d) => d.title), ...funds.map((f) => f.name),
      ...materials.map((m) => m.name), ...results.map((r) => r.resultName ?? ''),
    ].filter(Boolean)
    return { parts, text: parts.join('\n') }
  })
}

/** The words of the indexed texts (and their neighbours joined, 户口 + 迁移), weighted by use; short texts whole weigh more. */
function spellingIndex(parts: string[]): SpellingIndex {
  const weights = new Map<string, number>()
  const count = (w: string, n = 1) => weights.set(w, (weights.get(w) ?? 0) + n)
  for (const part of parts) {
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
    const texts = await indexedTexts(db)
    const known = `${texts.text}\n${dictionaryWords.join('\n')}`
    const dictionaryParts = dictionaryWords.filter((w) => /\p{Script=Han}/u.test(w))
    return {
      departments: new Map(rows.map((d) => [d.id, d.name])),
      query: { cut, fillers, englishTerms, isKnown: (word) => known.includes(word) },
      spelling: () => (texts.spelling ??= spellingIndex([...texts.parts, ...dictionaryParts])),
      phrases: [...new Set([...dictionaryParts, ...aliases.map((a) => a.alias)])],
    }
  })
}

/** Forgets what is kept, so the next search reads the database again (after a change a test makes). */
export function resetSearchContext(): void {
  kept.reset()
  vocabulary.reset()
}
