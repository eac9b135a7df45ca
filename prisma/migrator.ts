// Prisma migrations without the native schema engine, which cannot be downloaded where this
// project runs (see docs/DATABASE.md). The wasm build of the same engine, shipped on npm as
// @prisma/schema-engine-wasm, reads and writes Prisma's standard migrations layout and the
// `_prisma_migrations` table, so its migrations are interchangeable with `prisma migrate`'s.
import { readFile, readdir, mkdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { lockDataDir } from '../server/utils/data-dir'
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import type { MigrationList, SchemaEngine as SchemaEngineType } from '@prisma/schema-engine-wasm'

export const prismaDir = path.dirname(new URL(import.meta.url).pathname)
export const schemaPath = path.join(prismaDir, 'schema.prisma')
export const migrationsDir = path.join(prismaDir, 'migrations')

const noFilters = { externalTables: [], externalEnums: [] }

type Target = { databaseUrl: string } | { pgliteDir: string }

/** Introspection returns `"char"` (oid 18) and `name` (oid 19) columns that adapter-pg cannot decode (prisma/orm#27403); they are plain text. */
class IntrospectionSafeClient extends pg.Client {
  // pg's query() is heavily overloaded: pool.query() calls it with a callback, a client with none.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one signature standing for all of pg's overloads
  override query(...args: unknown[]): any {
    const last = args.length - 1
    if (typeof args[last] === 'function') {
      const callback = args[last] as (err: unknown, res: unknown) => void
      args[last] = (err: unknown, res: pg.QueryResult | pg.QueryResult[]) => callback(err, err ? res : asText(res))
      return (super.query as (...a: unknown[]) => unknown)(...args)
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args)
    return result instanceof Promise ? result.then(asText) : result
  }
}

function asText(res: pg.QueryResult | pg.QueryResult[]) {
  for (const r of Array.isArray(res) ? res : [res]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25
    }
  }
  return res
}

/**
 * The engine does not dispose its adapters when freed, and a pooled connection would keep the
 * session-level migration lock: the factory remembers its pools so that `close` ends them.
 */
function pgFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory & { close: () => Promise<void> } {
  const pools = new Set<pg.Pool>()
  const track = (pool: pg.Pool) => { pools.add(pool); return pool }
  const poolConfig = (database?: string): pg.PoolConfig => {
    const url = new URL(databaseUrl)
    if (database) url.pathname = `/${database}`
    return { connectionString: url.toString(), Client: IntrospectionSafeClient, max: 2 }
  }
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => wholeScripts(await new PrismaPg(track(new pg.Pool(poolConfig())), { disposeExternalPool: true }).connect()),
    // adapter-pg drops its shadow database while its own pool is still connected; do it in order.
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const name = `prisma_shadow_${process.pid}_${Date.now()}`
      const admin = new pg.Client({ connectionString: databaseUrl })
      await admin.connect()
      await admin.query(`CREATE DATABASE "${name}"`)
      await admin.end()
      const pool = new pg.Pool(poolConfig(name))
      pools.add(pool)
      const adapter = wholeScripts(await new PrismaPg(pool).connect())
      const dispose = adapter.dispose.bind(adapter)
      adapter.dispose = async () => {
        await dispose()
        pools.delete(pool)
        await pool.end().catch(() => {})
        const dropper = new pg.Client({ connectionString: databaseUrl })
        await dropper.connect()
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
        await dropper.end()
      }
      return adapter
    },
    close: async () => {
      await Promise.all([...pools].map((pool) => pool.end().catch(() => {})))
      pools.clear()
    },
  }
}

type EngineModule = typeof import('@prisma/schema-engine-wasm')

let engineModule: Promise<EngineModule> | undefined

/** The wasm module is instantiated once per process: its bindings are module-global state. */
function wasmEngine(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(import.meta.url)
    const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'))
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports })
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void }
    ;(bg as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports)
    exports.__wbindgen_start()
    return bg as unknown as EngineModule
  })()
  return engineModule
}

/**
 * adapter-pg runs a migration script by splitting it at every ";", which breaks function bodies
 * (a trigger's plpgsql); PostgreSQL's simple query protocol runs the whole script as it is.
 */
