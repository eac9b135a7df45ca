// The national catalogue's item types: ten kinds of administrative power (the power list) and
// public services. Codes are the catalogue's; names are shown in the UI.
export const ITEM_TYPES = [
  { type: 'LICENSING', code: '01', zh: '行政许可', en: 'Administrative licensing' },
  { type: 'PENALTY', code: '02', zh: '行政处罚', en: 'Administrative penalty' },
  { type: 'COERCION', code: '03', zh: '行政强制', en: 'Administrative coercion' },
  { type: 'LEVY', code: '04', zh: '行政征收', en: 'Administrative levy' },
  { type: 'BENEFIT', code: '05', zh: '行政给付', en: 'Administrative benefit' },
  { type: 'INSPECTION', code: '06', zh: '行政检查', en: 'Administrative inspection' },
  { type: 'CONFIRMATION', code: '07', zh: '行政确认', en: 'Administrative confirmation' },
  { type: 'REWARD', code: '08', zh: '行政奖励', en: 'Administrative reward' },
  { type: 'ADJUDICATION', code: '09', zh: '行政裁决', en: 'Administrative adjudication' },
  { type: 'OTHER_POWER', code: '10', zh: '其他行政权力', en: 'Other administrative power' },
  { type: 'PUBLIC_SERVICE', code: '20', zh: '公共服务', en: 'Public service' },
] as const

export type ItemTypeKey = (typeof ITEM_TYPES)[number]['type']
export type ItemTypeCode = (typeof ITEM_TYPES)[number]['code']

export const ITEM_TYPE_KEYS = ITEM_TYPES.map((t) => t.type) as [ItemTypeKey, ...ItemTypeKey[]]

export function itemTypeByCode(code: string) {
  return ITEM_TYPES.find((t) => t.code === code)
}

export function itemTypeByKey(type: string) {
  return ITEM_TYPES.find((t) => t.type === type)
}

/** A type's code (01-10, 20) and Chinese name as the item page and the open data show them. */
export function itemTypeNames(type: string) {
  const known = itemTypeByKey(type)
  return { typeCode: known?.code ?? '', typeName: known?.zh ?? type }
}

/** Types 01-10 form the power list (权力清单); 20 is a public service of the responsibility list. */
export function isPower(type: ItemTypeKey): boolean {
  return type !== 'PUBLIC_SERVICE'
}
