// A refusal the accounts services decide (wrong current password, too many guesses at it, a name
// already taken, a change that would leave no administrator), answered as a 4xx with its code and field.
import type { ApiErrorData } from '../../../shared/api'
import { DomainError } from '../errors'

export class AccountError extends DomainError {
  constructor(
    status: 400 | 404 | 409 | 429,
    code: string,
    message: string,
    field?: string,
    /** for 429 TOO_MANY_ATTEMPTS: when trying again can succeed */
    readonly retryAt?: Date,
  ) {
    super(status, code, message, field)
  }

  override answer(): ApiErrorData {
    return { ...super.answer(), ...(this.retryAt ? { retryAt: this.retryAt.toISOString() } : {}) }
  }
}
