// Guards for routes about the records of a department named in the query (`?dept=`) or the body:
// an actor who holds the permission for their own department only gets that department, and
// naming another is refused with 403.
import type { H3Event } from 'h3'
import type { ListKind } from '../../shared/lists'
import { historyListQuerySchemas, type HistoryListRequest } from '../../shared/history'
import { apiError, validQuery } from '../utils/http'
import { departmentScope, requireScope, type Actor } from './context'

/** The history list query, validated and limited to the departments whose history the actor may read. */
export function historyListRequest(event: H3Event, actor: Actor, list: ListKind): HistoryListRequest {
  const query = validQuery(event, historyListQuerySchemas[list])
  const dept = departmentScope(actor, 'history:read') ?? query.dept
  requireScope(actor, 'history:read', dept === undefined ? undefined : { departmentId: dept })
  return { list, query: { ...query, dept } } as HistoryListRequest
}

/**
 * The department whose records an export holds: an editor's own (another one named in ?dept= is
 * refused with 403); the reform office and auditors, who read every department, must name one.
 */
export function exportDepartment(actor: Actor, dept: number | undefined): number {
  requireScope(actor, 'draft:read', dept === undefined ? undefined : { departmentId: dept })
  const departmentId = dept ?? departmentScope(actor, 'draft:read')
  if (departmentId === null) throw apiError(400, 'DEPARTMENT_REQUIRED', '请用 ?dept= 指定要导出的部门')
  return departmentId
}

/**
 * The department whose service halls are kept: an editor's own (another one named is refused with
 * 403); an administrator, who keeps every department's, must name one.
 */
export function hallDepartment(actor: Actor, dept: number | undefined): number {
  requireScope(actor, 'hall:write', dept === undefined ? undefined : { departmentId: dept })
  const departmentId = dept ?? departmentScope(actor, 'hall:write')
  if (departmentId === null) throw apiError(400, 'DEPARTMENT_REQUIRED', '请指定部门（?dept= 或 departmentId）')
  return departmentId
}
