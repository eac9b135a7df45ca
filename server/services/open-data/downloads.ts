// The open-data files: a list (current or as published in a version) or a version's changes,
// rendered as CSV, JSON or Excel, with the file name the browser should save it under.
import type { Db } from '../../utils/prisma'
import type { Download } from '../../utils/open-data'
import { OPEN_DATA_FORMATS, type OpenDataFormat } from '../../../shared/lists'
import type { ChangeRecord, ExportFilters, ListExport, OpenDataCatalogue, OpenDataJson } from '../../../shared/open-data'
import { departmentName, loadLookups, type ListDefinition } from './list-definition'
import { materialsTable, powerList } from './power-list'
import { dutyList } from './duty-list'
import { fundList } from './fund-list'
import { findPublishedVersion, publishedVersions, snapshotsAt, versionChanges, type PublishedVersion } from './versions'
import { ACTION_NAMES, FIELD_NAMES, fieldChangeText, label, LIST_NAMES, STATUS_NAMES } from '../labels'
import { dataDictionary, dictionaryTable, table, toCsv, toXlsx, type Column, type Table } from './tables'
import { compareLists } from '../lists/as-of'
import type { ComparedRecord, CompareQuery } from '../../../shared/list-views'
import { endOfCityDay } from '../../../shared/city-time'

export type { Download }

/** The data dictionary of every open-data table, as a CSV of its own. */
export const DICTIONARY_PATH = '/api/open-data/dictionary.csv'

export const CONTENT_TYPES: Record<OpenDataFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Every download carries its data dictionary: a last sheet in Excel, a `dictionary` in JSON, a Link header to it for CSV. */
async function render<R>(format: OpenDataFormat, name: { zh: string; ascii: string }, tables: () => Table[], json: Omit<OpenDataJson<R>, 'dictionary'>): Promise<Download> {
  const file = { fileName: `${name.zh}.${format}`, asciiFileName: `${name.ascii}.${format}`, contentType: CONTENT_TYPES[format] }
  if (format === 'json') return { ...file, body: JSON.stringify({ ...json, dictionary: dataDictionary(tables()) }) }
  if (format === 'csv') return { ...file, body: toCsv(tables()[0]!), describedBy: DICTIONARY_PATH }
  const sheets = tables()
  return { ...file, body: await toXlsx([...sheets, dictionaryTable(sheets)]) }
}

const versionSummary = (v: PublishedVersion) => ({ id: v.id, title: v.title, publishedAt: v.publishedAt.toISOString() })
const versionSuffix = (v: PublishedVersion) => ({ zh: `-${v.year}年第${v.batch}批`, ascii: `-${v.year}-batch-${v.batch}` })

async function buildList<S, F, R>(db: Db, definition: ListDefinition<S, F, R>, filters: F, format: OpenDataFormat, version: PublishedVersion | null): Promise<Download> {
  // Bounded by the size of one list: the records of today, or the one state of each record
  // valid at the version's publication, never the whole history.
  // A version's file is the list when it was published; a current list's `date`, the list at the end of that day.
  const date = version ? undefined : (filters as { date?: string }).date
  const at = version ? version.publishedAt : date ? endOfCityDay(date) : null
  const [snapshots, common, more] = await Promise.all([
    at
      ? snapshotsAt(db, definition.entityType, at, () => definition.published(db))
      : definition.published(db).then((published) => published.map((p) => p.snapshot)),
    loadLookups(db),
    definition.moreLookups?.(db, version?.publishedAt ?? null) ?? {},
  ])
  const lookups = { ...common, ...more }
  const records = snapshots.filter((s) => definition.matches(s, filters)).map((s) => definition.toRecord(s, lookups)).sort(definition.order(filters, lookups))
  const suffix = version ? versionSuffix(version) : date ? { zh: `-${date}`, ascii: `-${date}` } : { zh: '', ascii: '' }
  return render(
    format,
    { zh: `${definition.fileName.zh}${suffix.zh}`, ascii: `${definition.fileName.ascii}${suffix.ascii}` },
    () => definition.tables(records),
    { list: definition.list, version: version && versionSummary(version), total: records.length, items: records },
  )
}

