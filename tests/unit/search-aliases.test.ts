// Everyday names (俗称) of items: the rules over official names, the curated table, and the data
// file the import loads, which must be what the rules and the table give for every real item.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { aliasFileSchema, curatedAliasesSchema, generateAliasFile, generateAliases, shorterName, type CuratedAliases } from '../../server/services/search/aliases'
import { powerItemFieldsSchema } from '../../shared/drafts'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const readJson = async (file: string) => JSON.parse(await readFile(path.join(root, file), 'utf8'))

describe('everyday names by rule', () => {
  it('leaves out qualifiers and the administrative ending', () => {
    expect(shorterName('烟草专卖零售许可证新办')).toBe('烟草专卖零售许可证')
    expect(shorterName('纳税信用复评（县级行使）')).toBe('纳税信用复评')
    expect(shorterName('对公民法律援助申请的审批')).toBe('公民法律援助')
    expect(shorterName('客运车辆道路运输证办理（补办）')).toBe('客运车辆道路运输证办理补办')
  })

  const table: CuratedAliases = {
    terms: { 居民身份证: ['身份证'], 社会保障卡: ['社保卡'] },
    items: [{ code: 'A-1', name: '居民身份证挂失申报、丢失招领', aliases: ['身份证丢了'] }],
  }

  it('puts curated names first, then official terms in citizens’ words, then the shorter name and the action first', () => {
    expect(generateAliases({ code: 'A-1', name: '居民身份证挂失申报、丢失招领' }, table).map((a) => [a.alias, a.source, a.rule])).toEqual([
      ['身份证丢了', 'curated', undefined],
      ['身份证挂失申报、丢失招领', 'generated-rule', 'everyday-term'],
    ])
    expect(generateAliases({ code: 'B-2', name: '社会保障卡补领、换领、换发' }, table).map((a) => a.alias)).toEqual(['社保卡补领、换领、换发'])
    expect(generateAliases({ code: 'C-3', name: '户口注销' }, table).map((a) => [a.alias, a.rule])).toEqual([['注销户口', 'action-first']])
  })

  it('never gives the name itself, nor more names or longer ones than an editor may enter', () => {
    const many: CuratedAliases = { terms: {}, items: [{ code: 'X', name: '护照', aliases: ['护照', ...Array.from({ length: 15 }, (_, i) => `别名${i}`), '长'.repeat(31)] }] }
    const aliases = generateAliases({ code: 'X', name: '护照' }, many).map((a) => a.alias)
    expect(aliases).not.toContain('护照')
    expect(aliases).toHaveLength(10)
    expect(aliases.every((a) => a.length <= 30)).toBe(true)
  })
})

describe('data/aliases.json', () => {
  it('is what the rules and the curated table give for the real items, every item with at least one everyday name', async () => {
    const items = await readJson('data/guangan-items.json') as { itemCode: string; name: string }[]
    const curated = curatedAliasesSchema.parse(await readJson('data/aliases-curated.json'))
    const file = aliasFileSchema.parse(await readJson('data/aliases.json'))
    expect(file, 'run npm run search:aliases').toEqual(generateAliasFile(items, curated))
    expect(items.filter((i) => !file.items[i.itemCode]?.length).map((i) => i.name)).toEqual([])
    expect(Object.keys(file.items)).toHaveLength(1135)
  })

  it('names only real items in its curated table, and gives names an editor could have entered in the draft form', async () => {
    const items = await readJson('data/guangan-items.json') as { itemCode: string; name: string }[]
    const byCode = new Map(items.map((i) => [i.itemCode, i.name]))
    const curated = curatedAliasesSchema.parse(await readJson('data/aliases-curated.json'))
    expect(curated.items.filter((c) => byCode.get(c.code) !== c.name)).toEqual([])
    const file = aliasFileSchema.parse(await readJson('data/aliases.json'))
    for (const [code, aliases] of Object.entries(file.items)) {
      const parsed = powerItemFieldsSchema.shape.aliases.safeParse(aliases.map((a) => a.alias))
      expect(parsed.success, code).toBe(true)
    }
  })
})
