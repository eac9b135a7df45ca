// Hostile input on the built portal: every API route, called by a role allowed to use it, is fed
// malformed and oversized bodies, wrong types, odd Unicode, injection attempts in queries and
// path parameters, and HTML in every text field. No case may get a 5xx, every refusal is a 4xx
// JSON error, and a refusal writes nothing. Text stored through legitimate paths is then shown in
// Chromium, where it must appear as text and never run.
//
// The cases are derived from each route's method and a valid sample request in ROUTES, so a new
// route needs one line there; the test fails until it has one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { startPortalWithRealData, waitForIndex, type Portal } from '../helpers/portal'
import { api, signIn } from '../helpers/session'
import { routesOnDisk } from '../helpers/routes'
import { hasChromium, launchBrowser } from '../helpers/browser'
import { openDatabase, type DbHandle } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { cityToday } from '../../shared/city-time'
import type { SearchResult } from '../../shared/search'
import { SESSION_COOKIE } from '../../shared/auth'

type Who = 'anonymous' | 'editorA' | 'reform' | 'auditor' | 'admin'
const USERNAMES: Record<Exclude<Who, 'anonymous'>, string> = { editorA: 'police.editor', reform: 'reform.office', auditor: 'auditor', admin: 'admin' }

interface Fixtures {
  itemCode: string
  policeItemId: number
  policeDepartmentId: number
  departmentCode: string
  fundCode: string
  draftId: number
  withdrawId: number
  dutyId: number
  fundId: number
  reformTaskId: number
  milestoneId: number
}

/**
 * A valid request to the route by a role allowed to make it. `query` and `body` are what the
 * cases vary: each value in turn is replaced by hostile ones. `refusalAudit`: an audit action a
 * refusal writes by design (failed logins are recorded).
 */
interface Target {
  as: Who
  path?: (f: Fixtures) => string
  query?: (f: Fixtures) => Record<string, string>
  body?: (f: Fixtures) => Record<string, unknown>
  refusalAudit?: string
}

const NONE = 999_999
const reformTask = (f: Fixtures) => ({ title: '推进证照分离改革', sourceDocument: '广安府办发〔2026〕1号', leadDepartmentId: f.policeDepartmentId, cooperatingDepartmentIds: [], deadline: '2031-12-31', milestones: [{ title: '制定方案', dueDate: '2031-06-30' }] })
const today = cityToday()

