// What the search index holds: one flat document per published record of the three lists, a
// power item's with what citizens type about its service guide. Built only from published tables,
// so drafts (which live in ChangeRequest) can never leak.
import type { Db } from '../../utils/prisma'
import { itemTypeByKey, isPower, type ItemTypeKey } from '../../../shared/item-types'
import type { ListKind } from '../../../shared/lists'
import type { SearchDocument } from '../../../shared/search'
import type { OnlineLevel } from '../../../shared/guides'
import { DUTY_TYPE_NAMES } from '../labels'
import { pinyinTokens, wholePinyin } from './pinyin'

type EntityType = 'POWER_ITEM' | 'DUTY' | 'DUTY_BOUNDARY' | 'SPECIAL_FUND'

export function documentId(entityType: EntityType, id: number): string {
  return `${entityType.toLowerCase().replace('_', '-')}-${id}`
}

/**
 * Names that change, renew, replace or end an existing permit or registration. A citizen who
 * types 采矿证 or 卖烟 most likely wants the item that grants it, not the one that cancels it;
 * one who types 补办 matches the variant on more words, which outranks this.
 */
const VARIANT = /(注销|变更|补办|补领|补发|换发|换证|延续|延期|作废|撤销|终止|遗失|挂失|更正|迁移|转移|缴销|歇业|停业|增项|减项|咨询|查询)/

export function itemRank(name: string): number {
  return VARIANT.test(name) ? 1 : 0
}

const WORDS = new Intl.Segmenter('zh', { granularity: 'word' })

/**
 * The Chinese characters of a name and its everyday names, each once, separated by spaces, so
 * that the index holds each as a word of its own. The index does no prefix search (it made every
 * update slow: docs/SEARCH.md, "Index settings"), so a query of one character (护, 低) is matched here: it
 * finds every record with that character in its name. The characters that begin a word come
 * first, and the index ranks an earlier position higher: 护 finds 普通护照签发 before 文物保护.
 * Words as ICU's dictionary splits them, the same in every process (the query segmenter learns
 * the city's words as it runs, so two processes could write two documents for one record).
 */
export function nameCharacters(names: string[]): string {
  const words = names.flatMap((name) => [...WORDS.segment(name)].map((w) => w.segment))
  const han = (text: string) => text.match(/\p{Script=Han}/gu) ?? []
  const initials = words.flatMap((w) => han(w).slice(0, 1))
  const rest = words.flatMap((w) => han(w).slice(1))
  return [...new Set([...initials, ...rest])].join(' ')
}

/**
 * Pinyin of every run of the official name, but of each everyday name only whole: those are short
 * and typed whole (shebaoka), and the runs of all of them would double what the index must hold;
 * and the name's characters, for one-character queries.
 */
function withQueryFields(doc: Omit<SearchDocument, 'pinyin' | 'initials' | 'chars'>): SearchDocument {
  const tokens = pinyinTokens(doc.name)
  const aliases = doc.aliases.map(wholePinyin).filter((a) => a.full.length >= 4)
  return {
    ...doc,
    pinyin: [...new Set([...tokens.full, ...aliases.map((a) => a.full)])],
    initials: [...new Set([...tokens.initials, ...aliases.map((a) => a.initials)])],
    chars: nameCharacters([doc.name, ...doc.aliases]),
  }
}

const powerInclude = {
  department: { select: { id: true, name: true } },
  guide: { select: { visits: true, onlineLevel: true, resultName: true, conditions: true, materials: { select: { name: true }, orderBy: { sortOrder: 'asc' } } } },
} as const

type GuideForSearch = { visits: number | null; onlineLevel: OnlineLevel | null; resultName: string | null; conditions: string[]; materials: { name: string }[] } | null

/** What many guides say, which tells nothing about the item a citizen means. */
export interface CommonGuideText { material: (name: string) => boolean; condition: (text: string) => boolean }

/**
 * Materials and conditions that several guides share (居民身份证, 营业执照, 就业创业证; 申请人具有完全
 * 民事行为能力) say nothing about which item a citizen means: with them, 补办身份证 found every item
 * that asks for an identity card, and 就业创业证 the items that ask for it before the one named so.
 * A text is common when more than 0.5% of the guides (at least 3) carry it; a material also when
 * its name holds a common one (经营者居民身份证 holds 居民身份证). Measured on the relevance set:
 * docs/GUIDES.md.
 */
async function readCommonGuideText(db: Db): Promise<CommonGuideText> {
  const [guides, names, conditions] = await Promise.all([
    db.serviceGuide.count(),
    db.guideMaterial.groupBy({ by: ['name'], _count: { _all: true } }),
    db.$queryRaw<{ text: string; n: bigint }[]>`SELECT c AS text, count(*) AS n FROM "ServiceGuide", unnest(conditions) AS c GROUP BY c`,
  ])
  const limit = Math.max(3, guides * 0.005)
  const materials = names.filter((n) => n._count._all > limit).map((n) => n.name)
  const shared = new Set(conditions.filter((c) => Number(c.n) > limit).map((c) => c.text))
  return { material: (name) => materials.some((c) => name.includes(c)), condition: (text) => shared.has(text) }
}