/** A list as it is now, or as it stood when `version` was published. */
export async function listDownload(db: Db, request: ListExport, format: OpenDataFormat, version: PublishedVersion | null = null): Promise<Download> {
  switch (request.list) {
    case 'power': return buildList(db, powerList, request.filters, format, version)
    case 'responsibility': return buildList(db, dutyList, request.filters, format, version)
    case 'fund': return buildList(db, fundList, request.filters, format, version)
  }
}

/** A list as it stood when version `versionId` was published; null if there is no such published version. */
export async function versionListDownload(db: Db, request: ListExport, format: OpenDataFormat, versionId: number): Promise<Download | null> {
  const version = await findPublishedVersion(db, versionId)
  return version ? listDownload(db, request, format, version) : null
}

const changeColumns: Column<ChangeRecord>[] = [
  { header: '清单', value: (c) => LIST_NAMES[c.list], width: 20, field: 'list', meaning: '变更的记录所在的清单' },
  { header: '变更部分', value: (c) => (c.part === 'GUIDE' ? '办事指南' : '清单记录'), width: 12, field: 'part', meaning: '变更的是清单记录本身，还是权力事项的办事指南（编码、名称为其事项的）' },
  { header: '编码', value: (c) => c.code, width: 30, field: 'code', meaning: '事项、责任事项或专项资金的编码' },
  { header: '名称', value: (c) => c.name, width: 40, field: 'name', meaning: '记录的名称' },
  { header: '实施主体', value: (c) => c.department, width: 24, field: 'department', meaning: '记录所属的部门' },
  { header: '变更类型', value: (c) => label(ACTION_NAMES, c.action), width: 10, field: 'action', meaning: '新增、修改、保留、下放、取消、调整或合并' },
  { header: '变更内容', value: (c) => [...new Set(c.changedFields.map((f) => label(FIELD_NAMES, f)))].join('、') || null, width: 30, field: 'changedFields', type: 'list', meaning: '与上一版本相比改变的字段；新增的记录为空' },
  { header: '变更前后', value: (c) => c.changes.map(fieldChangeText).join('\n') || null, width: 60, field: 'changes', type: 'list', meaning: '每个改变的字段：原值 → 新值' },
  { header: '文号', value: (c) => c.documentNo, width: 24, field: 'documentNo', meaning: '批准该变更的文号' },
  { header: '理由', value: (c) => c.reason, width: 40, field: 'reason', meaning: '审改办公开的调整理由' },
  { header: '生效时间', value: (c) => c.effectiveAt, width: 24, field: 'effectiveAt', type: 'datetime', meaning: '变更生效的时间（ISO 8601，UTC）' },
]

/** What version `versionId` added, cancelled, delegated or changed; null if there is no such published version. */
export async function changesDownload(db: Db, versionId: number, format: OpenDataFormat): Promise<Download | null> {
  const version = await findPublishedVersion(db, versionId)
  if (!version) return null
  const lookups = await loadLookups(db)
  const changes = await versionChanges(db, version, (id) => departmentName(lookups, id))
  const suffix = versionSuffix(version)
  return render(
    format,
    { zh: `清单调整${suffix.zh}`, ascii: `changes${suffix.ascii}` },
    () => [table('调整事项', changeColumns, changes)],
    { list: 'changes', version: versionSummary(version), total: changes.length, items: changes },
  )
}

const COMPARED_NAMES: Record<ComparedRecord['kind'], string> = { ADDED: '新增', CANCELLED: '取消', DELEGATED: '下放', CHANGED: '变更', RETAINED: '保留' }

