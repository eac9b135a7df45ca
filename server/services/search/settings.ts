// The index's settings, applied by code so that every environment searches the same way.
// Synonyms and stop words come from the database, where the reform office keeps them.
import type { Meilisearch, Settings } from 'meilisearch'
import type { Db } from '../../utils/prisma'
import { pinyinOf } from './pinyin'
import { DEPARTMENT_FILTER_LIMIT } from '../../../shared/list-views'
import { waitForTask } from '../../utils/meili'

export const STOP_WORDS_SETTING = 'search.stopWords'

export const CHINESE_FIELDS = ['name', 'aliases', 'groupName', 'departmentName', 'summary', 'guideText', 'chars']

/** What a query of words is matched against, in order of ranking weight. */
export const WORD_ATTRIBUTES = ['name', 'aliases', 'code', 'groupName', 'departmentName', 'summary', 'guideText', 'pinyin', 'initials']

export const baseSettings: Settings = {
  // Order is ranking weight: the official name first, pinyin last. `chars` is searched only for
  // a query of one character, and then alone (`attributesToSearchOn` in query.ts).
  searchableAttributes: [...WORD_ATTRIBUTES, 'chars'],
  filterableAttributes: ['list', 'type', 'departmentId', 'status', 'level', 'year'],
  sortableAttributes: ['name', 'updatedAt', 'year', 'rank'],
  // After words, typos and how close together the words stand, items before variants, duties
  // and funds (see itemRank): 公司 注销 finds 公司注销登记 before 公司备案, whose group name says
  // 注销. Measured on the relevance set's tuning part: docs/SEARCH.md.
  rankingRules: ['words', 'typo', 'proximity', 'rank:asc', 'attribute', 'sort', 'exactness'],
  localizedAttributes: [{ attributePatterns: CHINESE_FIELDS, locales: ['cmn'] }],
  typoTolerance: { disableOnAttributes: ['code'] },
  // A city has thousands of departments: each facet offers its values with the most records (Meilisearch
  // would otherwise cut the list in the order of the values, not their counts), as many as a list
  // page's department filter; a chosen value outside them is counted all the same (query.ts).
  faceting: { maxValuesPerFacet: DEPARTMENT_FILTER_LIMIT, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: 10000 },
  // Keeping prefix search and the search within facet values ready costs every indexing task, and
  // nothing needs them: a one-document update's worst case was 3.1 s at 39,311 documents, 1.1 s
  // without facet search, 84 ms without both (docs/SEARCH.md, "Index settings"). The filters list every
  // facet value; the query analysis sends whole words, and a query of one character (护, 低),
  // which only prefix search used to match, is matched against the names' characters (`chars`).
  facetSearch: false,
  prefixSearch: 'disabled',
}

export interface DictionaryEntry { term: string; targets: string[]; kind: 'SYNONYM' | 'COLLOQUIAL' }

/**
 * Meilisearch synonyms from the dictionary. A COLLOQUIAL entry is one-way (办护照 finds 护照,
 * not the reverse); a SYNONYM entry makes its terms interchangeable. Each term's pinyin leads to
 * the same targets, so "dibao" finds what 低保 finds.
 */
export function buildSynonyms(entries: DictionaryEntry[]): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>()
  const add = (key: string, values: string[]) => {
    const k = key.trim().toLowerCase()
    if (!k) return
    const set = synonyms.get(k) ?? new Set<string>()
    for (const v of values) if (v.trim() && v.trim().toLowerCase() !== k) set.add(v.trim())
    if (set.size) synonyms.set(k, set)
  }
  for (const entry of entries) {
    if (entry.kind === 'SYNONYM') {
      const group = [entry.term, ...entry.targets]
      for (const member of group) add(member, group)
    } else {
      add(entry.term, entry.targets)
    }
    const py = pinyinOf(entry.term)
    if (py.length >= 4) add(py, [entry.term, ...entry.targets])
  }
  return Object.fromEntries([...synonyms].map(([k, v]) => [k, [...v]]))
}

export async function loadSearchSettings(db: Db): Promise<Settings> {
  const [entries, stop] = await Promise.all([
    db.synonym.findMany({ select: { term: true, targets: true, kind: true } }),
    db.setting.findUnique({ where: { key: STOP_WORDS_SETTING } }),
  ])
  const stopWords = Array.isArray(stop?.value) ? stop.value.filter((w): w is string => typeof w === 'string') : []
  return { ...baseSettings, synonyms: buildSynonyms(entries), stopWords }
}

/** Creates the index if needed and applies the settings; waits until Meilisearch has applied them. */
export async function applySearchSettings(db: Db, meili: Meilisearch, indexUid: string): Promise<void> {
  const settings = await loadSearchSettings(db)
  await waitForTask(meili, meili.createIndex(indexUid, { primaryKey: 'id' }), { timeout: 30_000 })
  const task = await waitForTask(meili, meili.index(indexUid).updateSettings(settings), { timeout: 60_000 })
  if (task.status !== 'succeeded') throw new Error(`Meilisearch refused the index settings: ${task.error?.message ?? task.status}`)
}
