// Published power items and public services as the portal shows them.
import type { Db } from '../../utils/prisma'
import { itemTypeByKey } from '../../../shared/item-types'
import type { PowerItemView } from '../../../shared/items'
import { diffSnapshots, type FieldChange } from '../../../shared/diff'

/**
 * The names a reader is shown for changed snapshot fields: an id and the name stored beside it
 * (departmentId, department) are one fact to the reader, so both become `department`.
 */
function publicFieldNames(changes: FieldChange[]): string[] {
  return [...new Set(changes.map((c) => c.field.replace(/Id$/, '')))]
}

export async function getPublishedItem(db: Db, code: string): Promise<PowerItemView | null> {
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
  // The public history: what changed, when and on which document; never who did it.
  const versions = await db.recordVersion.findMany({
    where: { entityType: 'POWER_ITEM', entityId: item.id },
    orderBy: { revision: 'asc' },
    select: { revision: true, action: true, validFrom: true, documentNo: true, data: true },
  })
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
    history: versions.map((v, i) => ({
      revision: v.revision,
      action: v.action,
      validFrom: v.validFrom.toISOString(),
      documentNo: v.documentNo,
      changedFields: i === 0 ? [] : publicFieldNames(diffSnapshots(versions[i - 1]!.data as Record<string, unknown>, v.data as Record<string, unknown>)),
    })),
  }
}
