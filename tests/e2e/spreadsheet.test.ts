// The spreadsheet import over HTTP on the built portal, as the editor of 区公安分局 meets it:
// the template, the export, a dry run, the import, and the files that are refused whole; then
// the page in a phone-sized browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processMemory, startPortalWithRealData, type Portal } from '../helpers/portal'
import { waitForLockWaiter } from '../helpers/services'
import { api, signIn } from '../helpers/session'
import { blockBrowser, hasChromium, seriousViolations, visit } from '../helpers/browser'
import { csvOf, DUTY_HEADER, dutyRow, FUND_HEADER, fundRow, HEADER, PNG, row, xlsxOf, zipBombXlsx } from '../helpers/sheets'
import { openDatabase, type DbHandle } from '../../server/utils/prisma'
import { ensureDemoAccounts } from '../../server/services/auth/demo-accounts'
import { createDraftIn } from '../../server/services/workflow/change-requests'
import { DEMO_PASSWORD } from '../../shared/demo-accounts'
import { SESSION_COOKIE } from '../../shared/auth'
import type { ApiErrorData } from '../../shared/api'
import { SHEET_LIMITS, type SheetReport } from '../../shared/spreadsheet'

let portal: Portal
let db: DbHandle
let editor: string
let reform: string
let police: { id: number }
let civil: { id: number }

const written = async () => ({ changeRequests: await db.prisma.changeRequest.count(), auditEntries: await db.prisma.auditEntry.count() })

/** Posts a file as the page does: multipart/form-data, with the session cookie and the page's Origin. */
function upload(name: string, data: string | Buffer, { dryRun = false, cookie = editor, route = 'power-items' } = {}): Promise<Response> {
  const form = new FormData()
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name)
  return fetch(`${portal.url}/api/import/${route}${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', body: form, headers: { origin: portal.url, cookie } })
}

beforeAll(async () => {
  const started = await startPortalWithRealData({ NUXT_PUBLIC_DEMO: '1' })
  portal = started.portal
  db = await openDatabase(started.config)
  await ensureDemoAccounts(db.prisma)
  police = await db.prisma.department.findUniqueOrThrow({ where: { name: '区公安分局' } })
  civil = await db.prisma.department.findUniqueOrThrow({ where: { name: '区民政局' } })
  editor = await signIn(portal, 'police.editor', DEMO_PASSWORD)
  reform = await signIn(portal, 'reform.office', DEMO_PASSWORD)
})

afterAll(async () => {
  await db?.close()
  await portal?.stop()
})

describe('downloads', () => {
  it('serves the template as Excel and CSV, with Chinese headers', async () => {
    const csv = await api(portal, 'GET', '/api/import/templates/power-items.csv', { cookie: editor })
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('权力事项导入模板.csv')}`)
    // The byte order mark Excel needs to read UTF-8 (text() would drop it).
    expect(Buffer.from(await csv.arrayBuffer()).toString('utf8')).toBe(`\uFEFF${HEADER.join(',')}\r\n`)
    const xlsx = await api(portal, 'GET', '/api/import/templates/power-items.xlsx', { cookie: editor })
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
  })

  it("exports the editor's own department, and another only to those who read every department", async () => {
    const own = await api(portal, 'GET', '/api/import/exports/power-items.csv', { cookie: editor })
    expect(own.status).toBe(200)
    expect(own.headers.get('content-disposition')).toContain(encodeURIComponent('区公安分局-权力事项.csv'))
    expect((await api(portal, 'GET', `/api/import/exports/power-items.csv?dept=${civil.id}`, { cookie: editor })).status).toBe(403)
    const byReform = await api(portal, 'GET', `/api/import/exports/power-items.xlsx?dept=${civil.id}`, { cookie: reform })
    expect(byReform.status).toBe(200)
    const unnamed = await api(portal, 'GET', '/api/import/exports/power-items.csv', { cookie: reform })
    expect(unnamed.status).toBe(400)
    expect((await unnamed.json()).data.error).toBe('DEPARTMENT_REQUIRED')
  })
})