const ROUTES: Record<string, Target> = {
  'GET /api/health': { as: 'anonymous' },
  'GET /api/stats': { as: 'anonymous' },
  'GET /api/search': { as: 'anonymous', query: (f) => ({ q: '护照', list: 'power', type: 'LICENSING', dept: String(f.policeDepartmentId), status: 'IN_FORCE', year: '2024', sort: 'name', page: '1' }) },
  'GET /api/search/popular': { as: 'anonymous' },
  'GET /api/feeds/announcements': { as: 'anonymous' },
  'GET /api/feeds/changes': { as: 'anonymous', query: (f) => ({ list: 'power', dept: String(f.policeDepartmentId), type: 'LICENSING', status: 'IN_FORCE', level: 'COUNTY', q: '护照', code: f.itemCode }) },
  'POST /api/subscriptions': { as: 'anonymous', body: (f) => ({ email: 'hostile.reader@example.com', topic: { kind: 'changes', filter: { list: 'power', dept: f.policeDepartmentId, q: '护照' } }, frequency: 'WEEKLY' }) },
  'POST /api/subscriptions/confirm': { as: 'anonymous', body: () => ({ token: 'x'.repeat(43) }) },
  'POST /api/subscriptions/unsubscribe': { as: 'anonymous', body: () => ({ token: `${NONE}.${'x'.repeat(43)}` }) },
  'GET /api/subscriptions/one-click': { as: 'anonymous', query: () => ({ token: `${NONE}.${'x'.repeat(43)}` }) },
  'POST /api/subscriptions/one-click': { as: 'anonymous', query: () => ({ token: `${NONE}.${'x'.repeat(43)}` }) },
  'GET /api/admin/mails': { as: 'admin' },
  'GET /api/openapi.json': { as: 'anonymous' },
  'GET /api/open-data': { as: 'anonymous' },
  'GET /api/open-data/[file]': { as: 'anonymous', path: () => '/api/open-data/power.json', query: (f) => ({ dept: String(f.policeDepartmentId), type: 'LICENSING' }) },
  'GET /api/open-data/versions/[versionId]/[file]': { as: 'anonymous', path: () => `/api/open-data/versions/${NONE}/changes.json` },
  'GET /api/v1/announcements': { as: 'anonymous' },
  'GET /api/v1/announcements/[id]': { as: 'anonymous', path: () => `/api/v1/announcements/${NONE}`, query: (f) => ({ dept: String(f.policeDepartmentId), action: 'ADD', page: '1' }) },
  'GET /api/v1/boundaries': { as: 'anonymous', query: (f) => ({ dept: String(f.policeDepartmentId), page: '1', pageSize: '20' }) },
  'GET /api/v1/departments': { as: 'anonymous' },
  'GET /api/v1/departments/[code]': { as: 'anonymous', path: (f) => `/api/v1/departments/${f.departmentCode}` },
  'GET /api/v1/duties': { as: 'anonymous', query: (f) => ({ dept: String(f.policeDepartmentId), kind: 'POWER_DUTY', page: '1' }) },
  'GET /api/v1/funds': { as: 'anonymous', query: () => ({ year: '2024', method: 'FACTOR', minAmount: '1', maxAmount: '1000', sort: 'amount', page: '1' }) },
  'GET /api/v1/funds/[code]': { as: 'anonymous', path: (f) => `/api/v1/funds/${f.fundCode}` },
  'GET /api/v1/power-items': { as: 'anonymous', query: (f) => ({ dept: String(f.policeDepartmentId), type: 'LICENSING', status: 'IN_FORCE', level: 'COUNTY', date: '2026-01-01', page: '1', pageSize: '20' }) },
  'GET /api/v1/compare/[list]': { as: 'anonymous', path: () => '/api/v1/compare/power', query: (f) => ({ from: '2026-01-01', to: today, dept: String(f.policeDepartmentId), type: 'LICENSING', level: 'COUNTY', change: 'ADDED', page: '1', pageSize: '20' }) },
  'GET /api/open-data/compare/[file]': { as: 'anonymous', path: () => '/api/open-data/compare/fund.json', query: () => ({ from: '2026-01-01', to: today, year: '2024', method: 'FACTOR', change: 'CHANGED' }) },
  'GET /api/v1/power-items/[code]': { as: 'anonymous', path: (f) => `/api/v1/power-items/${f.itemCode}` },
  'GET /api/v1/life-events': { as: 'anonymous', query: () => ({ audience: 'ENTERPRISE', q: '开饭店' }) },
  'GET /api/v1/life-events/[slug]': { as: 'anonymous', path: () => '/api/v1/life-events/kaiban-canyindian' },
  'GET /api/open-data/dictionary.csv': { as: 'anonymous' },
  'GET /api/open-data/guide-materials.csv': { as: 'anonymous', query: (f) => ({ dept: String(f.policeDepartmentId), type: 'LICENSING' }) },
  // An unknown user: the refusal is recorded, and no real account gets locked.
  'POST /api/auth/login': { as: 'anonymous', body: () => ({ username: 'hostile.nobody', password: 'not-the-password' }), refusalAudit: 'auth.login_failed' },
  'GET /api/auth/me': { as: 'auditor' },
  // A wrong current password: the password never changes, whatever the new one.
  'POST /api/auth/password': { as: 'auditor', body: () => ({ currentPassword: 'not-the-current-one', newPassword: 'another-password-2026', confirmPassword: 'another-password-2026' }), refusalAudit: 'auth.password_change_failed' },
  'POST /api/auth/logout': { as: 'auditor' },
  'GET /api/admin/users': { as: 'admin' },
  // An existing username: the user is never created.
  'POST /api/admin/users': { as: 'admin', body: (f) => ({ username: 'civil.editor', displayName: '经办人', role: 'EDITOR', departmentId: f.policeDepartmentId }) },
  'PATCH /api/admin/users/[id]': { as: 'admin', path: () => `/api/admin/users/${NONE}`, body: () => ({ displayName: '经办人', role: 'AUDITOR', departmentId: null, disabled: false }) },
  'POST /api/admin/users/[id]/reset-password': { as: 'admin', path: () => `/api/admin/users/${NONE}/reset-password` },
  'GET /api/admin/departments': { as: 'admin' },
  'POST /api/admin/departments': { as: 'admin', body: (f) => ({ code: f.departmentCode, name: '测试部门', shortName: '测试', level: 'COUNTY', areaCode: '511602', parentId: null }) },
  'PATCH /api/admin/departments/[id]': { as: 'admin', path: () => `/api/admin/departments/${NONE}`, body: () => ({ name: '测试部门', shortName: null, level: 'COUNTY', parentId: null }) },
  'GET /api/change-requests': { as: 'editorA', query: (f) => ({ status: 'DRAFT', dept: String(f.policeDepartmentId), page: '1', pageSize: '20' }) },
  // A new item under a code already published.
  'POST /api/change-requests': { as: 'editorA', body: (f) => ({ action: 'ADD', payload: { code: f.itemCode, name: '测试事项', aliases: ['俗称'], type: 'LICENSING', groupName: '主项', legalBasis: '依据', level: 'COUNTY', timeLimit: '5个工作日', fees: '不收费', contact: '0826-1234567' } }) },
  'GET /api/change-requests/[id]': { as: 'editorA', path: (f) => `/api/change-requests/${f.draftId}` },
  'PUT /api/change-requests/[id]': { as: 'editorA', path: (f) => `/api/change-requests/${f.draftId}`, body: (f) => ({ action: 'UPDATE', entityId: f.policeItemId, payload: { name: '测试事项', type: 'LICENSING', legalBasis: '依据' } }) },
  'POST /api/change-requests/[id]/submit': { as: 'editorA', path: (f) => `/api/change-requests/${f.draftId}/submit`, body: () => ({ reason: '依据新法规调整' }) },
  'POST /api/change-requests/[id]/withdraw': { as: 'editorA', path: (f) => `/api/change-requests/${f.withdrawId}/withdraw` },
  'POST /api/change-requests/[id]/decision': { as: 'reform', path: (f) => `/api/change-requests/${f.draftId}/decision`, body: () => ({ outcome: 'RETURNED', comment: '请补充材料说明' }) },
  'POST /api/change-requests/submissions': { as: 'editorA', body: () => ({ ids: [NONE], reason: '导入后统一提交审核' }) },
  'POST /api/change-requests/decisions': { as: 'reform', body: (f) => ({ ids: [f.draftId], outcome: 'RETURNED', comment: '请补充材料说明' }) },
  'GET /api/list-versions': { as: 'reform' },
  'POST /api/list-versions': { as: 'reform', body: () => ({ title: '2026年第9批调整', documentNo: '广安审改〔2026〕9号', effectiveDate: today, changeRequestIds: [NONE] }) },
  'POST /api/list-versions/[id]/publish': { as: 'reform', path: () => `/api/list-versions/${NONE}/publish` },
  'DELETE /api/list-versions/[id]/changes/[changeRequestId]': { as: 'reform', path: () => `/api/list-versions/${NONE}/changes/${NONE}` },
  'GET /api/audit/entries': { as: 'auditor', query: (f) => ({ dept: String(f.policeDepartmentId), actor: 'admin', action: 'auth.login', entityType: 'USER', entityId: '1', q: '护照', from: '2026-01-01', to: today, page: '1', pageSize: '20', format: 'json' }) },
  'GET /api/audit/verify': { as: 'auditor' },
  'GET /api/history/power-items/[id]': { as: 'auditor', path: (f) => `/api/history/power-items/${f.policeItemId}` },
  'GET /api/history/power-list': { as: 'auditor', query: (f) => ({ date: '2026-01-01', dept: String(f.policeDepartmentId), type: 'LICENSING' }) },
  'GET /api/history/power-list.csv': { as: 'auditor', query: (f) => ({ date: '2026-01-01', dept: String(f.policeDepartmentId) }) },
  'GET /api/history/responsibility-list.csv': { as: 'auditor', query: () => ({ date: '2026-01-01', kind: 'POWER_DUTY' }) },
  'GET /api/history/fund-list.csv': { as: 'auditor', query: () => ({ date: '2026-01-01', method: 'PROJECT' }) },
  'GET /api/history/responsibility-list': { as: 'auditor', query: (f) => ({ date: '2026-01-01', dept: String(f.policeDepartmentId), kind: 'POWER_DUTY', status: 'IN_FORCE' }) },
  'GET /api/history/fund-list': { as: 'auditor', query: () => ({ date: '2026-01-01', year: '2024', method: 'PROJECT' }) },
  'GET /api/history/duties/[id]': { as: 'auditor', path: (f) => `/api/history/duties/${f.dutyId}` },
  'GET /api/history/funds/[id]': { as: 'auditor', path: (f) => `/api/history/funds/${f.fundId}` },
  'GET /api/history/stories/power-items/[id]': { as: 'auditor', path: (f) => `/api/history/stories/power-items/${f.policeItemId}` },
  'GET /api/history/stories/duties/[id]': { as: 'auditor', path: (f) => `/api/history/stories/duties/${f.dutyId}` },
  'GET /api/history/stories/funds/[id]': { as: 'auditor', path: (f) => `/api/history/stories/funds/${f.fundId}` },
  'GET /api/workspace/power-items': { as: 'editorA', query: () => ({ q: '护照', page: '1', pageSize: '20' }) },
  'GET /api/workspace/power-items/[id]': { as: 'editorA', path: (f) => `/api/workspace/power-items/${f.policeItemId}` },
  'GET /api/workspace/duties': { as: 'editorA', query: () => ({ q: '治安', page: '1', pageSize: '20' }) },
  'GET /api/workspace/duties/[id]': { as: 'reform', path: (f) => `/api/workspace/duties/${f.dutyId}` },
  'GET /api/workspace/funds': { as: 'reform', query: () => ({ q: '资金', page: '1', pageSize: '20' }) },
  'GET /api/workspace/funds/[id]': { as: 'reform', path: (f) => `/api/workspace/funds/${f.fundId}` },
  'GET /api/import/templates/[file]': { as: 'editorA', path: () => '/api/import/templates/duties.xlsx' },
  'GET /api/import/exports/[file]': { as: 'auditor', path: () => '/api/import/exports/funds.xlsx', query: (f) => ({ dept: String(f.policeDepartmentId) }) },
  // multipart/form-data: every JSON case below is "not a file"; the size cases still apply.
  'POST /api/import/power-items': { as: 'editorA', query: () => ({ dryRun: '1' }) },
  'POST /api/import/duties': { as: 'editorA', query: () => ({ dryRun: '1' }) },
  'POST /api/import/funds': { as: 'editorA', query: () => ({ dryRun: '1' }) },
  'GET /api/synonyms': { as: 'reform', query: () => ({ q: '护照', kind: 'SYNONYM', page: '1', pageSize: '20' }) },
  'POST /api/synonyms': { as: 'reform', body: () => ({ term: '办证', targets: ['办理证件'], kind: 'COLLOQUIAL', note: '测试' }) },
  'PATCH /api/synonyms/[id]': { as: 'reform', path: () => `/api/synonyms/${NONE}`, body: () => ({ term: '办证', targets: ['办理证件'], kind: 'COLLOQUIAL', note: '测试' }) },
  'DELETE /api/synonyms/[id]': { as: 'reform', path: () => `/api/synonyms/${NONE}` },
  'GET /api/synonyms/stop-words': { as: 'reform' },
  'PUT /api/synonyms/stop-words': { as: 'reform', body: () => ({ stopWords: ['的', '了'] }) },
  'POST /api/search/opened': { as: 'anonymous', body: () => ({ q: '护照' }) },
  'GET /api/search/analytics': { as: 'reform', query: () => ({ from: '2026-01-01', to: today, limit: '20' }) },
  'GET /api/search/popular-terms': { as: 'reform' },
  'POST /api/search/popular-terms': { as: 'reform', body: () => ({ term: '护照', status: 'APPROVED', sortOrder: 1 }) },
  'DELETE /api/search/popular-terms/[id]': { as: 'reform', path: () => `/api/search/popular-terms/${NONE}` },
  'GET /api/search/referrals': { as: 'reform' },
  'POST /api/search/referrals': { as: 'reform', body: () => ({ keywords: ['测试关键词'], title: '测试事项', handledBy: '市级机关', level: 'CITY', note: '办理说明', url: 'https://example.org/guide' }) },
  'PATCH /api/search/referrals/[id]': { as: 'reform', path: () => `/api/search/referrals/${NONE}`, body: () => ({ keywords: ['测试关键词'], title: '测试事项', handledBy: '市级机关', level: 'CITY', note: '办理说明', url: 'https://example.org/guide' }) },
  'DELETE /api/search/referrals/[id]': { as: 'reform', path: () => `/api/search/referrals/${NONE}` },
  'GET /api/workspace/guides': { as: 'editorA', query: () => ({ q: '护照', gap: 'NO_FEE', page: '1', pageSize: '20' }) },
  'GET /api/workspace/guides/[id]': { as: 'editorA', path: (f) => `/api/workspace/guides/${f.policeItemId}` },
  'GET /api/history/guides/[id]': { as: 'auditor', path: (f) => `/api/history/guides/${f.policeItemId}` },
  'GET /api/history/life-events/[id]': { as: 'auditor', path: () => '/api/history/life-events/1' },
  'POST /api/import/guides': { as: 'editorA', query: () => ({ dryRun: '1' }) },
  'GET /api/service-halls': { as: 'editorA' },
  // A hall for a department that does not exist: refused, so no case creates one.
  'POST /api/service-halls': { as: 'admin', body: () => ({ name: '测试窗口', address: '广安区测试路1号', window: '一楼1号窗口', hours: '工作日 9:00-17:00', phone: '0826-0012345', mapUrl: 'https://example.org/map', sortOrder: 0, departmentId: NONE }) },
  'PATCH /api/service-halls/[id]': { as: 'admin', path: () => `/api/service-halls/${NONE}`, body: () => ({ name: '测试窗口', address: '广安区测试路1号', window: null, hours: '工作日 9:00-17:00', phone: '0826-0012345', mapUrl: null, sortOrder: 0 }) },
  'GET /api/life-events': { as: 'reform' },
  // A slug already taken: the event is never created.
  'POST /api/life-events': { as: 'reform', body: (f) => ({ slug: 'jiehun', title: '测试一件事', audience: 'PERSON', summary: '测试的简介内容', keywords: ['测试'], steps: [{ title: '第一步', note: '说明', itemCodes: [f.itemCode] }], sortOrder: 1 }) },
  'PUT /api/life-events/[id]': { as: 'reform', path: () => `/api/life-events/${NONE}`, body: (f) => ({ baseRevision: 1, status: 'IN_FORCE', event: { slug: 'ceshi', title: '测试一件事', audience: 'PERSON', summary: '测试的简介内容', keywords: ['测试'], steps: [{ title: '第一步', note: null, itemCodes: [f.itemCode] }], sortOrder: 1 } }) },
  'GET /api/oversight/findings': { as: 'reform', query: (f) => ({ dept: String(f.policeDepartmentId), kind: 'ITEM_NO_CONTACT', page: '1', pageSize: '20' }) },
  'GET /api/oversight/calendar': { as: 'auditor', query: () => ({ year: '2026' }) },
  'PUT /api/oversight/calendar/[date]': { as: 'reform', path: () => '/api/oversight/calendar/2026-10-01', body: () => ({ workday: false, name: '国庆节' }) },
  'DELETE /api/oversight/calendar/[date]': { as: 'reform', path: () => '/api/oversight/calendar/2031-01-06' },
  'GET /api/oversight/scorecards': { as: 'auditor' },
  'POST /api/oversight/scorecards': { as: 'reform', body: () => ({ period: '2031' }) },
  'GET /api/oversight/scorecards/[id]': { as: 'auditor', path: () => `/api/oversight/scorecards/${NONE}` },
  'GET /api/oversight/scorecards/[id]/export': { as: 'auditor', path: () => `/api/oversight/scorecards/${NONE}/export` },
  'PUT /api/oversight/scorecard-weights': { as: 'reform', body: () => ({ completeness: 60, timeliness: 40 }) },
  'GET /api/reform/results': { as: 'anonymous', query: () => ({ lang: 'en' }) },
  'GET /api/reform/tasks': { as: 'auditor', query: () => ({ state: 'OVERDUE' }) },
  'POST /api/reform/tasks': { as: 'reform', body: (f) => reformTask(f) },
  'GET /api/reform/tasks/[id]': { as: 'editorA', path: (f) => `/api/reform/tasks/${f.reformTaskId}` },
  'PUT /api/reform/tasks/[id]': { as: 'reform', path: (f) => `/api/reform/tasks/${f.reformTaskId}`, body: (f) => ({ revision: 1, task: { ...reformTask(f), milestones: [{ id: f.milestoneId, title: '制定方案', dueDate: '2031-06-30' }] } }) },
  'POST /api/reform/tasks/[id]/reports': { as: 'editorA', path: (f) => `/api/reform/tasks/${f.reformTaskId}/reports`, body: (f) => ({ milestoneId: f.milestoneId, note: '方案已起草', links: ['https://example.gov.cn/doc/1'], milestoneDone: false }) },
}

