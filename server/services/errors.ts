// A refusal a service decides (a name already taken, a draft in the wrong state, a file that is
// not a spreadsheet, search that cannot be reached): the HTTP status and stable code the API
// answers with, the message a person reads and, when one input field is at fault, that field.
// Nothing has been written when one is thrown. Every domain error class extends this one, and
// server/plugins/error-answers.ts turns any of them into `{ data: { error, message, issues? } }`,
// so handlers never catch them. A DomainError carries no `cause`: h3 would keep the cause in
// place of the error itself, and the answer would be lost.
import type { ApiErrorData } from '../../shared/api'

export type DomainErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 423 | 429 | 503

export class DomainError extends Error {
  constructor(
    readonly status: DomainErrorStatus,
    readonly code: string,
    message: string,
    /** the input field at fault, for a field-level message in the form */
    readonly field?: string,
  ) {
    super(message)
    this.name = new.target.name
  }

  /** The body of the answer; a subclass with more to say (a report, a time to retry) adds it. */
  answer(): ApiErrorData {
    return { error: this.code, message: this.message, ...(this.field ? { issues: [{ path: this.field, message: this.message }] } : {}) }
  }
}