describe('importing', () => {
  let exported: Buffer
  beforeAll(async () => {
    exported = Buffer.from(await (await api(portal, 'GET', '/api/import/exports/power-items.xlsx', { cookie: editor })).arrayBuffer())
  })

  it('checks a file in a dry run, reporting every row, and writes nothing', async () => {
    const before = await written()
    const res = await upload('权力事项.xlsx', exported, { dryRun: true })
    expect(res.status).toBe(200)
    const report = await res.json() as SheetReport
    const count = await db.prisma.powerItem.count({ where: { departmentId: police.id, status: { not: 'CANCELLED' } } })
    expect(report).toMatchObject({ dryRun: true, imported: false, errors: [], counts: { ADD: 0, UPDATE: 0, UNCHANGED: count, SKIPPED: 0 } })
    expect(await written()).toEqual(before)
  })

  it('refuses a file with errors whole, with 422 and the report, after a dry run that shows the same', async () => {
    const file = csvOf([HEADER, row('E2E-NEW-1'), row('E2E-NEW-2', { 事项类型: '行政审批' })], { bom: true })
    const before = await written()
    const dry = await (await upload('清单.csv', file, { dryRun: true })).json() as SheetReport
    expect(dry.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^第3行「事项类型」：「行政审批」不是有效的事项类型/)])
    const res = await upload('清单.csv', file)
    expect(res.status).toBe(422)
    const data = (await res.json()).data as ApiErrorData
    expect(data.error).toBe('SHEET_INVALID')
    expect(data.report!.errors).toEqual(dry.errors)
    expect(await written()).toEqual(before)
  })

  it('imports a clean file as drafts of the department, with 201', async () => {
    const before = await written()
    const res = await upload('清单.csv', csvOf([HEADER, row('E2E-NEW-1', { 事项名称: '犬只登记', 俗称: '养狗、办狗证' })], { bom: true }))
    expect(res.status).toBe(201)
    const report = await res.json() as SheetReport
    expect(report).toMatchObject({ imported: true, counts: { ADD: 1 } })
    const id = report.rows[0]!.changeRequestId!
    const draft = await (await api(portal, 'GET', `/api/change-requests/${id}`, { cookie: editor })).json()
    expect(draft).toMatchObject({ status: 'DRAFT', action: 'ADD', department: { id: police.id, name: '区公安分局' }, payload: { code: 'E2E-NEW-1', aliases: ['养狗', '办狗证'] } })
    // One draft and its entry, and the import's own entry.
    expect(await written()).toEqual({ changeRequests: before.changeRequests + 1, auditEntries: before.auditEntries + 2 })
  })

  it('answers 413 to a 10 MB upload without reading it, and 400 to a file that is not a spreadsheet', async () => {
    const before = await written()
    const big = await upload('清单.csv', Buffer.alloc(10 * 1024 * 1024, 0x41))
    expect(big.status).toBe(413)
    expect((await big.json()).data).toMatchObject({ error: 'FILE_TOO_LARGE', message: expect.stringContaining('超过 5.0 MB 的上限') })
    // Without a Content-Length (chunked), the body is cut off once it passes the limit.
    const boundary = 'sheet-boundary'
    const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`), ...Array.from({ length: 160 }, () => Buffer.alloc(64 * 1024, 0x41)), Buffer.from(`\r\n--${boundary}--\r\n`)]
    const chunked = await fetch(`${portal.url}/api/import/power-items`, {
      method: 'POST',
      headers: { origin: portal.url, cookie: editor, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: new ReadableStream({ pull(controller) { const next = parts.shift(); if (next) controller.enqueue(next); else controller.close() } }),
      duplex: 'half',
    } as RequestInit)
    expect(chunked.status).toBe(413)
    const png = await upload('清单.xlsx', PNG)
    expect(png.status).toBe(400)
    expect((await png.json()).data).toMatchObject({ error: 'NOT_A_SPREADSHEET', message: '文件不是有效的 Excel（.xlsx）文件' })
    const noFile = await api(portal, 'POST', '/api/import/power-items', { cookie: editor, body: {} })
    expect((await noFile.json()).data.error).toBe('NO_FILE')
    expect(await written()).toEqual(before)
    // The portal is still there.
    expect((await api(portal, 'GET', '/api/import/templates/power-items.csv', { cookie: editor })).status).toBe(200)
  })

  it('answers 409 OPEN_CHANGE_EXISTS, not 500, when a draft of the same item commits while the import runs', async () => {
    const item = await db.prisma.powerItem.findFirstOrThrow({ where: { departmentId: police.id, status: 'IN_FORCE', code: { not: { startsWith: 'E2E' } } }, orderBy: { id: 'desc' } })
    const user = await db.prisma.user.findUniqueOrThrow({ where: { username: 'police.editor' } })
    const actor = { id: user.id, username: user.username, role: user.role, departmentId: user.departmentId }
    const fields = { name: '手工修改的事项', aliases: [], type: item.type, groupName: null, legalBasis: null, level: item.level, timeLimit: null, fees: null, contact: null }
    let release!: () => void
    const held = new Promise<void>((resolve) => { release = resolve })
    let drafted!: () => void
    const inserted = new Promise<void>((resolve) => { drafted = resolve })
    // The editor's own draft of the item, in flight on another connection: inserted, not yet committed.
    const manual = db.prisma.$transaction(async (tx) => {
      await createDraftIn(tx, actor, police.id, { entityType: 'POWER_ITEM', action: 'UPDATE', entityId: item.id, payload: fields })
      drafted()
      await held
    })
    await inserted
    const before = await written()
    const imported = upload('清单.csv', csvOf([HEADER, row(item.code, { 事项名称: '导入修改的事项' })], { bom: true }))
    // The import has checked the item and waits at its own insert for the draft in flight.
    await waitForLockWaiter(db.prisma)
    release()
    await manual
    const res = await imported
    expect(res.status).toBe(409)
    expect((await res.json()).data.error).toBe('OPEN_CHANGE_EXISTS')
    expect(await db.prisma.changeRequest.count({ where: { entityId: item.id, status: { in: ['DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED'] } } })).toBe(1)
    expect((await written()).changeRequests).toBe(before.changeRequests + 1)
  })

  it('refuses a zip bomb in a dry run at once, the portal using no more memory for it', async () => {
    // 1 MB whose sheet inflates to 1 GB while the zip claims 2,000 bytes.
    const bomb = zipBombXlsx(1024)
    const before = await written()
    const pid = portal.process.pid!
    processMemory.resetPeak(pid)
    const baseline = processMemory.kilobytes(pid).now
    const started = performance.now()
    const res = await upload('清单.xlsx', bomb, { dryRun: true })
    const elapsed = performance.now() - started
    expect(res.status).toBe(400)
    expect((await res.json()).data).toMatchObject({ error: 'NOT_A_SPREADSHEET', message: '文件不是有效的 Excel（.xlsx）文件：压缩包已损坏' })
    expect(processMemory.kilobytes(pid).peak - baseline).toBeLessThan(64 * 1024)
    expect(elapsed).toBeLessThan(3000)
    expect(await written()).toEqual(before)
    expect((await api(portal, 'GET', '/api/import/templates/power-items.csv', { cookie: editor })).status).toBe(200)
  })

  it('refuses an upload from another site, and from the reform office', async () => {
    const form = new FormData()
    form.append('file', new Blob([csvOf([HEADER])]), '清单.csv')
    const cross = await fetch(`${portal.url}/api/import/power-items`, { method: 'POST', body: form, headers: { origin: 'https://evil.example', cookie: editor } })
    expect(cross.status).toBe(403)
    expect((await upload('清单.csv', csvOf([HEADER]), { cookie: reform })).status).toBe(403)
  })
})

describe('duties', () => {
  it("serves the duty template, exports the department's duties, and re-imports them unchanged", async () => {
    const template = await api(portal, 'GET', '/api/import/templates/duties.csv', { cookie: editor })
    expect(template.headers.get('content-disposition')).toContain(encodeURIComponent('责任事项导入模板.csv'))
    expect(Buffer.from(await template.arrayBuffer()).toString('utf8')).toBe(`\uFEFF${DUTY_HEADER.join(',')}\r\n`)
    const exported = Buffer.from(await (await api(portal, 'GET', '/api/import/exports/duties.xlsx', { cookie: editor })).arrayBuffer())
    const count = await db.prisma.duty.count({ where: { departmentId: police.id, status: { not: 'CANCELLED' } } })
    expect(count).toBeGreaterThan(0)
    const before = await written()
    const report = await (await upload('责任事项.xlsx', exported, { dryRun: true, route: 'duties' })).json() as SheetReport
    expect(report).toMatchObject({ errors: [], counts: { ADD: 0, UPDATE: 0, UNCHANGED: count } })
    expect(await written()).toEqual(before)
  })

  it('imports a clean duty file as a duty draft with its accountability cases, and refuses a broken one with 422', async () => {
    const broken = await upload('责任.csv', csvOf([DUTY_HEADER, dutyRow('E2E-DUTY-1', { 责任类别: '主要职责' })]), { route: 'duties' })
    expect(broken.status).toBe(422)
    expect(((await broken.json()).data as ApiErrorData).report!.errors.map((e) => [e.row, e.column])).toEqual([[2, '责任类别']])
    const res = await upload('责任.csv', csvOf([DUTY_HEADER, dutyRow('E2E-DUTY-1', { 追责情形: '不履行职责的；泄露个人信息的；' })]), { route: 'duties' })
    expect(res.status).toBe(201)
    const id = ((await res.json()) as SheetReport).rows[0]!.changeRequestId!
    const draft = await (await api(portal, 'GET', `/api/change-requests/${id}`, { cookie: editor })).json()
    expect(draft).toMatchObject({ entityType: 'DUTY', action: 'ADD', status: 'DRAFT', payload: { code: 'E2E-DUTY-1', cases: [{ content: '不履行职责的；' }, { content: '泄露个人信息的；' }] } })
  })
})

describe('the size of an upload', () => {
  // Every list's import promises 5 MB; server/middleware/04.input-limits.ts once exempted only the
  // power-item upload from the 1 MB limit of other bodies, so a duty or fund file of 1-5 MB got 413.
  const bigDuties = () => csvOf([DUTY_HEADER, ...Array.from({ length: 1000 }, (_, i) => dutyRow(`E2E-BIG-D${i}`, { 责任内容: '负责'.repeat(400) }))])
  const bigFunds = () => csvOf([FUND_HEADER, ...Array.from({ length: 1000 }, (_, i) => fundRow(`E2E-BIG-F${i}`, { 资金用途: '用于'.repeat(400) }))])

  it.each([['duties', bigDuties], ['funds', bigFunds]] as const)('checks a %s spreadsheet of over 2 MB instead of refusing it', async (route, make) => {
    const csv = make()
    expect(Buffer.byteLength(csv)).toBeGreaterThan(2 * 1024 * 1024)
    expect(Buffer.byteLength(csv)).toBeLessThan(SHEET_LIMITS.maxBytes)
    const before = await written()
    const res = await upload('大表.csv', csv, { dryRun: true, route })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ dryRun: true, errors: [], counts: { ADD: 1000 } })
    expect(await written()).toEqual(before)
  })
})

describe.skipIf(!hasChromium)('the import page', () => {
  const browser = blockBrowser()

  it('checks a file on a phone, lists its errors by row and column, then imports a clean one', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN' })
    await context.addCookies([{ name: SESSION_COOKIE, value: editor.split('=').slice(1).join('='), url: portal.url }])
    const page = await context.newPage()
    await visit(page, `${portal.url}/admin/import`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('表格导入')
    expect(await page.getByRole('link', { name: 'Excel（.xlsx）' }).first().getAttribute('href')).toBe('/api/import/templates/power-items.xlsx')

    const broken = await xlsxOf([HEADER, row('PAGE-NEW-1', { 行使层级: '区级' }), row('PAGE-NEW-1')])
    await page.getByLabel('要导入的表格文件').setInputFiles({ name: '清单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: broken })
    await page.getByRole('button', { name: '检查文件' }).click()
    const errors = page.getByRole('table', { name: '错误（按行排列）' })
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(2)
    expect(await errors.locator('tbody tr').first().innerText()).toMatch(/^2\s+行使层级\s+「区级」不是有效的行使层级/)
    expect(await errors.locator('tbody tr').nth(1).innerText()).toMatch(/^3\s+事项编码\s+事项编码 PAGE-NEW-1 与第2行重复/)
    expect(await page.getByRole('button', { name: /确认导入/ }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)

    await page.getByLabel('要导入的表格文件').setInputFiles({ name: '清单.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf([HEADER, row('PAGE-NEW-2')])) })
    await page.getByRole('button', { name: '检查文件' }).click()
    await page.getByRole('button', { name: '确认导入，生成 1 份草稿' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已导入：生成了 1 份草稿')
    expect(await page.getByRole('link', { name: '前往工作台' }).getAttribute('href')).toBe('/admin/workspace')

    // Another list, chosen with the keyboard: its own template, and its own columns in the report.
    await page.getByRole('radio', { name: '责任事项' }).focus()
    await page.keyboard.press('Space')
    await expect.poll(() => page.getByRole('link', { name: 'Excel（.xlsx）' }).first().getAttribute('href')).toBe('/api/import/templates/duties.xlsx')
    expect(page.url()).toContain('list=responsibility')
    await page.getByLabel('要导入的表格文件').setInputFiles({ name: '责任.csv', mimeType: 'text/csv', buffer: Buffer.from(csvOf([DUTY_HEADER, dutyRow('PAGE-DUTY-1', { 责任内容: '' })])) })
    await page.getByRole('button', { name: '检查文件' }).click()
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(1)
    expect(await errors.locator('tbody tr').first().innerText()).toMatch(/^2\s+责任内容\s+不能为空/)
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)

    await visit(page, `${portal.url}/en/admin/import`)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Spreadsheet import')
    expect(await page.getByLabel('Spreadsheet file to import').count()).toBe(1)
    await context.close()
  })
})
