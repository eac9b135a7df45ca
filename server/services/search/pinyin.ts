// Citizens type pinyin (huzhao, dibao) where they cannot or will not switch input method.
// Meilisearch cannot match pinyin to characters, so names are indexed with pinyin tokens too.
import { pinyin } from 'pinyin-pro'

const HAN = /\p{Script=Han}/u

function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true })
}

/**
 * Pinyin of every run of 2 to 4 consecutive Chinese characters, full and as initials:
 * "普通护照签发" gives "putong", "huzhao", "putonghuzhao", ..., "hz", "pthz", ...
 * Runs rather than segmented words, because the word segmenter splits short names like
 * 犬类 into single characters; the query's pinyin is one of these runs. The index does no
 * prefix search, so pinyin typed halfway (dib for dibao) matches nothing.
 */
export function pinyinTokens(text: string, maxRun = 4): { full: string[]; initials: string[] } {
  const full = new Set<string>()
  const initials = new Set<string>()
  for (const run of text.split(/[^\p{Script=Han}]+/u).filter((r) => HAN.test(r))) {
    const syl = syllables(run)
    for (let i = 0; i < syl.length; i++) {
      for (let len = 1; len <= maxRun && i + len <= syl.length; len++) {
        const part = syl.slice(i, i + len)
        if (len >= 2) full.add(part.join(''))
        if (len >= 2) initials.add(part.map((s) => s[0]).join(''))
      }
    }
  }
  return { full: [...full], initials: [...initials] }
}

/** A short text's pinyin whole, full and as initials: 社保卡 gives "shebaoka" and "sbk". */
export function wholePinyin(text: string): { full: string; initials: string } {
  const syl = syllables(text)
  return { full: syl.join(''), initials: syl.map((s) => s[0]).join('') }
}

/** The whole text as one pinyin string ("dibao" for 低保), for synonym keys. */
export function pinyinOf(text: string): string {
  return syllables(text).join('')
}
