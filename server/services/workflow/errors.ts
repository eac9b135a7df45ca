import { DomainError } from '../errors'

/** A refusal of the workflow: a 4xx with a stable code; nothing has been written. */
export class WorkflowError extends DomainError {
  constructor(status: 400 | 404 | 409, code: string, message: string) {
    super(status, code, message)
  }
}