const compareColumns: Column<ComparedRecord>[] = [
  { header: '清单', value: (c) => LIST_NAMES[c.list], width: 20, field: 'list', meaning: '记录所在的清单' },
  { header: '编码', value: (c) => c.code, width: 30, field: 'code', meaning: '事项、责任事项或专项资金的编码' },
  { header: '名称', value: (c) => c.name, width: 40, field: 'name', meaning: '记录的名称' },
  { header: '实施主体', value: (c) => c.department.name, width: 24, field: 'department.name', meaning: '记录所属的部门' },
  { header: '变化', value: (c) => COMPARED_NAMES[c.kind], width: 8, field: 'kind', meaning: '两个日期之间：新增、取消、下放、变更或保留' },
  { header: '起始日状态', value: (c) => (c.statusFrom ? label(STATUS_NAMES, c.statusFrom) : '未发布'), width: 10, field: 'statusFrom', meaning: '起始日结束时的状态；尚未发布为空' },
  { header: '截止日状态', value: (c) => label(STATUS_NAMES, c.statusTo), width: 10, field: 'statusTo', meaning: '截止日结束时的状态' },
  { header: '变更前后', value: (c) => c.changes.map(fieldChangeText).join('\n') || null, width: 60, field: 'changes', type: 'list', meaning: '每个改变的字段：起始日的值 → 截止日的值' },
  { header: '期间发布', value: (c) => c.versions.map((v) => [v.validFrom.slice(0, 10), label(ACTION_NAMES, v.action), v.documentNo, v.reason && `理由：${v.reason}`].filter(Boolean).join(' ')).join('\n') || null, width: 60, field: 'versions', type: 'list', meaning: '两个日期之间发布的每个版本：日期、变更类型、文号和理由' },
]

/** What changed in a list between two days (every record of GET /api/v1/compare/<list>), as a file. */
export async function compareDownload(db: Db, query: CompareQuery, format: OpenDataFormat): Promise<Download> {
  const comparison = await compareLists(db, query)
  const stem = { power: '权力清单', responsibility: '责任清单', fund: '财政专项资金管理清单' }[query.list]
  return render(
    format,
    { zh: `${stem}变化-${query.from}至${query.to}`, ascii: `${query.list}-changes-${query.from}-${query.to}` },
    () => [table('清单变化', compareColumns, comparison.items)],
    { list: 'changes', version: null, total: comparison.total, items: comparison.items },
  )
}

/** The data dictionary of every table the open data has (each list's sheets and a version's changes), as CSV. */
export function dictionaryDownload(): Download {
  return { fileName: '数据字典.csv', asciiFileName: 'data-dictionary.csv', contentType: CONTENT_TYPES.csv, body: toCsv(dictionaryTable(dictionaryTables())) }
}

/** Every table of the open data, without rows: what the data dictionary describes. */
export function dictionaryTables(): Table[] {
  return [...powerList.tables([]), ...dutyList.tables([]), ...fundList.tables([]), table('调整事项', changeColumns, []), table('清单变化', compareColumns, [])]
}

/** The materials of the guides of the power list as published now (the Excel download's second sheet), as CSV. */
export async function guideMaterialsDownload(db: Db, filters: ExportFilters['power']): Promise<Download> {
  const [published, common, more] = await Promise.all([powerList.published(db), loadLookups(db), powerList.moreLookups!(db, null)])
  const lookups = { ...common, ...more }
  const records = published.map((p) => p.snapshot).filter((s) => powerList.matches(s, filters)).map((s) => powerList.toRecord(s, lookups)).sort(powerList.order(filters, lookups))
  return { fileName: '办事指南申请材料.csv', asciiFileName: 'guide-materials.csv', contentType: CONTENT_TYPES.csv, body: toCsv(materialsTable(records)), describedBy: DICTIONARY_PATH }
}

export async function openDataCatalogue(db: Db): Promise<OpenDataCatalogue> {
  const [power, responsibility, fund, versions] = await Promise.all([
    db.powerItem.count(),
    db.duty.count(),
    db.specialFund.count(),
    publishedVersions(db),
  ])
  return {
    lists: [{ list: 'power', total: power }, { list: 'responsibility', total: responsibility }, { list: 'fund', total: fund }],
    formats: [...OPEN_DATA_FORMATS],
    versions,
  }
}
