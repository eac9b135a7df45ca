// What search offers besides hits when the hits are few, partial or none: the needs another level
// of government handles that the query names, dictionary words close to what was typed, the life
// events (一件事) that match, and the departments whose lists hold partial matches.
import type { Db } from '../../utils/prisma'
import type { SearchHelp, SearchLifeEvent } from '../../../shared/search'
import type { QueryAnalysis } from './analysis'
import { matchReferrals } from './referrals'

/** Finds the life events (一件事) a query's terms point to; provided by the life-event service. */
export type LifeEventMatcher = (terms: string[]) => Promise<SearchLifeEvent[]>

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
  q: string
  analysis: QueryAnalysis
  phrases: string[]
  total: number
  partial: boolean
  departments: { id: number; name: string; count: number }[]
  correctedQuery: string | null
}

export async function searchHelp(db: Db, input: HelpInput, matchLifeEvents?: LifeEventMatcher): Promise<SearchHelp | null> {
  const referrals = await matchReferrals(db, input.q)
  const weak = input.total === 0 || input.partial
  if (!weak && !referrals.length) return null
  const [lifeEvents] = await Promise.all([weak && matchLifeEvents ? matchLifeEvents(input.analysis.terms) : Promise.resolve([])])
  return {
    referrals,
    suggestions: weak ? suggestPhrases(input.analysis, input.phrases, input.correctedQuery ? [input.correctedQuery] : []) : [],
    lifeEvents,
    departments: weak ? input.departments.slice(0, 5) : [],
  }
}