/** Per database: what commonGuideText read, and the count of guide-changing commits it was read at. */
const keptCommon = new WeakMap<Db, { changes: string; value: Promise<CommonGuideText> }>()

/**
 * The common texts, read again only after a commit that wrote a guide or its materials (counted
 * by the triggers of migration guide_text_change), so that applying one change to the index does
 * not read every guide of the city. The count is read before the guides: a value is never older
 * than the count it is kept under, and every process reads again at the next guide change.
 */
export async function commonGuideText(db: Db): Promise<CommonGuideText> {
  const [row] = await db.$queryRaw<{ changes: string }[]>`SELECT count(*)::text AS changes FROM "GuideTextChange"`
  const changes = row!.changes
  const kept = keptCommon.get(db)
  if (kept?.changes === changes) return kept.value
  const entry = { changes, value: readCommonGuideText(db) }
  keptCommon.set(db, entry)
  entry.value.catch(() => { if (keptCommon.get(db) === entry) keptCommon.delete(db) })
  return entry.value
}

/**
 * What a citizen types about the guide (出生医学证明, 结婚证; the conditions of this item; what it
 * results in), so that a query naming what to bring finds the item; and what a hit shows: trips and
 * whether it is online.
 */
export function guideSearchFields(guide: GuideForSearch, common: CommonGuideText): Pick<SearchDocument, 'guideText' | 'service'> {
  if (!guide) return { guideText: '', service: null }
  const materials = guide.materials.map((m) => m.name).filter((name) => !common.material(name))
  const conditions = guide.conditions.filter((c) => !common.condition(c))
  return {
    guideText: [...materials, guide.resultName ?? '', ...conditions].filter(Boolean).join('；'),
    service: { visits: guide.visits ?? null, online: guide.onlineLevel },
  }
}

export async function powerItemDocuments(db: Db, ids: number[]): Promise<SearchDocument[]> {
  const [items, common] = await Promise.all([db.powerItem.findMany({ where: { id: { in: ids } }, include: powerInclude }), commonGuideText(db)])
  return items.map((item) => {
    const type = item.type as ItemTypeKey
    const list: ListKind = isPower(type) ? 'power' : 'responsibility'
    return withQueryFields({
      id: documentId('POWER_ITEM', item.id),
      entityId: item.id,
      list,
      code: item.code,
      name: item.name,
      aliases: item.aliases,
      groupName: item.groupName ?? '',
      summary: item.legalBasis ?? '',
      type,
      typeName: itemTypeByKey(type)?.zh ?? type,
      departmentId: item.department.id,
      departmentName: item.department.name,
      status: item.status,
      level: item.level,
      year: null,
      updatedAt: item.updatedAt.getTime(),
      rank: itemRank(item.name),
      ...guideSearchFields(item.guide, common),
    })
  })
}


export async function dutyDocuments(db: Db, ids: number[]): Promise<SearchDocument[]> {
  const duties = await db.duty.findMany({ where: { id: { in: ids } }, include: { department: { select: { id: true, name: true } } } })
  return duties.map((duty) => withQueryFields({
    id: documentId('DUTY', duty.id),
    entityId: duty.id,
    list: 'responsibility',
    code: duty.code,
    name: duty.title,
    aliases: [],
    groupName: '',
    summary: duty.content.slice(0, 300),
    type: duty.kind,
    typeName: DUTY_TYPE_NAMES[duty.kind],
    departmentId: duty.department.id,
    departmentName: duty.department.name,
    status: duty.status,
    level: 'COUNTY',
    year: null,
    updatedAt: duty.updatedAt.getTime(),
    rank: duty.kind === 'POWER_DUTY' ? 4 : 2,
  }))
}

export async function fundDocuments(db: Db, ids: number[]): Promise<SearchDocument[]> {
  const funds = await db.specialFund.findMany({ where: { id: { in: ids } }, include: { department: { select: { id: true, name: true } } } })
  return funds.map((fund) => withQueryFields({
    id: documentId('SPECIAL_FUND', fund.id),
    entityId: fund.id,
    list: 'fund',
    code: fund.code,
    name: fund.name,
    aliases: [],
    groupName: '',
    summary: fund.purpose.slice(0, 300),
    type: fund.allocationMethod,
    typeName: fund.allocationMethod === 'FACTOR' ? '因素法' : '项目法',
    departmentId: fund.department.id,
    departmentName: fund.department.name,
    status: fund.status,
    level: 'COUNTY',
    year: fund.year,
    updatedAt: fund.updatedAt.getTime(),
    rank: 3,
  }))
}

/** Records the index should hold, by entity type; an id missing from the result is removed from the index. */
export const documentBuilders: Record<EntityType, (db: Db, ids: number[]) => Promise<SearchDocument[]>> = {
  POWER_ITEM: powerItemDocuments,
  DUTY: dutyDocuments,
  SPECIAL_FUND: fundDocuments,
  DUTY_BOUNDARY: async () => [],
}

export function isIndexedEntity(entityType: string): entityType is EntityType {
  return entityType in documentBuilders
}
