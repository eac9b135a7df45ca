// A refusal the accounts services decide (wrong current password, too many guesses at it, a name
// already taken, a change that would leave no administrator). Handlers turn it into a 4xx with its code.
export class AccountError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 429,
    readonly code: string,
    message: string,
    /** the input field at fault, for a field-level message in the form */
    readonly field?: string,
    /** for 429 TOO_MANY_ATTEMPTS: when trying again can succeed */
    readonly retryAt?: Date,
  ) {
    super(message)
    this.name = 'AccountError'
  }
}
