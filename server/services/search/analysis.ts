// What a citizen's query means, before it reaches the index. Citizens type whole questions
// (刚生的孩子怎么上户口, 残疾人证要带什么); left as they are, the filler words and lone characters
// (要, 带, 证, 生) match hundreds of unrelated items and, being rare in item names, decide the
// ranking. Here the query is normalised, segmented, stripped of filler and question words wherever
// they stand, and a lone common character never stands as a search term beside real words.
import * as OpenCC from 'opencc-js/t2cn'

/**
 * Question words and phrases of everyday Chinese that carry no meaning for finding a service.
 * The reform office's stop words (the dictionary) are added to these.
 */
export const BUILT_IN_FILLERS = [
  // asking how, where, how long, how much
  '怎么', '怎么办', '怎么样', '怎样', '如何', '咋', '咋办', '咋样', '怎么弄', '怎么搞', '怎么申请', '怎么办理', '如何办理', '如何申请', '办理流程',
  '什么', '啥', '哪些', '哪个', '哪里', '哪儿', '在哪', '在哪里', '在哪儿', '去哪', '去哪里', '去哪儿', '到哪', '到哪里', '哪里办', '在哪办', '在哪里办', '找谁', '哪个部门', '找哪个部门',
  '多久', '多长时间', '几天', '多少天', '多少钱', '收费吗', '要钱吗', '收不收费', '要多久', '需要多久',
  // asking what to bring
  '需要什么材料', '要什么材料', '什么材料', '哪些材料', '需要哪些材料', '要哪些材料', '要带什么', '带什么', '要带哪些', '要带哪些材料', '需要带什么', '需要带哪些',
  '需要什么证件', '要什么证件', '要哪些证件', '要带哪些证件', '需要什么资料', '要什么资料', '要哪些资料', '需要哪些资料', '准备什么', '要准备什么', '需要准备什么', '要准备哪些', '需要准备哪些',
  '需要提交什么', '要提交什么', '提交什么', '要交什么', '要交哪些', '需要什么证明', '要什么证明', '什么证明材料', '什么条件', '需要什么条件', '要什么条件', '几张照片', '材料', '资料',
  // wanting, being able, politeness
  '我', '我的', '我们', '我家', '我想', '我要', '想', '想要', '打算', '准备', '请问', '你好', '您好', '帮我', '帮忙', '谢谢', '麻烦',
  '需要', '要', '得', '必须', '能不能', '能否', '可不可以', '可以', '能', '行不行', '是不是', '有没有', '有', '有什么', '有哪些', '算不算', '算', '会',
  // particles, measure words, time words
  '吗', '呢', '啊', '吧', '呀', '哦', '嘛', '了', '的', '地', '着', '过', '一下', '一个', '一家', '个', '些', '点',
  '刚', '刚刚', '刚生的', '现在', '已经', '突然', '马上', '还', '也', '都', '就', '又', '再', '才', '快', '该',
  // verbs of doing in general
  '办', '办理', '办个', '办证', '弄', '搞', '去', '到', '在', '给', '让', '被', '把', '跟', '和', '与', '及', '或', '这边', '那边',
  '手续', '流程', '步骤', '指南', '攻略', '网上', '在线',
]

/** Words of English questions that carry no meaning for finding a service. */
const ENGLISH_FILLERS = new Set(['how', 'do', 'does', 'did', 'i', 'me', 'my', 'we', 'our', 'you', 'your', 'a', 'an', 'the', 'to', 'for', 'of', 'in', 'on', 'at', 'by',
  'get', 'getting', 'apply', 'applying', 'application', 'need', 'needs', 'want', 'where', 'what', 'which', 'who', 'can', 'could', 'is', 'are', 'be', 'there',
  'and', 'or', 'with', 'from', 'about', 'please', 'help', 'should', 'will', 'it', 'this', 'that', 'some', 'any', 'required', 'documents', 'materials'])

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' })

