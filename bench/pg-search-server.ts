// What a typical government CMS does for search, for comparison only (not part of the product):
// a plain HTTP server answering /search?q=&type=&dept=&status= with one SQL query over the power
// items' names, a page of 20 and the total. `ORDER BY similarity` once the bench has created the
// pg_trgm GIN index (MODE=trgm), by name otherwise (MODE=ilike, a sequential scan).
// Run as its own process by bench/run.ts so the load generator does not share its event loop.
import { createServer } from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 20) })
const trgm = process.env.MODE === 'trgm'

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost')
  if (url.pathname !== '/search') { res.writeHead(404).end(); return }
  const q = (url.searchParams.get('q') ?? '').trim()
  const params: unknown[] = [likePattern(q)]
  const where = ['p.name ILIKE $1']
  const filter = (column: string, values: unknown[]) => {
    if (!values.length) return
    params.push(values)
    where.push(`${column} = ANY($${params.length})`)
  }
  filter('p.type::text', url.searchParams.getAll('type'))
  filter('p."departmentId"', url.searchParams.getAll('dept').map(Number))
  filter('p.status::text', url.searchParams.getAll('status'))
  let order = 'p.name, p.id'
  if (trgm) { params.push(q); order = `similarity(p.name, $${params.length}) DESC, p.id` }
  try {
    const { rows } = await pool.query(
      `SELECT p.id, p.code, p.name, p.type, p.status, d.name AS department, count(*) OVER () AS total
       FROM "PowerItem" p JOIN "Department" d ON d.id = p."departmentId"
       WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT 20`, params)
    const body = JSON.stringify({ total: Number(rows[0]?.total ?? 0), hits: rows.map(({ total: _, ...hit }) => hit) })
    res.writeHead(200, { 'content-type': 'application/json' }).end(body)
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end((error as Error).message)
  }
})
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'))
process.on('SIGTERM', () => { server.close(); void pool.end().then(() => process.exit(0)) })
