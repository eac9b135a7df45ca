// Published power items and public services as the portal shows them.
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import type { PowerItemView } from '../../../shared/items'
import { publicHistory } from '../history'

export async function getPublishedPowerItem(db: Db, code: string): Promise<PowerItemView | null> {
  const item = await db.powerItem.findUnique({
    where: { code },
    include: {
      department: { select: { id: true, name: true, code: true } },
      delegatedToDepartment: { select: { name: true } },
      mergedInto: { select: { code: true, name: true } },
      duties: { orderBy: { id: 'asc' }, include: { accountabilityCases: { orderBy: { sortOrder: 'asc' } } } },
    },
  })
  if (!item) return null
  const type = itemTypeByKey(item.type)
  return {
    code: item.code,
    name: item.name,
    aliases: item.aliases,
    type: item.type,
    typeCode: type?.code ?? '',
    typeName: type?.zh ?? item.type,
    department: item.department,
    groupName: item.groupName,
    legalBasis: item.legalBasis,
    // A delegated item is exercised where it went; rows delegated before the level followed say so here.
    level: item.status === 'DELEGATED' && item.delegatedToLevel ? item.delegatedToLevel : item.level,
    timeLimit: item.timeLimit,
    fees: item.fees,
    contact: item.contact,
    sourceUrl: item.sourceUrl,
    status: item.status,
    delegatedTo: item.status === 'DELEGATED' ? { level: item.delegatedToLevel, department: item.delegatedToDepartment?.name ?? null } : null,
    mergedInto: item.mergedInto,
    statusDocumentNo: item.statusDocumentNo,
    statusChangedAt: item.statusChangedAt?.toISOString() ?? null,
    hasDemoContent: item.hasDemoContent,
    publishedAt: item.publishedAt.toISOString(),
    duties: item.duties.map((d) => ({
      code: d.code,
      kind: d.kind,
      title: d.title,
      content: d.content,
      basis: d.basis,
      status: d.status,
      isDemo: d.isDemo,
      cases: d.accountabilityCases.map((c) => ({ content: c.content, basis: c.basis })),
    })),
    history: await publicHistory(db, 'POWER_ITEM', item.id),
  }
}
