// Many rows in one INSERT: the rows travel as one JSON document that PostgreSQL reads as a set of
// records (jsonb_to_recordset). Prisma's createMany sends one parameter per cell and builds every
// row in its query engine, and one array parameter per column still has the driver escape every
// cell into an array literal; a city's import of several hundred thousand rows (items, duties,
// cases, versions, outbox rows) spent most of its time on either. Runs inside the caller's
// transaction like any other statement.
import type { Prisma } from './prisma'

/** A transaction, or the client itself when one statement is all there is. */
type Tx = Pick<Prisma.TransactionClient, '$queryRawUnsafe' | '$executeRawUnsafe'>

/** A PostgreSQL column type: base types, a list of texts, or an enum's quoted name. */
export type ColumnType = 'text' | 'text[]' | 'integer' | 'bigint' | 'boolean' | 'jsonb' | 'numeric' | 'date' | 'timestamp(3)' | `"${string}"`

/** Rows per statement: bounds the size of one message and of one result. */
const ROWS_PER_STATEMENT = 10_000

function cell(value: unknown, type: ColumnType): unknown {
  if (value === undefined || value === null) return null
  // Prisma keeps DateTime as UTC in `timestamp(3)`: an ISO string's zone is dropped on the cast.
  if (value instanceof Date) return type === 'date' ? value.toISOString().slice(0, 10) : value.toISOString()
  if (type === 'jsonb' || type === 'text[]' || typeof value !== 'object') return value
  // Decimal and the like, as their text.
  return String(value)
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
  rows: readonly object[],
  returning: string[] = [],
): Promise<R[]> {
  const names = Object.keys(columns)
  const quoted = (name: string) => (name === '*' ? name : `"${name.replace(/"/g, '""')}"`)
  const sql = `INSERT INTO ${quoted(table)} (${names.map(quoted).join(', ')})
    SELECT ${names.map(quoted).join(', ')} FROM jsonb_to_recordset($1::jsonb) AS cells(${names.map((name) => `${quoted(name)} ${columns[name]}`).join(', ')})
    ${returning.length ? `RETURNING ${returning.map(quoted).join(', ')}` : ''}`
  const out: R[] = []
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => Object.fromEntries(names.map((name) => [name, cell((row as Record<string, unknown>)[name], columns[name]!)])))
    const document = json(chunk)
    if (returning.length) out.push(...await tx.$queryRawUnsafe<R[]>(sql, document))
    else await tx.$executeRawUnsafe(sql, document)
  }
  return out
}

/**
 * As Prisma writes Json: bigints as strings, undefined members left out, dates as ISO strings. A
 * replacer function slows JSON.stringify several times over, so it runs only for the rare
 * document that holds a bigint.
 */
function json(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  }
}