const HAN = /\p{Script=Han}/u
const LATIN_WORD = /^[a-z0-9][a-z0-9'.-]*$/

/** The query as search compares it: simplified characters, half-width, lower case, one space between words. */
export function normalizeQuery(q: string): string {
  return toSimplified(q.normalize('NFKC'))
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

export interface QueryContext {
  /** segments a run of Chinese text into words */
  cut: (text: string) => string[]
  /** filler words and phrases: built-in ones and the reform office's stop words */
  fillers: Set<string>
  /** the dictionary's English terms (lower case), kept whole as phrases */
  englishTerms: Set<string>
  /** does the word occur in what the index holds (names, everyday names, dictionary)? */
  isKnown: (word: string) => boolean
}

export interface QueryAnalysis {
  /** normalised query (simplified characters, lower case) */
  normalized: string
  /** the words that carry the meaning, in the order typed: what the index is asked for */
  terms: string[]
  /** fillers, lone characters and words found nowhere in the index, left out */
  dropped: string[]
  /** what was typed but is no word the index knows (a lone character, 老公, a typo such as 护找): a reason to try a correction */
  unknown: string[]
  /** the query has Latin letters and no Chinese: English or pinyin */
  latin: boolean
}

interface Token { text: string; han: boolean }

function latinTerms(words: string[], ctx: QueryContext, dropped: string[]): string[] {
  const terms: string[] = []
  for (let i = 0; i < words.length;) {
    let phrase = ''
    // The longest dictionary phrase starting here (English terms have up to four words).
    for (let n = Math.min(4, words.length - i); n >= 1 && !phrase; n--) {
      const candidate = words.slice(i, i + n).join(' ')
      if (ctx.englishTerms.has(candidate)) phrase = candidate
    }
    if (phrase) {
      terms.push(phrase)
      i += phrase.split(' ').length
      continue
    }
    const word = words[i]!
    if (ENGLISH_FILLERS.has(word)) dropped.push(word)
    else terms.push(word)
    i += 1
  }
  return terms
}

/**
 * Splits the query into meaning terms. A character standing alone between real words (上 in
 * 上户口 when the segmenter does not know it, 证 or 带) is dropped; consecutive lone characters
 * are kept together as one term, since they are most likely a word the segmenter does not know
 * (卖烟, or a typo such as 残急人证); a lone character that is all the query has is kept.
 */
function hanTerms(text: string, ctx: QueryContext, dropped: string[], unknown: string[]): string[] {
  const words = ctx.cut(text).map((w) => w.trim()).filter(Boolean)
  const kept: (string | null)[] = words.map((w) => (ctx.fillers.has(w) ? null : w))
  const groups: string[][] = []
  let run: string[] = []
  const flush = () => { if (run.length) groups.push(run); run = [] }
  kept.forEach((w, i) => {
    if (w === null) { dropped.push(words[i]!); flush(); return }
    if ([...w].length === 1 && HAN.test(w)) { run.push(w); return }
    flush()
    groups.push([w])
  })
  flush()
  const joined = groups.map((g) => ({ text: g.join(''), lone: g.length === 1 && [...g[0]!].length === 1 }))
  const hasWord = joined.some((g) => !g.lone)
  return joined.flatMap((g) => {
    if (g.lone && hasWord) { dropped.push(g.text); unknown.push(g.text); return [] }
    return [g.text]
  })
}

function tokens(normalized: string): Token[] {
  const out: Token[] = []
  for (const part of normalized.split(/(\p{Script=Han}+)/u)) {
    const text = part.trim()
    if (!text) continue
    out.push({ text, han: HAN.test(text) })
  }
  return out
}

export function analyzeQuery(q: string, ctx: QueryContext): QueryAnalysis {
  const normalized = normalizeQuery(q)
  const dropped: string[] = []
  const unknown: string[] = []
  const terms: string[] = []
  const parts = tokens(normalized)
  for (const part of parts) {
    if (part.han) terms.push(...hanTerms(part.text, ctx, dropped, unknown))
    else terms.push(...latinTerms(part.text.split(' ').filter((w) => LATIN_WORD.test(w)), ctx, dropped))
  }
  const latin = parts.length > 0 && parts.every((p) => !p.han)
  // Nothing but filler: search for what was typed rather than for nothing.
  if (!terms.length && normalized) return { normalized, terms: [normalized], dropped: [], unknown: [], latin }
  // A Chinese word that no name, everyday name or dictionary entry contains (老公 in
  // 户口想迁到老公那边) can only match through its single characters: leave it out when the
  // query has words the index knows. Latin words are English phrases or pinyin, matched elsewhere.
  const known = terms.filter((t) => !HAN.test(t) || ctx.isKnown(t))
  const strangers = terms.filter((t) => !known.includes(t))
  unknown.push(...strangers)
  if (known.length) dropped.push(...strangers)
  return { normalized, terms: [...new Set(known.length ? known : terms)], dropped, unknown, latin }
}
