// The reform office's steps in the browser that take a change from its review page into a list
// version, as the workflow tests of each list take them.
import { expect } from 'vitest'
import type { Page } from 'playwright-core'
import { cityToday } from '../../shared/workspace'
import { alertText } from './browser'

/** On the review page of change #`requestId`: approves it on document `documentNo`, effective today. */
export async function approveChange(office: Page, requestId: number, documentNo: string): Promise<void> {
  await office.getByLabel('文号').fill(documentNo)
  await office.getByLabel('生效日期').fill(cityToday())
  await office.getByRole('button', { name: '批准变更' }).click()
  await expect.poll(() => alertText(office)).toContain(`已批准变更 #${requestId}`)
}

/** From there, on the list versions page: gathers the approved change into a new version `title`, effective today, not yet published. */
export async function gatherIntoVersion(office: Page, requestId: number, title: string, documentNo: string): Promise<void> {
  await office.getByRole('link', { name: '清单版本', exact: true }).click()
  await office.waitForURL(/\/admin\/review\/versions/)
  await office.getByLabel(`选择变更 #${requestId}`).check()
  await office.getByLabel('版本名称').fill(title)
  await office.getByLabel('文号').fill(documentNo)
  await office.getByLabel('生效日期').fill(cityToday())
  await office.getByRole('button', { name: /编入所选 1 项/ }).click()
  await expect.poll(() => alertText(office)).toContain(`已新建清单版本“${title}”`)
}