function wholeScripts<T extends SqlDriverAdapter & { underlyingDriver(): pg.Pool }>(adapter: T): T {
  adapter.executeScript = async (script: string) => { await adapter.underlyingDriver().query(script) }
  return adapter
}

/** pglite-prisma-adapter does not wait for a script to finish, nor report its errors. */
class AwaitingPGlite extends PrismaPGlite {
  constructor(private readonly db: PGlite) { super(db) }
  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect()
    adapter.executeScript = async (script: string) => { await this.db.exec(script) }
    return adapter
  }
}

async function loadEngine(schemaText: string, factory: SqlMigrationAwareDriverAdapterFactory): Promise<SchemaEngineType> {
  const { SchemaEngine } = await wasmEngine()
  const log = (line: string) => { if (process.env.MIGRATE_DEBUG) console.error(line) }
  return SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, bindMigrationAwareSqlAdapterFactory(factory))
}

export async function readMigrations(): Promise<MigrationList> {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml')
  const dirs = existsSync(migrationsDir)
    ? (await readdir(migrationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : []
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(dirs.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8') },
      },
    }))),
  }
}

export class Migrator {
  private constructor(
    private readonly engine: SchemaEngineType,
    private readonly schemaText: string,
    private readonly close: () => Promise<void>,
  ) {}

  /** `schemaText` replaces schema.prisma's content (the tests check that a drifted schema is caught). */
  static async open(target: Target, options: { schemaText?: string } = {}): Promise<Migrator> {
    const schemaText = options.schemaText ?? await readFile(schemaPath, 'utf8')
    if ('databaseUrl' in target) {
      const factory = pgFactory(target.databaseUrl)
      return new Migrator(await loadEngine(schemaText, factory), schemaText, factory.close)
    }
    await mkdir(target.pgliteDir, { recursive: true })
    const unlock = lockDataDir(path.dirname(target.pgliteDir))
    const db = new PGlite({ dataDir: target.pgliteDir })
    return new Migrator(await loadEngine(schemaText, new AwaitingPGlite(db)), schemaText, async () => {
      await db.close()
      unlock()
    })
  }

  /** `prisma migrate deploy`: applies the migrations the database lacks; returns their names. */
  async deploy(): Promise<string[]> {
    const out = await this.engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilters })
    return out.appliedMigrationNames
  }

  /** `prisma migrate dev --create-only`: writes a migration for what the schema adds; null when nothing changed. */
  async create(name: string): Promise<string | null> {
    const migrationsList = await readMigrations()
    const diagnostic = await this.engine.devDiagnostic({ migrationsList, filters: noFilters })
    if (diagnostic.action.tag === 'reset') throw new Error(`the database has drifted from the migrations: ${diagnostic.action.reason}`)
    const out = await this.engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [{ path: schemaPath, content: this.schemaText }] },
      filters: noFilters,
    })
    if (!out.generatedMigrationName || !out.migrationScript) return null
    const dir = path.join(migrationsDir, out.generatedMigrationName)
    await mkdir(dir, { recursive: true })
    await writeFile(path.join(dir, 'migration.sql'), out.migrationScript)
    await writeFile(path.join(migrationsDir, 'migration_lock.toml'),
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n')
    return out.generatedMigrationName
  }

  /** The SQL that would bring the migrations up to the schema; empty when they agree. */
  async pendingSchemaChanges(): Promise<string> {
    const out = await this.engine.diff({
      from: { tag: 'migrations', ...(await readMigrations()) },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: this.schemaText }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    })
    return out.exitCode === 2 ? (out.stdout ?? '').trim() : ''
  }

  /** `prisma migrate status`: the migrations not yet applied to the database. */
  async unapplied(): Promise<string[]> {
    const out = await this.engine.diagnoseMigrationHistory({ migrationsList: await readMigrations(), optInToShadowDatabase: false, filters: noFilters })
    const history = out.history
    if (!history) return []
    if (history.diagnostic === 'databaseIsBehind') return history.unappliedMigrationNames
    if (history.diagnostic === 'historiesDiverge') return history.unappliedMigrationNames
    return []
  }

  async dispose(): Promise<void> {
    this.engine.free()
    await this.close()
  }
}
