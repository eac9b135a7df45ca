// The workflow's refusals as API answers, and the guard for routes on one change request or
// one published item: find the record's department, then ask the policy.
import type { H3Event } from 'h3'
import { WorkflowError } from '../services/workflow/errors'
import { changeRequestScope, powerItemScope } from '../services/workflow/change-requests'
import { idParamSchema } from '../../shared/workspace'
import { requireActor, requireScope, type Permission } from './auth'
import { apiError, validParam } from './http'
import { useDb } from './prisma'

export async function withWorkflowErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof WorkflowError) throw apiError(error.status, error.code, error.message)
    throw error
  }
}

/** The actor, if they hold `permission` for the department of change request `:id`. */
export async function requireChangeRequest(event: H3Event, permission: Permission) {
  const actor = await requireActor(event, permission)
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await changeRequestScope(prisma, id)
  if (!scope) throw apiError(404, 'CHANGE_REQUEST_NOT_FOUND', `没有编号为 ${id} 的变更`)
  requireScope(actor, permission, scope)
  return { actor, id, prisma }
}

/** The actor, if they hold `permission` for the department of power item `:id`. */
export async function requirePowerItem(event: H3Event, permission: Permission) {
  const actor = await requireActor(event, permission)
  const id = validParam(event, 'id', idParamSchema)
  const { prisma } = await useDb()
  const scope = await powerItemScope(prisma, id)
  if (!scope) throw apiError(404, 'ITEM_NOT_FOUND', `没有编号为 ${id} 的事项`)
  requireScope(actor, permission, scope)
  return { actor, id, prisma }
}