// Hostile values. `refuse`: the answer must be a 4xx; otherwise a 2xx is fine as long as nothing breaks.
interface Hostile { label: string; value: string; refuse?: boolean }

const SCRIPT = '<script>__pwned=1</script>'
const IMG = '<img src=x onerror=__pwned=1>'
const TEXT: Hostile[] = [
  { label: 'NUL', value: 'a\u0000b', refuse: true },
  { label: 'control characters', value: 'a\u0001\u001b[31mb\u007f', refuse: true },
  { label: 'lone surrogate', value: 'a\ud800b', refuse: true },
  { label: 'RTL override', value: 'abc\u202egpj.exe', refuse: true },
  { label: 'very long', value: '长'.repeat(100_000), refuse: true },
  { label: 'zero-width', value: '护\u200b照\ufeff' },
  { label: 'script', value: SCRIPT },
  { label: 'img onerror', value: IMG },
  { label: 'SQL injection', value: "1' OR '1'='1'; DROP TABLE \"PowerItem\"; --" },
  { label: 'filter injection', value: '"01" OR id EXISTS' },
  { label: 'quotes and backslashes', value: '\\"\'\\\\`${x}' },
  { label: 'emoji and combining marks', value: '👨‍👩‍👧 é̀́' },
]
const WRONG_TYPES: Hostile[] = [
  { label: 'number', value: '12345' }, { label: 'boolean', value: 'true' }, { label: 'null', value: 'null' },
  { label: 'object', value: '{"$gt":""}' }, { label: 'array', value: '["a",1,null]' },
  { label: 'huge integer', value: '99999999999999999999999' }, { label: 'int4 overflow', value: '2147483648' },
  { label: 'negative', value: '-1' }, { label: 'fraction', value: '1.5' }, { label: 'exponent', value: '1e400' },
]
const QUERY: Hostile[] = [
  { label: 'SQL injection', value: '1 OR 1=1' },
  { label: 'SQL injection 2', value: "1'; DROP TABLE \"User\";--" },
  { label: 'filter injection', value: '"01" OR id EXISTS' },
  { label: 'filter injection 2', value: '01 OR departmentId EXISTS OR status = "x"' },
  { label: 'quotes and backslashes', value: '\\"\'\\' },
  { label: 'script', value: SCRIPT },
  { label: 'NUL', value: 'a\u0000b', refuse: true },
  { label: 'RTL override', value: 'a\u202eb', refuse: true },
  { label: 'zero-width', value: '\u200b' },
  { label: 'huge integer', value: '99999999999999999999999' },
  { label: 'int4 overflow', value: '2147483648' },
  { label: 'negative', value: '-1' },
  { label: 'empty', value: '' },
  // Node itself answers a request line over 16 KB with an empty 431.
  { label: 'very long', value: 'x'.repeat(8_000) },
]
/** Raw (already encoded) query and path strings that no encoder would produce. */
const RAW_QUERY = ['%E0%A4%A', '%ZZ', '%ED%A0%80', '%00', '%C0%AE']
const PATH: Hostile[] = [
  { label: 'traversal', value: '..%2F..%2F..%2Fetc%2Fpasswd' },
  { label: 'encoded dot-dot', value: '%2e%2e%2f' },
  { label: 'NUL', value: '%00' },
  { label: 'NUL suffix', value: '1%00.json' },
  { label: 'invalid percent-encoding', value: '%E0%A4%A' },
  { label: 'bad escape', value: '%ZZ' },
  { label: 'surrogate bytes', value: '%ED%A0%80' },
  { label: 'huge integer', value: '99999999999999999999999' },
  { label: 'int4 overflow', value: '2147483648' },
  { label: 'negative', value: '-1' },
  { label: 'zero', value: '0' },
  { label: 'fraction', value: '1.5' },
  { label: 'script', value: encodeURIComponent(SCRIPT) },
  { label: 'SQL injection', value: encodeURIComponent("1' OR '1'='1") },
  { label: 'RTL override', value: '%E2%80%AE' },
  { label: 'very long', value: '9'.repeat(5000) },
]

