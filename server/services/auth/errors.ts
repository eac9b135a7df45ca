// A refusal the accounts services decide (wrong current password, a name already taken, a
// change that would leave no administrator). Handlers turn it into a 4xx with its code.
export class AccountError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly code: string,
    message: string,
    /** the input field at fault, for a field-level message in the form */
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AccountError'
  }
}
