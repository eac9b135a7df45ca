// Many rows in one INSERT: one array parameter per column, unnested by PostgreSQL. Prisma's
// createMany sends one parameter per cell and builds every row in its query engine, which a
// city's import of several hundred thousand rows (items, duties, cases, versions, outbox rows)
// spends most of its time on. Runs inside the caller's transaction like any other statement.
import type { Prisma } from './prisma'

/** A transaction, or the client itself when one statement is all there is. */
type Tx = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>

/** A PostgreSQL column type as the array is cast: base types, or an enum's quoted name; `text[]` for a list of texts. */
export type ColumnType = 'text' | 'text[]' | 'integer' | 'bigint' | 'boolean' | 'jsonb' | 'numeric' | 'date' | 'timestamp(3)' | `"${string}"`

/** Rows per statement: bounds the size of one message and of one result. */
const ROWS_PER_STATEMENT = 10_000

function cell(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null
  // Prisma keeps DateTime as UTC in `timestamp(3)`: an ISO string's zone is dropped on the cast.
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString()
  // As Prisma writes Json: bigints as strings, undefined members left out, dates as ISO strings.
  // A list cell travels as a JSON array: unnest would flatten an array of arrays (`text[][]`).
  if (type === 'jsonb' || type === 'text[]') return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  if (typeof value === 'object') return String(value)
  return value
}

/**
 * Inserts `rows` into `table` (columns named as in the database) and returns the `returning`
 * columns of the inserted rows (`*` for all of them, as Prisma reads a record), in no particular
 * order: return a unique column to match them.
 */
export async function insertRows<R = Record<string, unknown>>(
  tx: Tx,
  table: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, unknown>[],
  returning: string[] = [],
): Promise<R[]> {
  const names = Object.keys(columns)
  const quoted = (name: string) => (name === '*' ? name : `"${name.replace(/"/g, '""')}"`)
  const isList = (name: string) => columns[name] === 'text[]'
  const selected = names.map((name, i) => (isList(name) ? `ARRAY(SELECT jsonb_array_elements_text(c${i}))` : `c${i}`))
  const arrays = names.map((name, i) => `$${i + 1}::${isList(name) ? 'jsonb' : columns[name]}[]`)
  const sql = `INSERT INTO ${quoted(table)} (${names.map(quoted).join(', ')})
    SELECT ${selected.join(', ')} FROM unnest(${arrays.join(', ')}) AS cells(${names.map((_, i) => `c${i}`).join(', ')})
    ${returning.length ? `RETURNING ${returning.map(quoted).join(', ')}` : ''}`
  const out: R[] = []
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT)
    const values = names.map((name) => chunk.map((row) => cell(row[name], columns[name]!)))
    if (returning.length) out.push(...await tx.$queryRawUnsafe<R[]>(sql, ...values))
    else await tx.$executeRawUnsafe(sql, ...values)
  }
  return out
}
