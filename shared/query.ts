// Query-string helpers shared by the schemas of the portal and the back office.
import { z } from 'zod'

/** A repeatable query parameter (`?dept=3&dept=5` or `?dept=3`) as an array, empty when absent. */
export const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))

/**
 * The id of a database row (PostgreSQL `integer`) in a query, path or body: a larger number
 * cannot name a row, and would make the database refuse the query instead of answering 404.
 */
export const recordId = z.coerce.number().int().positive().max(2_147_483_647)

/** For a route that takes no query parameters: any is refused, like an unknown one elsewhere. */
export const noQuerySchema = z.object({}).strict()
