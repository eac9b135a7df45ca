/** A refusal of the workflow: a 4xx with a stable code; nothing has been written. */
export class WorkflowError extends Error {
  constructor(readonly status: 400 | 404 | 409, readonly code: string, message: string) {
    super(message)
    this.name = 'WorkflowError'
  }
}