const DEEP = 10_000
const deepJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const MB = 1024 * 1024

interface Case {
  route: string
  label: string
  method: string
  path: string
  who: Who
  body?: string | Uint8Array | ReadableStream<Uint8Array>
  contentType?: string
  /** the answer must be a 4xx (else 2xx is acceptable too) */
  refuse: boolean
}

function casesFor(route: string, target: Target, f: Fixtures): Case[] {
  const method = route.split(' ')[0]!
  const pattern = route.split(' ')[1]!
  const path = target.path?.(f) ?? pattern
  const query = target.query?.(f) ?? {}
  const body = target.body?.(f)
  const cases: Case[] = []
  const base = { route, method, who: target.as }
  const qs = (q: Record<string, string>) => (Object.keys(q).length ? `?${new URLSearchParams(q)}` : '')
  const validBody = body ? JSON.stringify(body) : undefined
  const add = (label: string, c: Partial<Case>, refuse = false) => cases.push({ ...base, label, path: `${path}${qs(query)}`, body: validBody, refuse, ...c })

  // Path parameters: each one replaced in turn.
  const patternSegments = pattern.split('/')
  const pathSegments = path.split('/')
  patternSegments.forEach((segment, i) => {
    if (!/^\[.*\]$/.test(segment)) return
    for (const h of PATH) {
      const hostile = [...pathSegments]
      hostile[i] = h.value
      add(`path ${segment} ${h.label}`, { path: `${hostile.join('/')}${qs(query)}` }, true)
    }
  })

  // Query parameters: each known one replaced in turn, plus unknown, repeated and raw-encoded ones.
  const keys = Object.keys(query).length ? Object.keys(query) : ['q']
  for (const key of keys) {
    for (const h of QUERY) add(`query ${key} ${h.label}`, { path: `${path}${qs({ ...query, [key]: h.value })}` }, !!h.refuse)
    for (const raw of RAW_QUERY) add(`query ${key} raw ${raw}`, { path: `${path}?${new URLSearchParams({ ...query, [key]: 'RAW' }).toString().replace('RAW', raw)}` }, true)
    add(`query ${key} repeated`, { path: `${path}?${new URLSearchParams([...Object.entries(query), [key, '1'], [key, '2']])}` })
    add(`query ${key}[] bracket`, { path: `${path}?${encodeURIComponent(key)}[]=1&${encodeURIComponent(key)}[a]=2` })
  }
  add('query unknown parameter', { path: `${path}${qs({ ...query, __proto__x: '1', 'constructor[prototype]': 'x' })}` })

  if (method === 'GET') return cases

  // Bodies: malformed, of the wrong shape, too big, too deep. A route that reads no body may ignore one.
  const readsBody = !!body || route.startsWith('POST /api/import/')
  const raw = (label: string, text: string | Uint8Array, contentType = 'application/json') => add(`body ${label}`, { body: text, contentType }, readsBody)
  raw('malformed JSON', '{"a":')
  raw('truncated JSON', validBody ? validBody.slice(0, -1) : '{')
  raw('not JSON', 'not json at all')
  raw('two documents', '{}{}')
  raw('NUL byte', '\u0000')
  raw('invalid UTF-8', new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0xae, 0x22, 0x7d]))
  for (const text of ['[]', '"text"', '123', 'null', 'true']) raw(`JSON ${text}`, text)
  raw('form-encoded', 'a=1&b=2', 'application/x-www-form-urlencoded')
  raw(`${DEEP} levels deep`, deepJson(DEEP))
  // Refused by its Content-Length before anything reads it, on every route.
  add('body 2 MB', { body: JSON.stringify({ ...body, padding: 'x'.repeat(2 * MB) }), contentType: 'application/json' }, true)
  const chunks = [new TextEncoder().encode(`{"padding":"${'x'.repeat(MB)}`), new TextEncoder().encode(`${'x'.repeat(MB)}"}`)]
  add('body 2 MB chunked without Content-Length', {
    body: new ReadableStream({ pull(controller) { const next = chunks.shift(); if (next) controller.enqueue(next); else controller.close() } }),
    contentType: 'application/json',
  }, readsBody)
  if (!body) return cases

  // Fields: missing, extra, wrong types, hostile text, too deep. Nested objects one level down too.
  const fields: { path: string[]; value: unknown }[] = []
  for (const [k, v] of Object.entries(body)) {
    fields.push({ path: [k], value: v })
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [k2, v2] of Object.entries(v)) fields.push({ path: [k, k2], value: v2 })
  }
  const withField = (p: string[], value: unknown, remove = false) => {
    const copy = structuredClone(body) as Record<string, unknown>
    let at = copy
    for (const k of p.slice(0, -1)) at = at[k] as Record<string, unknown>
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a copy of a JSON body, missing one field on purpose
    if (remove) delete at[p.at(-1)!]
    else at[p.at(-1)!] = value
    return JSON.stringify(copy)
  }
  /** The body with one field replaced by raw JSON text (numbers JSON.stringify could not write, deep arrays). */
  const withRaw = (p: string[], json: string) => withField(p, '__HOSTILE__').replace('"__HOSTILE__"', json)
  const bodyCase = (label: string, text: string, refuse = false) => add(label, { body: text, contentType: 'application/json' }, refuse)
  bodyCase('extra field', JSON.stringify({ ...body, isAdmin: true, role: 'ADMIN' }))
  bodyCase('__proto__ field', `{"__proto__":{"isAdmin":true},${validBody!.slice(1)}`)
  for (const field of fields) {
    const name = field.path.join('.')
    bodyCase(`${name} missing`, withField(field.path, undefined, true))
    for (const h of WRONG_TYPES) bodyCase(`${name} ${h.label}`, withRaw(field.path, h.value))
    bodyCase(`${name} ${DEEP} levels deep`, withRaw(field.path, deepJson(DEEP)), true)
    const texts = (make: (s: string) => unknown) => {
      for (const h of TEXT) bodyCase(`${name} ${h.label}`, withField(field.path, make(h.value)), !!h.refuse)
    }
    if (typeof field.value === 'string') texts((s) => s)
    else if (Array.isArray(field.value) && typeof field.value[0] === 'string') texts((s) => [s, ...field.value as string[]])
  }
  return cases
}

