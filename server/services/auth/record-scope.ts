// The department a record belongs to: what the access policy decides on for a route about one
// record (server/guards/context.ts, requireRecordContext).
import type { Db } from '../../utils/prisma'
import type { RecordEntityType } from '../../../shared/lists'
import { DomainError } from '../errors'

/**
 * The records a route names by `:id`: a change request, a record of any kind the record routes
 * serve (a guide by its item's id), a department's service hall, or a reform task.
 */
export type ScopedRecord = 'CHANGE_REQUEST' | RecordEntityType | 'SERVICE_HALL' | 'REFORM_TASK'

const NOT_FOUND: Record<ScopedRecord, { code: string; noun: string }> = {
  CHANGE_REQUEST: { code: 'CHANGE_REQUEST_NOT_FOUND', noun: '变更' },
  POWER_ITEM: { code: 'ITEM_NOT_FOUND', noun: '事项' },
  DUTY: { code: 'DUTY_NOT_FOUND', noun: '责任事项' },
  SPECIAL_FUND: { code: 'FUND_NOT_FOUND', noun: '专项资金' },
  SERVICE_GUIDE: { code: 'ITEM_NOT_FOUND', noun: '事项' },
  LIFE_EVENT: { code: 'LIFE_EVENT_NOT_FOUND', noun: '一件事' },
  SERVICE_HALL: { code: 'HALL_NOT_FOUND', noun: '服务窗口' },
  REFORM_TASK: { code: 'REFORM_TASK_NOT_FOUND', noun: '改革任务' },
}

export class RecordNotFoundError extends DomainError {
  constructor(record: ScopedRecord, id: number) {
    const { code, noun } = NOT_FOUND[record]
    super(404, code, `没有编号为 ${id} 的${noun}`)
  }
}

/**
 * The department of record `id`; a record that does not exist is refused with 404. A life event
 * belongs to no department (null): only those who hold a permission for every department reach it.
 */
export async function recordScope(db: Db, record: ScopedRecord, id: number): Promise<{ departmentId: number | null }> {
  const where = { where: { id }, select: { departmentId: true } }
  const found = await {
    CHANGE_REQUEST: () => db.changeRequest.findUnique(where),
    POWER_ITEM: () => db.powerItem.findUnique(where),
    // A guide is its item's: an item's first guide is drafted before the guide exists.
    SERVICE_GUIDE: () => db.powerItem.findUnique(where),
    DUTY: () => db.duty.findUnique(where),
    SPECIAL_FUND: () => db.specialFund.findUnique(where),
    LIFE_EVENT: async () => (await db.lifeEvent.findUnique({ where: { id }, select: { id: true } })) && { departmentId: null },
    SERVICE_HALL: () => db.serviceHall.findUnique(where),
    // A reform task belongs to the department that leads it: only the lead reports on it.
    REFORM_TASK: async () => {
      const task = await db.reformTask.findUnique({ where: { id }, select: { leadDepartmentId: true } })
      return task && { departmentId: task.leadDepartmentId }
    },
  }[record]()
  if (!found) throw new RecordNotFoundError(record, id)
  return found
}
