// A refusal the accounts services decide (wrong current password, a name already taken, a
// change that would leave no administrator), answered as a 4xx with its code and field.
import { DomainError } from '../errors'

export class AccountError extends DomainError {
  constructor(status: 400 | 404 | 409, code: string, message: string, field?: string) {
    super(status, code, message, field)
  }
}
