// The workflow's refusals as API answers (4xx with the workflow's code).
import { WorkflowError } from '../services/workflow/errors'
import { apiError } from './http'

export async function withWorkflowErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof WorkflowError) throw apiError(error.status, error.code, error.message)
    throw error
  }
}
