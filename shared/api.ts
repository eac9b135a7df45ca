/** The body of every refused API request: a stable code for programs, a message for people. */
export interface ApiErrorData {
  error: string
  message: string
  issues?: { path: string; message: string }[]
}