let portal: Portal
let db: DbHandle
let fixtures: Fixtures
const cookies = {} as Record<Who, string | null>

beforeAll(async () => {
  const started = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  portal = started.portal
  db = await openDatabase(started.config)
  await ensureDemoAccounts(db.prisma)
  cookies.anonymous = null
  for (const who of Object.keys(USERNAMES) as Exclude<Who, 'anonymous'>[]) cookies[who] = await signIn(portal, USERNAMES[who], DEMO_PASSWORD)
  const hits = await (await fetch(`${portal.url}/api/search?q=${encodeURIComponent('护照')}`)).json() as SearchResult
  const policeItemId = hits.hits[0]!.entityId
  const others = await (await fetch(`${portal.url}/api/search?dept=${hits.hits[0]!.departmentId}&type=LICENSING`)).json() as SearchResult
  const otherItem = others.hits.map((h) => h.entityId).find((id) => id !== policeItemId)!
  const draft = async (action: string, entityId: number) => {
    const res = await api(portal, 'POST', '/api/change-requests', { cookie: cookies.editorA, body: { action, entityId } })
    if (res.status !== 201) throw new Error(`draft refused: ${res.status} ${await res.text()}`)
    return (await res.json() as { id: number }).id
  }
  const task = await api(portal, 'POST', '/api/reform/tasks', { cookie: cookies.reform, body: reformTask({ policeDepartmentId: hits.hits[0]!.departmentId } as Fixtures) })
  if (task.status !== 201) throw new Error(`reform task refused: ${task.status} ${await task.text()}`)
  const created = await task.json() as { id: number; milestoneList: { id: number }[] }
  const firstId = async (list: string) => ((await (await api(portal, 'GET', list, { cookie: cookies.reform })).json()) as { items: { id: number }[] }).items[0]!.id
  const departments = await (await fetch(`${portal.url}/api/v1/departments`)).json() as { code: string }[] | { items: { code: string }[] }
  const funds = await (await fetch(`${portal.url}/api/v1/funds`)).json() as { items: { code: string }[] }
  fixtures = {
    itemCode: hits.hits[0]!.code,
    policeItemId,
    policeDepartmentId: hits.hits[0]!.departmentId,
    departmentCode: (Array.isArray(departments) ? departments : departments.items)[0]!.code,
    fundCode: funds.items[0]!.code,
    draftId: await draft('RETAIN', policeItemId),
    withdrawId: await draft('CANCEL', otherItem),
    dutyId: await firstId('/api/workspace/duties'),
    fundId: await firstId('/api/workspace/funds'),
    reformTaskId: created.id,
    milestoneId: created.milestoneList[0]!.id,
  }
})

