// The Atom feeds as a feed reader gets them: announcements, a department, a list, a search and
// one record. Each validates as Atom (well-formed XML in the Atom namespace with the elements
// RFC 4287 requires), and each changes when a version is published: the new change comes first,
// with its document number, public reason and fields old → new; feeds of other topics do not move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditActor } from '../../server/services/audit'
import { createDraft, decide, submitDraft } from '../../server/services/workflow/change-requests'
import { createListVersion, publishListVersion } from '../../server/services/workflow/list-versions'
import { announcementsFeed, changesFeed } from '../../server/services/follow/feeds'
import { reindex } from '../../server/services/search/reindex'
import { changeTopicSchema } from '../../shared/follow'
import { draftInputSchema, type DraftInput } from '../../shared/drafts'
import { cityToday } from '../../shared/city-time'
import { parseAtom } from '../helpers/atom'
import { createEditorAndOffice, createTestEnv, type TestEnv } from '../helpers/services'

let env: TestEnv
let police: { id: number }
let other: { id: number }
let editor: AuditActor & { id: number }
let office: AuditActor & { id: number }
let passport: { id: number; code: string; name: string; aliases: string[]; type: string; level: string; timeLimit: string | null }

const ORIGIN = 'https://qingdan.example.gov.cn'
const db = () => env.db.prisma
const search = () => ({ meili: env.meili, indexUid: env.config.meiliIndex })
const changes = async (query: Record<string, string | string[]>) => parseAtom(await changesFeed(db(), search(), ORIGIN, changeTopicSchema.parse(query)))
const announcements = async () => parseAtom(await announcementsFeed(db(), ORIGIN))

beforeAll(async () => {
  env = await createTestEnv({ realData: true })
  await reindex(db(), env.meili, env.config.meiliIndex)
  police = await db().department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  other = await db().department.findFirstOrThrow({ where: { id: { not: police.id }, powerItems: { some: {} } } })
  passport = await db().powerItem.findFirstOrThrow({ where: { name: '普通护照签发' } })
  ;({ editor, office } = await createEditorAndOffice(db(), police.id))
}, 240_000)

afterAll(async () => { await env?.close() })

/** Publishes today a change of the passport's time limit, with a public reason. */
async function publishPassportChange(timeLimit: string, reason: string, documentNo: string) {
  const { id } = await createDraft(db(), editor, police.id, draftInputSchema.parse({ action: 'UPDATE', entityId: passport.id, payload: { name: passport.name, aliases: passport.aliases, type: passport.type, level: passport.level, timeLimit } }) as DraftInput)
  await submitDraft(db(), editor, id, '内部理由')
  await decide(db(), office, id, { outcome: 'APPROVED', documentNo, effectiveDate: cityToday(), comment: '内部备注', publicReason: reason })
  const version = await createListVersion(db(), office, { title: `${documentNo}调整`, documentNo, effectiveDate: cityToday(), changeRequestIds: [id] })
  return publishListVersion(db(), office, version.id, new Date())
}

describe('Atom feeds', () => {
  it('are valid Atom with a self link, an alternate page and the newest entries first', async () => {
    const feed = await changes({ dept: String(police.id) })
    expect(feed.links).toContainEqual({ rel: 'self', type: 'application/atom+xml', href: `${ORIGIN}/api/feeds/changes?dept=${police.id}` })
    expect(feed.links.find((l) => l.rel === 'alternate')?.href).toBe(`${ORIGIN}/search?dept=${police.id}`)
    expect(feed.title).toContain('区公安分局')
    expect(feed.entries.length).toBeGreaterThan(0)
    expect(feed.entries.length).toBeLessThanOrEqual(50)
    expect(new Set(feed.entries.map((e) => e.id)).size).toBe(feed.entries.length)
    const times = feed.entries.map((e) => Date.parse(e.updated))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    expect((await announcements()).entries.length).toBeGreaterThan(0)
  })

  it('change at publication: the announcement, the department, the list, the search and the record get the new change first; other topics do not', async () => {
    const before = {
      announcements: await announcements(),
      dept: await changes({ dept: String(police.id) }),
      otherDept: await changes({ dept: String(other.id) }),
      funds: await changes({ list: 'fund' }),
      record: await changes({ code: passport.code }),
    }
    const reason = '依据《护照法》修订，压缩办理时限'
    const version = await publishPassportChange('5个工作日', reason, '广安审改〔2026〕31号')

    const news = await announcements()
    expect(news.entries.length).toBe(Math.min(50, before.announcements.entries.length + 1))
    expect(news.entries[0]!.title).toBe(version.title)
    expect(news.entries[0]!.links[0]!.href).toMatch(new RegExp(`^${ORIGIN}/announcements/\\d+$`))
    expect(news.entries[0]!.content).toContain('权力清单 修改 1 项')
    expect(Date.parse(news.updated)).toBeGreaterThan(Date.parse(before.announcements.updated))

    const queries: Record<string, string>[] = [{ dept: String(police.id) }, { list: 'power' }, { q: '护照' }, { code: passport.code }, { list: 'power', dept: String(police.id), status: 'IN_FORCE' }]
    for (const query of queries) {
      const feed = await changes(query)
      const first = feed.entries[0]!
      expect(first.title, JSON.stringify(query)).toBe(`修改权力事项：普通护照签发（${passport.code}）`)
      expect(first.links[0]!.href).toBe(`${ORIGIN}/items/${passport.code}`)
      expect(first.content).toContain('文号：广安审改〔2026〕31号')
      expect(first.content).toContain(`理由：${reason}`)
      expect(first.content).toContain(`承诺时限：${passport.timeLimit ?? '（空）'} → 5个工作日`)
      expect(first.content).not.toContain('内部')
    }
    expect((await changes({ code: passport.code })).entries.length).toBe(before.record.entries.length + 1)
    expect((await changes({ dept: String(other.id) })).entries).toEqual(before.otherDept.entries)
    expect((await changes({ list: 'fund' })).entries).toEqual(before.funds.entries)
    expect((await changes({ q: '护照', list: 'fund' })).entries.some((e) => e.title.includes('普通护照签发'))).toBe(false)
  })

  it('stay well-formed whatever a record or a reason holds', async () => {
    const reason = '含 <script>alert("x")</script> & 控制字符\u0001 以及 ]]> 结尾'
    await publishPassportChange('3个工作日', reason, '广安审改〔2026〕32号')
    const first = (await changes({ code: passport.code })).entries[0]!
    expect(first.content).toContain('理由：含 <script>alert("x")</script> & 控制字符 以及 ]]> 结尾')
  })

  it('follow a department, a list and a filter with nothing published yet as an empty, valid feed', async () => {
    const feed = await changes({ list: 'fund', year: '1950' })
    expect(feed.entries).toEqual([])
    expect(feed.title).toBe('财政专项资金管理清单 · 1950年度的变更')
  })
})
