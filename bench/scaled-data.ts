// A city-sized item file for the benchmark: the 1,135 real items of 广安区 first, then the same
// national catalogue as other districts of Sichuan publish it, until the wanted number of power
// items. In the format of data/guangan-items.json, so the product's own import reads it and
// generates the duties and funds of every district as it does for the real one.
//
// Each district keeps most of the catalogue, in its own departments (邻水县公安局 for 区公安分局),
// and about a third of its item names recombine the subject of one real item with the action of
// another of the same type, so names are not only exact copies. Deterministic: the same size and
// seed give the same file. Codes are unique; area and department codes of generated districts are
// invented, not the real ones.
import type { SourceRecord } from '../prisma/seed/source-file'

const DISTRICTS = [
  '前锋区', '岳池县', '武胜县', '邻水县', '华蓥市', '顺庆区', '高坪区', '嘉陵区', '阆中市', '南部县',
  '西充县', '营山县', '蓬安县', '仪陇县', '通川区', '达川区', '宣汉县', '开江县', '大竹县', '渠县',
  '万源市', '巴州区', '恩阳区', '通江县', '南江县', '平昌县', '船山区', '安居区', '射洪市', '蓬溪县',
  '大英县', '东兴区', '威远县', '资中县', '隆昌市', '自流井区', '贡井区', '大安区', '沿滩区', '荣县',
  '富顺县', '翠屏区', '南溪区', '叙州区', '江安县', '长宁县', '高县', '珙县', '筠连县', '兴文县',
  '屏山县', '江阳区', '纳溪区', '龙马潭区', '泸县', '合江县', '叙永县', '古蔺县', '东坡区', '彭山区',
  '仁寿县', '洪雅县', '丹棱县', '青神县', '雨城区', '名山区', '荥经县', '汉源县', '石棉县', '天全县',
  '芦山县', '宝兴县', '涪城区', '游仙区', '安州区', '江油市', '三台县', '盐亭县', '梓潼县', '平武县',
  '旌阳区', '罗江区', '广汉市', '什邡市', '绵竹市', '中江县', '利州区', '昭化区', '朝天区', '旺苍县',
  '青川县', '剑阁县', '苍溪县', '雁江区', '安岳县', '乐至县', '简阳市', '金堂县', '大邑县', '蒲江县',
]

/** The action an item name ends with; the rest of the name is its subject. */
export const ACTION = /(审批|许可|核准|备案|登记|认定|确认|奖励|处罚|检查|征收|给付|裁决|核发|审核|签发|注销|变更|补办|换发|延续|办理|申请|发放)$/

/** A small seeded PRNG (mulberry32): the same seed gives the same numbers, so the benchmark's data and workload repeat. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function districtName(i: number): string {
  const name = DISTRICTS[i % DISTRICTS.length]!
  return i < DISTRICTS.length ? name : `${name.slice(0, -1)}第${Math.floor(i / DISTRICTS.length) + 1}${name.slice(-1)}`
}

/** A department's name in another district: 区公安分局 → 邻水县公安分局. */
function departmentIn(district: string, department: string): string {
  return district + department.replace(/^(区|广安区)/, '')
}

function code18(rand: () => number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  let s = '9151'
  while (s.length < 18) s += alphabet[Math.floor(rand() * alphabet.length)]
  return s
}

export interface ScaledData { text: string; records: number; districts: number }

export function scaledItemFile(realText: string, totalItems: number, seed = 20261125): ScaledData {
  const real = JSON.parse(realText) as SourceRecord[]
  const rand = mulberry32(seed)
  const actionsByType = new Map<string, string[]>()
  for (const r of real) {
    const m = ACTION.exec(r.name)
    if (m) actionsByType.set(r.typeCode, [...(actionsByType.get(r.typeCode) ?? []), m[1]!])
  }
  const out: SourceRecord[] = real.slice(0, totalItems)
  const codes = new Set(out.map((r) => r.itemCode))
  let district = 0
  while (out.length < totalItems) {
    const name = districtName(district)
    const areaCode = `51${String(9000 + district).padStart(4, '0')}000000`
    const deptCodes = new Map<string, string>()
    // Each district publishes 85-100% of the catalogue, in its own order.
    const share = 0.85 + rand() * 0.15
    for (const r of real) {
      if (out.length >= totalItems) break
      if (rand() > share) continue
      let itemName = r.name
      const m = ACTION.exec(r.name)
      const actions = actionsByType.get(r.typeCode)
      if (m && actions && rand() < 0.33) itemName = r.name.slice(0, -m[1]!.length) + actions[Math.floor(rand() * actions.length)]!
      const department = departmentIn(name, r.department)
      if (!deptCodes.has(department)) deptCodes.set(department, code18(rand))
      let itemCode = r.itemCode.includes(r.areaCode) ? r.itemCode.replace(r.areaCode, areaCode) : `${r.itemCode}-${areaCode}`
      while (codes.has(itemCode)) itemCode += `-${district}`
      codes.add(itemCode)
      out.push({ ...r, department, name: itemName, itemCode, areaCode, deptCode: deptCodes.get(department)!, sourceUrl: null })
    }
    district++
  }
  return { text: JSON.stringify(out), records: out.length, districts: district + 1 }
}
