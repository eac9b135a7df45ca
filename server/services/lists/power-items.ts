// Published power items and public services as the portal shows them.
import type { Db } from '../../utils/prisma'
import { itemTypeNames } from '../../../shared/item-types'
import type { PowerItemView } from '../../../shared/items'
import { publicHistory } from '../history'
import { guideInclude, guideView } from '../guides/records'
import { dutyView, powerItemFields } from './snapshots'

export async function getPublishedPowerItem(db: Db, code: string): Promise<PowerItemView | null> {
  const item = await db.powerItem.findUnique({
    where: { code },
    include: {
      department: { select: { id: true, name: true, code: true } },
      delegatedToDepartment: { select: { name: true } },
      mergedInto: { select: { code: true, name: true } },
      duties: { orderBy: { id: 'asc' }, include: { accountabilityCases: { orderBy: { sortOrder: 'asc' } } } },
      guide: { include: guideInclude },
      lifeEventSteps: { where: { step: { lifeEvent: { status: 'IN_FORCE' } } }, select: { step: { select: { lifeEvent: { select: { slug: true, title: true } } } } } },
    },
  })
  if (!item) return null
  const hall = item.guide ? null : await db.serviceHall.findFirst({ where: { departmentId: item.departmentId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { phone: true } })
  return {
    ...powerItemFields(item),
    ...itemTypeNames(item.type),
    department: item.department,
    // A delegated item is exercised where it went; rows delegated before the level followed say so here.
    level: item.status === 'DELEGATED' && item.delegatedToLevel ? item.delegatedToLevel : item.level,
    sourceUrl: item.sourceUrl,
    status: item.status,
    delegatedTo: item.status === 'DELEGATED' ? { level: item.delegatedToLevel, department: item.delegatedToDepartment?.name ?? null } : null,
    mergedInto: item.mergedInto,
    statusDocumentNo: item.statusDocumentNo,
    statusChangedAt: item.statusChangedAt?.toISOString() ?? null,
    hasDemoContent: item.hasDemoContent,
    publishedAt: item.publishedAt.toISOString(),
    duties: item.duties.map(dutyView),
    history: await publicHistory(db, 'POWER_ITEM', item.id),
    guide: item.guide ? { ...guideView(item.guide), history: await publicHistory(db, 'SERVICE_GUIDE', item.id) } : null,
    departmentPhone: item.guide?.consultPhone ?? hall?.phone ?? item.contact,
    lifeEvents: [...new Map(item.lifeEventSteps.map((s) => [s.step.lifeEvent.slug, s.step.lifeEvent])).values()],
  }
}
