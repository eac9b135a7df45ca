// The guards of the history routes: a list query within the actor's departments, and one
// versioned record the actor may read the history of.
import type { H3Event } from 'h3'
import type { ListKind } from '../../shared/lists'
import { historyListQuerySchemas, type HistoryListRequest } from '../../shared/history'
import { idParamSchema } from '../../shared/workspace'
import { recordScope } from '../services/history'
import { departmentScope, requireActor, requireScope, type Actor } from './auth'
import { apiError, validParam, validQuery } from './http'
import { useDb } from './prisma'

/** The list query, validated; an actor who reads one department's history gets that department whatever they asked for. */
export function historyListRequest(event: H3Event, actor: Actor, list: ListKind): HistoryListRequest {
  const query = validQuery(event, historyListQuerySchemas[list])
  const dept = departmentScope(actor, 'history:read') ?? query.dept
  requireScope(actor, 'history:read', dept === undefined ? undefined : { departmentId: dept })
  return { list, query: { ...query, dept } } as HistoryListRequest
}

const NOT_FOUND = { DUTY: ['DUTY_NOT_FOUND', '责任事项'], SPECIAL_FUND: ['FUND_NOT_FOUND', '专项资金'] } as const

/** The actor and the record `:id`, if they may read the history of its department. */
export async function requireHistoryRecord(event: H3Event, entityType: 'DUTY' | 'SPECIAL_FUND') {
  const actor = await requireActor(event, 'history:read')
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await recordScope(prisma, entityType, id)
  const [code, noun] = NOT_FOUND[entityType]
  if (!scope) throw apiError(404, code, `没有编号为 ${id} 的${noun}`)
  requireScope(actor, 'history:read', scope)
  return { actor, id, prisma }
}