afterAll(async () => {
  await db?.close()
  await portal?.stop()
})

/**
 * Row counts of the main tables and the head of the audit log: any write changes one of them.
 * Search counts are left out: they are kept in memory and written by the search worker on its own
 * interval, so the rows of earlier searches may appear while any later request runs.
 *
 * Counting takes PostgreSQL about 6 ms, and 10,000 cases need two counts each: the counts are
 * taken again only when a transaction that writes has begun or ended since the last ones. The
 * database's transaction snapshot (`pg_current_snapshot()`: the next transaction id and those
 * still running) changes whenever one does, and reading it costs next to nothing. A stale
 * "before" could only make a case fail that wrote nothing, never pass one that wrote.
 */
let counted: { at: string; counts: string } | undefined

async function snapshot(): Promise<string> {
  const [now] = await db.prisma.$queryRaw<{ at: string }[]>`SELECT pg_current_snapshot()::text AS at`
  if (counted?.at === now!.at) return counted.counts
  const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT pg_current_snapshot()::text AS at,
    (SELECT count(*) FROM "Department") AS departments, (SELECT count(*) FROM "User") AS users,
    (SELECT count(*) FROM "PowerItem") AS items, (SELECT count(*) FROM "ChangeRequest") AS requests,
    (SELECT count(*) FROM "Duty") AS duties, (SELECT count(*) FROM "SpecialFund") AS funds,
    (SELECT count(*) FROM "Decision") AS decisions, (SELECT count(*) FROM "ListVersion") AS versions,
    (SELECT count(*) FROM "RecordVersion") AS "recordVersions", (SELECT count(*) FROM "Synonym") AS synonyms,
    (SELECT count(*) FROM "Setting") AS settings, (SELECT count(*) FROM "SearchOutbox") AS outbox,
    (SELECT count(*) FROM "PopularTerm") AS "popularTerms", (SELECT count(*) FROM "ServiceReferral") AS referrals,
    (SELECT count(*) FROM "Subscription") AS subscriptions, (SELECT count(*) FROM "OutgoingMail") AS mails,
    (SELECT count(*) FROM "ServiceGuide") AS guides, (SELECT count(*) FROM "GuideMaterial") AS materials,
    (SELECT count(*) FROM "ServiceHall") AS halls, (SELECT count(*) FROM "LifeEvent") AS "lifeEvents",
    (SELECT count(*) FROM "CalendarDay") AS "calendarDays", (SELECT count(*) FROM "Scorecard") AS scorecards,
    (SELECT count(*) FROM "ReformTask") AS "reformTasks", (SELECT count(*) FROM "ReformProgressReport") AS "reformReports", (SELECT count(*) FROM "ReformTaskVersion") AS "reformVersions",
    (SELECT max(seq) FROM "AuditEntry") AS "auditHead"`)
  const { at, ...counts } = rows[0]!
  counted = { at: String(at), counts: JSON.stringify(counts, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)) }
  return counted.counts
}

async function auditSince(head: string): Promise<string[]> {
  const since = BigInt(JSON.parse(head).auditHead ?? 0)
  const rows = await db.prisma.auditEntry.findMany({ where: { seq: { gt: since } }, select: { action: true } })
  return rows.map((r) => r.action)
}

function send(c: Case): Promise<Response> {
  const headers: Record<string, string> = { origin: portal.url }
  if (cookies[c.who]) headers.cookie = cookies[c.who]!
  if (c.contentType) headers['content-type'] = c.contentType
  return fetch(`${portal.url}${c.path}`, {
    method: c.method,
    headers,
    body: c.method === 'GET' ? undefined : c.body,
    redirect: 'manual',
    ...(c.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit)
}

/** More sample requests for routes whose body takes several shapes: drafts of each list. */
const VARIANTS: [route: string, label: string, target: Target][] = [
  ['POST /api/change-requests', 'a duty draft', { as: 'editorA', body: (f) => ({ entityType: 'DUTY', action: 'ADD', payload: { code: `${f.itemCode}-D`, kind: 'POWER_DUTY', title: '测试责任事项', content: '依法履行审核职责', basis: '依据', powerItemId: f.policeItemId, cases: [{ content: '未按规定审核的', basis: '依据' }] } }) }],
  ['POST /api/change-requests', 'a guide draft', { as: 'editorA', body: (f) => ({ entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: f.policeItemId, payload: { conditions: ['年满十六周岁'], materials: [{ name: '居民身份证', required: true, originalCount: 1 }], steps: [{ title: '申请' }], hallIds: [], legalTimeLimitDays: 15, promisedTimeLimitDays: 7, feeFree: true, visits: 1, onlineLevel: 'INFO_ONLY', consultPhone: '0826-0012345', resultName: '护照', faqs: [{ question: '要带什么？', answer: '居民身份证' }], legalBasis: [{ law: '《中华人民共和国护照法》', article: '第五条' }] } }) }],
  ['POST /api/change-requests', 'a fund draft', { as: 'editorA', body: () => ({ entityType: 'SPECIAL_FUND', action: 'ADD', payload: { code: 'HOSTILE-FUND-1', name: '测试专项资金', year: 2026, amount: '100.50', legalBasis: '设立依据', purpose: '资金用途', recipients: '支持对象', allocationMethod: 'PROJECT', performanceTargets: '绩效目标', periodStart: 2026, periodEnd: 2027, howToApply: '申报方式' } }) }],
  // The list a route's path names, replaced by hostile values like any other path parameter.
  ['GET /api/workspace/[records]/[id]', 'the list in the path', { as: 'reform', path: (f) => `/api/workspace/duties/${f.dutyId}` }],
  ['GET /api/history/[records]/[id]', 'the list in the path', { as: 'auditor', path: (f) => `/api/history/funds/${f.fundId}` }],
  ['POST /api/import/[records]', 'the list in the path', { as: 'editorA', path: () => '/api/import/duties', query: () => ({ dryRun: '1' }) }],
  ['GET /api/history/[file]', 'the list file in the path', { as: 'auditor', path: () => '/api/history/fund-list', query: () => ({ date: '2026-01-01' }) }],
  // The guides' workbook, which has no CSV form, through the same file routes as the lists.
  ['GET /api/import/templates/[file]', 'the guides workbook', { as: 'editorA', path: () => '/api/import/templates/guides.xlsx' }],
  ['GET /api/import/exports/[file]', 'the guides workbook', { as: 'auditor', path: () => '/api/import/exports/guides.xlsx', query: (f) => ({ dept: String(f.policeDepartmentId) }) }],
]

const summary = { cases: 0, passed: 0 }

describe('hostile input', () => {
  it('has a sample request for every API route', () => {
    const onDisk = routesOnDisk()
    expect(onDisk.filter((r) => !ROUTES[r]), 'add these routes to ROUTES in tests/e2e/hostile-input.test.ts').toEqual([])
    expect(Object.keys(ROUTES).filter((r) => !onDisk.includes(r))).toEqual([])
  })

  for (const [route, label, target] of [...Object.entries(ROUTES).map(([r, t]) => [r, '', t] as const), ...VARIANTS]) {
    it(`${route}${label ? ` (${label})` : ''}: no 5xx, refusals are 4xx JSON errors that write nothing`, async () => {
      const failures: string[] = []
      for (const c of casesFor(route, target, fixtures)) {
        summary.cases++
        const before = await snapshot()
        const res = await send(c)
        const text = await res.text()
        const problems: string[] = []
        if (res.status >= 500) problems.push(`status ${res.status}`)
        if (c.refuse && (res.status < 400 || res.status >= 500)) problems.push(`status ${res.status}, expected a refusal`)
        if (res.status >= 400) {
          let data: { statusCode?: number; data?: { error?: unknown } } | null = null
          try { data = JSON.parse(text) } catch { /* reported below */ }
          if (typeof data?.data?.error !== 'string') problems.push(`no machine-readable error: ${text.slice(0, 200)}`)
          const after = await snapshot()
          if (after !== before) {
            const written = await auditSince(before)
            const allowed = target.refusalAudit && written.every((a) => a === target.refusalAudit)
            if (!allowed || JSON.stringify({ ...JSON.parse(after), auditHead: 0 }) !== JSON.stringify({ ...JSON.parse(before), auditHead: 0 })) {
              problems.push(`refusal wrote: ${before} -> ${after} (${written.join(', ')})`)
            }
          }
        }
        if (/\bat .+\.(m?js|ts):\d+|prisma|\/work\/|node_modules/i.test(text) && res.status >= 400) problems.push(`internals in the answer: ${text.slice(0, 300)}`)
        if (problems.length) failures.push(`${c.label} (${c.method} ${c.path.slice(0, 120)}): ${problems.join('; ')}`)
        else summary.passed++
      }
      expect(failures).toEqual([])
    })
  }

  it('pages given hostile addresses answer 4xx or a page, never a 5xx', async () => {
    const failures: string[] = []
    for (const page of ['/items/', '/departments/', '/funds/', '/announcements/', '/search?q=', '/power?dept=', '/admin/review/']) {
      for (const h of PATH) {
        summary.cases++
        const res = await fetch(`${portal.url}${page}${h.value}`, { headers: { accept: 'text/html', cookie: cookies.reform! }, redirect: 'manual' })
        const html = await res.text()
        if (res.status >= 500 || /\bat .+\.m?js:\d+/.test(html)) failures.push(`${page}${h.value.slice(0, 40)}: ${res.status}`)
        else summary.passed++
      }
    }
    expect(failures).toEqual([])
  })

  afterAll(() => {
    console.log(`hostile input: ${summary.cases} cases, ${summary.passed} passed`)
  })
})

const HTML_NAME = `${SCRIPT}${IMG}`

describe.skipIf(!hasChromium)('stored text shown in the browser', () => {
  let browser: Browser
  const shown: { who: Who; path: string; text: string }[] = []

  beforeAll(async () => {
    browser = await launchBrowser()
    const ok = async (res: Response, what: string) => {
      if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    // A synonym and a department named in HTML, through the administration pages' own routes.
    const synonym = await ok(await api(portal, 'POST', '/api/synonyms', { cookie: cookies.reform, body: { term: `同义${SCRIPT}`, targets: [IMG], kind: 'SYNONYM', note: HTML_NAME } }), 'synonym')
    shown.push({ who: 'reform', path: `/admin/synonyms?q=${encodeURIComponent('<script>')}`, text: synonym.term })
    await ok(await api(portal, 'POST', '/api/admin/departments', { cookie: cookies.admin, body: { code: 'HOSTILE-1', name: HTML_NAME, shortName: SCRIPT, level: 'COUNTY', areaCode: '511602', parentId: null } }), 'department')
    shown.push({ who: 'admin', path: '/admin/departments', text: HTML_NAME })
    // A new item named in HTML, submitted with an HTML reason, approved and published: it reaches
    // the public item page, the announcement and the search index.
    const code = 'HOSTILE-ITEM-1'
    const draft = await ok(await api(portal, 'POST', '/api/change-requests', { cookie: cookies.editorA, body: { action: 'ADD', payload: { code, name: HTML_NAME, aliases: [SCRIPT], type: 'LICENSING', legalBasis: HTML_NAME, contact: SCRIPT } } }), 'draft')
    await ok(await api(portal, 'POST', `/api/change-requests/${draft.id}/submit`, { cookie: cookies.editorA, body: { reason: HTML_NAME } }), 'submit')
    shown.push({ who: 'reform', path: `/admin/review/${draft.id}`, text: HTML_NAME })
    shown.push({ who: 'editorA', path: `/admin/workspace/drafts/${draft.id}`, text: HTML_NAME })
    await ok(await api(portal, 'POST', `/api/change-requests/${draft.id}/decision`, { cookie: cookies.reform, body: { outcome: 'APPROVED', documentNo: `广安审改${SCRIPT}`, effectiveDate: today, comment: HTML_NAME } }), 'decision')
    const version = await ok(await api(portal, 'POST', '/api/list-versions', { cookie: cookies.reform, body: { title: `2026年${SCRIPT}批`, documentNo: `广安审改${SCRIPT}`, effectiveDate: today, changeRequestIds: [draft.id] } }), 'list version')
    await ok(await api(portal, 'POST', `/api/list-versions/${version.id}/publish`, { cookie: cookies.reform }), 'publish')
    await waitForIndex(portal)
    shown.push({ who: 'anonymous', path: `/items/${code}`, text: HTML_NAME })
    shown.push({ who: 'anonymous', path: '/announcements', text: `2026年${SCRIPT}批` })
    shown.push({ who: 'anonymous', path: `/search?q=${encodeURIComponent(code)}`, text: HTML_NAME })
    // A need handled elsewhere, named in HTML, shown to whoever searches for its keyword.
    await ok(await api(portal, 'POST', '/api/search/referrals', { cookie: cookies.reform, body: { keywords: ['恶意关键词'], title: SCRIPT, handledBy: IMG, level: 'CITY', note: HTML_NAME } }), 'referral')
    shown.push({ who: 'anonymous', path: `/search?q=${encodeURIComponent('恶意关键词')}`, text: HTML_NAME })
    shown.push({ who: 'reform', path: '/admin/referrals', text: HTML_NAME })
    // Reflected, not stored: the query itself is shown back.
    shown.push({ who: 'anonymous', path: `/search?q=${encodeURIComponent(SCRIPT)}`, text: SCRIPT })
    // A guide of that item with HTML in its material, step and question, published the same way:
    // the item page, its printable notice and the reviewer's diff show it.
    const guide = { conditions: [HTML_NAME], materials: [{ name: `材料${SCRIPT}`, required: false, requiredWhen: IMG, originalCount: 1 }], steps: [{ title: `受理${IMG}`, description: HTML_NAME }], hallIds: [], visits: 1, faqs: [{ question: `问题${SCRIPT}`, answer: HTML_NAME }], legalBasis: [{ law: `《${SCRIPT}》`, article: IMG }] }
    const workspace = await ok(await api(portal, 'GET', `/api/workspace/guides?q=${code}`, { cookie: cookies.editorA }), 'workspace item')
    const itemId = (workspace as { items: { id: number; code: string }[] }).items.find((i) => i.code === code)!.id
    const guideDraft = await ok(await api(portal, 'POST', '/api/change-requests', { cookie: cookies.editorA, body: { entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: itemId, payload: guide } }), 'guide draft')
    await ok(await api(portal, 'POST', `/api/change-requests/${guideDraft.id}/submit`, { cookie: cookies.editorA, body: { reason: HTML_NAME } }), 'submit guide')
    await ok(await api(portal, 'POST', `/api/change-requests/${guideDraft.id}/decision`, { cookie: cookies.reform, body: { outcome: 'APPROVED', documentNo: '广安审改〔2026〕77号', effectiveDate: today, comment: null } }), 'guide decision')
    const guideVersion = await ok(await api(portal, 'POST', '/api/list-versions', { cookie: cookies.reform, body: { title: '2026年办事指南批', documentNo: '广安审改〔2026〕77号', effectiveDate: today, changeRequestIds: [guideDraft.id] } }), 'guide version')
    await ok(await api(portal, 'POST', `/api/list-versions/${guideVersion.id}/publish`, { cookie: cookies.reform }), 'publish guide')
    shown.push({ who: 'anonymous', path: `/items/${code}`, text: `材料${SCRIPT}` })
    shown.push({ who: 'anonymous', path: `/notices/${code}`, text: `材料${SCRIPT}` })
    // The reviewer's diff is read while a change waits for review: a second change to the guide,
    // submitted and left in the queue.
    const revised = { ...guide, materials: [{ ...guide.materials[0]!, name: `材料${SCRIPT}（修订）` }] }
    const reviewDraft = await ok(await api(portal, 'POST', '/api/change-requests', { cookie: cookies.editorA, body: { entityType: 'SERVICE_GUIDE', action: 'UPDATE', entityId: itemId, payload: revised } }), 'second guide draft')
    await ok(await api(portal, 'POST', `/api/change-requests/${reviewDraft.id}/submit`, { cookie: cookies.editorA, body: { reason: HTML_NAME } }), 'submit second guide draft')
    shown.push({ who: 'reform', path: `/admin/review/${reviewDraft.id}`, text: `材料${SCRIPT}（修订）` })
    // A life event named in HTML, on its page and the home page.
    await ok(await api(portal, 'POST', '/api/life-events', { cookie: cookies.reform, body: { slug: 'hostile-event', title: `一件事${SCRIPT}`.slice(0, 40), audience: 'PERSON', summary: HTML_NAME, keywords: [SCRIPT.slice(0, 20)], steps: [{ title: `步骤${IMG}`.slice(0, 60), note: HTML_NAME, itemCodes: [code] }] } }), 'life event')
    shown.push({ who: 'anonymous', path: '/life-events/hostile-event', text: HTML_NAME })
    shown.push({ who: 'anonymous', path: '/', text: `一件事${SCRIPT}`.slice(0, 40) })
    // Search shows the event its keyword names above the hits.
    shown.push({ who: 'anonymous', path: `/search?q=${encodeURIComponent(SCRIPT.slice(0, 20))}`, text: `一件事${SCRIPT}`.slice(0, 40) })
  })
  afterAll(async () => { await browser?.close() })

  it('appears literally on every page that shows it, and never runs', { timeout: 120_000 }, async () => {
    expect(shown.length).toBeGreaterThan(5)
    for (const { who, path, text } of shown) {
      const context = await browser.newContext()
      if (cookies[who]) {
        const value = cookies[who]!.slice(SESSION_COOKIE.length + 1)
        await context.addCookies([{ name: SESSION_COOKIE, value, url: portal.url }])
      }
      const page = await context.newPage()
      const dialogs: string[] = []
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss() })
      await page.goto(`${portal.url}${path}`)
      await page.waitForLoadState('networkidle')
      await expect.poll(() => page.locator('body').innerText(), { message: `${path} shows the text` }).toContain(text)
      const injected = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        // Nuxt's payload (<script type="application/json">) carries the text as data, escaped.
        elements: [...document.querySelectorAll('script:not([type="application/json"]), [onerror], [onload]')].filter((e) => e.outerHTML.includes('__pwned')).length,
      }))
      expect(injected, path).toEqual({ pwned: null, elements: 0 })
      expect(dialogs, path).toEqual([])
      await context.close()
    }
  })
})
