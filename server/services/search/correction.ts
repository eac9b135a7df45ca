// Typos and pinyin. Chinese is typed through pinyin input methods, so a wrong character is
// nearly always one that sounds the same (护找 for 护照, 婚因 for 婚姻): a query with no good hit
// is compared, by toneless pinyin, with the words of item names, everyday names and the
// dictionary, and the closest known words replace what was typed. Pinyin typed as Latin letters
// (huzhao, canjizheng buban) is turned into those words the same way.
import { pinyin } from 'pinyin-pro'

interface Candidate { word: string; weight: number }

export interface SpellingIndex {
  /** toneless pinyin without spaces → known words that sound like it, most used first */
  byPinyin: Pick<Map<string, Candidate[]>, 'get'>
  /** every known word, for telling a word that needs no correction */
  words: Pick<Set<string>, 'has'>
}

const HAN_RUN = /\p{Script=Han}+/gu
const MAX_WORD = 8
/** A word found once, as two neighbours joined (公 + 基金), is no evidence of a word people type. */
const MIN_WEIGHT = 2

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', v: true })
}

/** Known words with how often the indexed texts use them; the more used wins between homophones. */
export function buildSpellingIndex(weightedWords: Map<string, number>): SpellingIndex {
  const byPinyin = new Map<string, Candidate[]>()
  for (const [word, weight] of weightedWords) {
    if (word.length < 2 || word.length > MAX_WORD || !/^\p{Script=Han}+$/u.test(word)) continue
    const key = syllables(word).join('')
    const list = byPinyin.get(key) ?? []
    list.push({ word, weight })
    byPinyin.set(key, list)
  }
  for (const list of byPinyin.values()) list.sort((a, b) => b.weight - a.weight)
  return { byPinyin, words: new Set(weightedWords.keys()) }
}

/** One index answering for both (a word in both weighs what it weighs in each): the words of a whole read, and those of what changed since. */
export function joinSpellingIndexes(base: SpellingIndex, added: SpellingIndex): SpellingIndex {
  return {
    words: { has: (word) => base.words.has(word) || added.words.has(word) },
    byPinyin: {
      get: (key) => {
        const a = base.byPinyin.get(key)
        const b = added.byPinyin.get(key)
        if (!a || !b) return a ?? b
        const weights = new Map<string, number>()
        for (const { word, weight } of [...a, ...b]) weights.set(word, (weights.get(word) ?? 0) + weight)
        return [...weights].map(([word, weight]) => ({ word, weight })).sort((x, y) => y.weight - x.weight)
      },
    },
  }
}

const differences = (a: string, b: string) => [...a].filter((ch, i) => ch !== b[i]).length

interface Cover { score: number; text: string; changes: number }

/**
 * The run rewritten with known words: every span of two or more characters may become a known
 * word that sounds the same and differs in at most half its characters. Longer known words score
 * more (a span's length squared), each changed character costs, and characters left as typed
 * score nothing; the best cover of the whole run wins.
 */
function correctRun(run: string, index: SpellingIndex): Cover {
  const chars = [...run]
  const syl = syllables(run)
  if (syl.length !== chars.length) return { score: 0, text: run, changes: 0 }
  const best: Cover[] = [{ score: 0, text: '', changes: 0 }]
  for (let end = 1; end <= chars.length; end++) {
    const prev = best[end - 1]!
    let choice: Cover = { score: prev.score, text: prev.text + chars[end - 1], changes: prev.changes }
    for (let start = Math.max(0, end - MAX_WORD); start <= end - 2; start++) {
      const typed = chars.slice(start, end).join('')
      const len = end - start
      const candidates = index.words.has(typed) ? [{ word: typed, weight: MIN_WEIGHT }] : (index.byPinyin.get(syl.slice(start, end).join('')) ?? []).filter((c) => c.weight >= MIN_WEIGHT)
      for (const { word } of candidates) {
        const changes = differences(typed, word)
        if (changes > Math.floor(len / 2)) continue
        const score = best[start]!.score + len * len - 2 * changes
        if (score > choice.score) choice = { score, text: best[start]!.text + word, changes: best[start]!.changes + changes }
      }
    }
    best.push(choice)
  }
  return best[chars.length]!
}

/** Latin letters read as pinyin: the chunk as one known word, or as known words one after another. */
function pinyinWords(letters: string, index: SpellingIndex): string | null {
  const whole = index.byPinyin.get(letters)?.[0]
  if (whole && whole.weight >= MIN_WEIGHT) return whole.word
  const out: string[] = []
  for (let i = 0; i < letters.length;) {
    let found: string | null = null
    for (let j = letters.length; j >= i + 4 && !found; j--) {
      const best = index.byPinyin.get(letters.slice(i, j))?.[0]
      found = best && best.weight >= MIN_WEIGHT ? best.word : null
    }
    if (!found) return null
    out.push(found)
    i += syllables(found).join('').length
  }
  return out.join('')
}

/**
 * The normalised query with its typos corrected and its pinyin turned into Chinese, or null when
 * nothing changes. Words the index knows, and English words, stay as they are.
 */
export function correctSpelling(normalized: string, index: SpellingIndex, keep: (word: string) => boolean = () => false): string | null {
  // Pinyin typed with spaces between syllables (hu zhao) is read as one word first.
  if (/^[a-z]+( [a-z]+)+$/.test(normalized) && !normalized.split(' ').some(keep)) {
    const whole = pinyinWords(normalized.replace(/ /g, ''), index)
    if (whole) return whole
  }
  const corrected = normalized
    .replace(HAN_RUN, (run) => correctRun(run, index).text)
    .split(' ')
    .map((chunk) => (/^[a-z]+$/.test(chunk) && !keep(chunk) ? pinyinWords(chunk, index) ?? chunk : chunk))
    .join(' ')
  return corrected !== normalized ? corrected : null
}
