// The search dictionary as the reform office edits it in the back office. Every change is
// audited and queues a settings sync in the same transaction, so the index follows even when
// Meilisearch is down at the moment of the change (the outbox worker re-applies the settings).
import type { Db, Prisma } from '../../utils/prisma'
import type { SynonymInput, SynonymPage, SynonymPatch, SynonymQuery, SynonymView } from '../../../shared/synonyms'
import { appendAudit, type AuditActor } from '../audit'
import { DomainError } from '../errors'
import { enqueueSettingsSync } from './outbox'
import { resetSearchContext } from './context'
import { STOP_WORDS_SETTING } from './settings'

type SynonymRow = Prisma.SynonymGetPayload<object>

/** A refusal of a dictionary change: a 4xx with a stable code; nothing has been written. */
export class DictionaryError extends DomainError {
  constructor(status: 404 | 409, code: string, message: string, field?: string) {
    super(status, code, message, field)
  }
}

const audited = (s: SynonymRow) => ({ term: s.term, targets: s.targets, kind: s.kind, note: s.note })
const toView = (s: SynonymRow): SynonymView => ({ ...audited(s), id: s.id, updatedAt: s.updatedAt.toISOString() })

const termTaken = (term: string) => new DictionaryError(409, 'TERM_EXISTS', `词典中已有“${term}”`, 'term')

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'P2002'
}

/**
 * The dictionary filtered by a word found in the term, a target or the note. It holds about a
 * thousand short entries, so it is filtered in memory rather than with SQL over the array column.
 */
export async function listSynonyms(db: Db, query: SynonymQuery): Promise<SynonymPage> {
  const rows = await db.synonym.findMany({ where: query.kind ? { kind: query.kind } : {}, orderBy: { term: 'asc' } })
  const q = query.q?.toLowerCase()
  const matching = q ? rows.filter((s) => s.term.toLowerCase().includes(q) || s.targets.some((t) => t.toLowerCase().includes(q)) || s.note?.toLowerCase().includes(q)) : rows
  const start = (query.page - 1) * query.pageSize
  return {
    total: matching.length,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(matching.length / query.pageSize)),
    items: matching.slice(start, start + query.pageSize).map(toView),
  }
}

export async function createSynonym(db: Db, actor: AuditActor, input: SynonymInput, requestId?: string): Promise<SynonymView> {
  try {
    return await changed(db.$transaction(async (tx) => {
      const created = await tx.synonym.create({ data: input })
      await appendAudit(tx, actor, { action: 'synonym.create', entityType: 'SYNONYM', entityId: created.id, after: audited(created), requestId })
      await enqueueSettingsSync(tx)
      return toView(created)
    }))
  } catch (error) {
    if (isUniqueViolation(error)) throw termTaken(input.term)
    throw error
  }
}

export async function updateSynonym(db: Db, actor: AuditActor, id: number, patch: SynonymPatch, requestId?: string): Promise<SynonymView> {
  try {
    return await changed(db.$transaction(async (tx) => {
      const before = await tx.synonym.findUnique({ where: { id } })
      if (!before) throw new DictionaryError(404, 'SYNONYM_NOT_FOUND', '该词条不存在或已被删除')
      const after = await tx.synonym.update({ where: { id }, data: patch })
      await appendAudit(tx, actor, { action: 'synonym.update', entityType: 'SYNONYM', entityId: id, before: audited(before), after: audited(after), requestId })
      await enqueueSettingsSync(tx)
      return toView(after)
    }))
  } catch (error) {
    if (isUniqueViolation(error)) throw termTaken(patch.term ?? '')
    throw error
  }
}

/** A dictionary entry is not a published record: it may be removed, and the log keeps what it was. */
export async function deleteSynonym(db: Db, actor: AuditActor, id: number, requestId?: string): Promise<void> {
  await changed(db.$transaction(async (tx) => {
    const before = await tx.synonym.findUnique({ where: { id } })
    if (!before) throw new DictionaryError(404, 'SYNONYM_NOT_FOUND', '该词条不存在或已被删除')
    await tx.synonym.delete({ where: { id } })
    await appendAudit(tx, actor, { action: 'synonym.delete', entityType: 'SYNONYM', entityId: id, before: audited(before), requestId })
    await enqueueSettingsSync(tx)
  }))
}

/**
 * After a committed change, this process's query analysis reads the dictionary again at once;
 * other portal processes do within a minute (server/services/search/context.ts).
 */
async function changed<T>(work: Promise<T>): Promise<T> {
  const result = await work
  resetSearchContext()
  return result
}

function asWords(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : []
}

export async function getStopWords(db: Db): Promise<string[]> {
  return asWords((await db.setting.findUnique({ where: { key: STOP_WORDS_SETTING } }))?.value)
}

export async function setStopWords(db: Db, actor: AuditActor, stopWords: string[], requestId?: string): Promise<string[]> {
  return changed(db.$transaction(async (tx) => {
    const before = await tx.setting.findUnique({ where: { key: STOP_WORDS_SETTING } })
    await tx.setting.upsert({ where: { key: STOP_WORDS_SETTING }, create: { key: STOP_WORDS_SETTING, value: stopWords }, update: { value: stopWords } })
    await appendAudit(tx, actor, { action: 'setting.update', entityType: 'SETTING', entityId: STOP_WORDS_SETTING, before: before ? { stopWords: asWords(before.value) } : null, after: { stopWords }, requestId })
    await enqueueSettingsSync(tx)
    return stopWords
  }))
}
