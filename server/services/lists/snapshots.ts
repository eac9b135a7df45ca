// The public fields of a record as one plain object: what RecordVersion stores, what the
// history diff compares and what the open data exports.
import type { PowerItem } from '../../generated/prisma/client'

export function powerItemSnapshot(item: PowerItem & { department?: { name: string } }) {
  return {
    code: item.code,
    name: item.name,
    aliases: item.aliases,
    type: item.type,
    departmentId: item.departmentId,
    department: item.department?.name,
    groupName: item.groupName,
    legalBasis: item.legalBasis,
    level: item.level,
    timeLimit: item.timeLimit,
    fees: item.fees,
    contact: item.contact,
    status: item.status,
    delegatedToLevel: item.delegatedToLevel,
    delegatedToDepartmentId: item.delegatedToDepartmentId,
    mergedIntoId: item.mergedIntoId,
    statusDocumentNo: item.statusDocumentNo,
  }
}
