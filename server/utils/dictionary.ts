// The search dictionary's refusals as API answers (4xx with the dictionary's code and field).
import { DictionaryError } from '../services/search/dictionary'
import { apiError } from './http'

export async function withDictionaryErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof DictionaryError) {
      throw apiError(error.status, error.code, error.message, error.field ? [{ path: error.field, message: error.message }] : undefined)
    }
    throw error
  }
}
