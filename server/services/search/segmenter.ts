// Word segmentation of citizens' queries: jieba's general dictionary, legal and administrative
// vocabulary (THUOCL law words), and the portal's own words — everyday names of items, dictionary
// terms and filler phrases — so that 残疾人证, 上户口 or 要带什么 stay whole instead of falling
// apart into single characters that would each match hundreds of unrelated items.
import { Jieba } from '@node-rs/jieba'
import { dict } from '@node-rs/jieba/dict.js'
import lawLexicon from '../../../data/lexicons/thuocl-law.json'

/** High enough that a known word beats the split of it into the general dictionary's parts. */
const WORD_FREQUENCY = 20_000
const HAN_WORD = /^\p{Script=Han}{2,12}$/u

let jieba: Jieba | undefined
const known = new Set<string>()

function instance(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict)
    load(lawLexicon.words)
  }
  return jieba
}

function load(words: Iterable<string>): void {
  const fresh = [...new Set(words)].filter((w) => HAN_WORD.test(w) && !known.has(w))
  if (!fresh.length) return
  for (const w of fresh) known.add(w)
  instance().loadDict(Buffer.from(fresh.map((w) => `${w} ${WORD_FREQUENCY}`).join('\n')))
}

/**
 * Adds words to the segmenter of this process. Words are only ever added: a word the reform office
 * removes from the dictionary stays a word here, which does no harm, since the word is then searched
 * as it was typed.
 */
export function addWords(words: Iterable<string>): void {
  instance()
  load(words)
}

export function cut(text: string): string[] {
  return instance().cut(text, false)
}
