// Published power items and public services as the portal shows them.
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import type { PowerItemView } from '../../../shared/items'
import { publicHistory } from '../history'
import { guideInclude, guideView } from '../guides/records'

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
    level: item.level,
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
    guide: item.guide ? { ...guideView(item.guide), history: await publicHistory(db, 'SERVICE_GUIDE', item.id) } : null,
    departmentPhone: item.guide?.consultPhone ?? hall?.phone ?? item.contact,
    lifeEvents: [...new Map(item.lifeEventSteps.map((s) => [s.step.lifeEvent.slug, s.step.lifeEvent])).values()],
  }
}
