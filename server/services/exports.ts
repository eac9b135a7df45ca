// What the back office exports: the audit log exactly as the auditor filtered it, and any of the
// three lists exactly as it stood on a date. Both are written by the open-data table builder, so cells
// a spreadsheet would run as formulas are defused the same way.
import type { Db } from '../utils/prisma'
import type { AuditEntryView, ExportFormat } from '../../shared/audit'
import type { HistoryListRequest } from '../../shared/history'
import { auditEntries, countAudit, type AuditFilter } from './audit'
import { DomainError } from './errors'
import { listAsOf } from './point-in-time'
import type { Download } from './open-data/downloads'
import { ENTITY_NAMES, FIELD_NAMES, label, ROLE_NAMES } from './labels'
import { table, toCsv, toXlsx, type Column, type Table } from './open-data/tables'
import { CITY_TIME_ZONE, endOfCityDay } from '../../shared/city-time'

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** More rows than this would hold the whole log in memory at once; the auditor narrows the filters instead. */
export const AUDIT_EXPORT_LIMIT = 100_000

export class ExportTooLargeError extends DomainError {
  constructor(readonly total: number) {
    super(413, 'EXPORT_TOO_LARGE', `筛选结果共 ${total} 条，超过单次导出上限 ${AUDIT_EXPORT_LIMIT} 条，请缩小日期范围或增加筛选条件`)
  }
}

/** CSV holds the first table; Excel every table, a sheet each. */
async function renderTables(format: ExportFormat, name: { zh: string; ascii: string }, sheets: Table[]): Promise<Download> {
  return {
    fileName: `${name.zh}.${format}`,
    asciiFileName: `${name.ascii}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: format === 'csv' ? toCsv(sheets[0]!) : await toXlsx(sheets),
  }
}

/** The log's times as the city reads them, to the second. */
const cityTime = new Intl.DateTimeFormat('sv-SE', { timeZone: CITY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })
const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value))

function auditColumns(departments: Map<number, string>): Column<AuditEntryView>[] {
  return [
    { header: '序号', value: (e) => Number(e.seq), width: 8 },
    { header: '时间', value: (e) => cityTime.format(new Date(e.at)), width: 20 },
    { header: '操作人', value: (e) => e.actorName, width: 16 },
    { header: '角色', value: (e) => label(ROLE_NAMES, e.role) || null, width: 12 },
    { header: '部门', value: (e) => (e.departmentId === null ? null : departments.get(e.departmentId) ?? String(e.departmentId)), width: 20 },
    { header: '操作', value: (e) => e.action, width: 22 },
    { header: '对象类型', value: (e) => label(ENTITY_NAMES, e.entityType) || null, width: 12 },
    { header: '对象编号', value: (e) => e.entityId, width: 12 },
    { header: '涉及记录', value: (e) => (e.recordCount ? `${e.records.map((r) => `${r.name}（${r.code}）`).join('、')}${e.recordCount > e.records.length ? ` 等 ${e.recordCount} 项` : ''}` : null), width: 40 },
    { header: '变更字段', value: (e) => e.changes.map((c) => label(FIELD_NAMES, c.field)).join('、') || null, width: 24 },
    { header: '变更前', value: (e) => json(e.before), width: 40 },
    { header: '变更后', value: (e) => json(e.after), width: 40 },
    { header: '原因', value: (e) => e.reason, width: 24 },
    { header: '文号', value: (e) => e.documentNo, width: 20 },
    { header: '请求编号', value: (e) => e.requestId, width: 20 },
    { header: '哈希', value: (e) => e.hash, width: 20 },
  ]
}

/** Every entry the filter selects (all pages), newest first, as CSV or Excel. */
export async function auditDownload(db: Db, filter: AuditFilter, format: ExportFormat): Promise<Download> {
  const total = await countAudit(db, filter)
  if (total > AUDIT_EXPORT_LIMIT) throw new ExportTooLargeError(total)
  const departments = new Map((await db.department.findMany({ select: { id: true, name: true } })).map((d) => [d.id, d.name]))
  const entries: AuditEntryView[] = []
  for await (const entry of auditEntries(db, filter)) entries.push(entry)
  const stamp = cityTime.format(new Date()).slice(0, 10)
  return renderTables(format, { zh: `审计日志-${stamp}`, ascii: `audit-log-${stamp}` }, [table('审计日志', auditColumns(departments), entries)])
}

/** A list as it stood at the end of `date` (the city's day), with its open-data columns and the version of each row. */
export async function pointInTimeDownload(db: Db, request: HistoryListRequest, format: ExportFormat): Promise<Download> {
  const date = request.query.date
  const list = await listAsOf(db, request, endOfCityDay(date))
  const dept = request.query.dept === undefined ? '' : `-${(await db.department.findUnique({ where: { id: request.query.dept }, select: { name: true } }))?.name ?? request.query.dept}`
  return renderTables(format, { zh: `${list.fileName.zh}${dept}-${date}`, ascii: `${list.fileName.ascii}-${date}` }, list.tables())
}
