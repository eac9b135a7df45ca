// What search offers besides hits when the hits are few, partial or none: the needs another level
// of government handles that the query names, dictionary words close to what was typed, and the
// departments whose lists hold partial matches. (The life events a query names are shown above the
// hits, whatever the hits: query.ts.)
import type { SearchHelp } from '../../../shared/search'
import type { QueryAnalysis } from './analysis'
import type { ReferralView } from '../../../shared/search-curation'

const SUGGESTIONS = 6

/** Known phrases (dictionary terms, everyday names) that contain a word of the query, shortest first. */
export function suggestPhrases(analysis: QueryAnalysis, phrases: string[], exclude: string[] = []): string[] {
  const words = [...analysis.terms, ...analysis.unknown].filter((w) => /\p{Script=Han}{2,}/u.test(w))
  const skip = new Set([analysis.normalized, ...exclude])
  const found = new Set<string>()
  for (const word of words) {
    for (const phrase of phrases.filter((p) => p.includes(word) && !skip.has(p)).sort((a, b) => a.length - b.length)) {
      found.add(phrase)
      if (found.size >= SUGGESTIONS) return [...found]
    }
  }
  return [...found]
}

export interface HelpInput {
  analysis: QueryAnalysis
  phrases: string[]
  total: number
  partial: boolean
  departments: { id: number; name: string; count: number }[]
  correctedQuery: string | null
}

/** The help for a query whose referrals are `referrals` (matchReferrals, looked up while Meilisearch searched). */
export function searchHelp(referrals: ReferralView[], input: HelpInput): SearchHelp | null {
  const weak = input.total === 0 || input.partial
  if (!weak && !referrals.length) return null
  return {
    referrals,
    suggestions: weak ? suggestPhrases(input.analysis, input.phrases, input.correctedQuery ? [input.correctedQuery] : []) : [],
    departments: weak ? input.departments.slice(0, 5) : [],
  }
}
