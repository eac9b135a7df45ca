// The accounts `npm start` creates in demo mode only (NUXT_PUBLIC_DEMO=1), one per role and two
// editors of different departments, so that a visitor can try every part of the back office.
// Their password is public (README, login page): a portal not in demo mode never has them.
import type { RoleName } from './auth'

export const DEMO_PASSWORD = 'sanzhang-demo-2026'

export interface DemoAccount {
  username: string
  displayName: string
  role: RoleName
  /** the name of the department, for editors */
  department: string | null
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'police.editor', displayName: '公安分局经办人', role: 'EDITOR', department: '区公安分局' },
  { username: 'civil.editor', displayName: '民政局经办人', role: 'EDITOR', department: '区民政局' },
  { username: 'reform.office', displayName: '审改办审核人', role: 'REFORM_OFFICE', department: null },
  { username: 'auditor', displayName: '审计监督员', role: 'AUDITOR', department: null },
  { username: 'admin', displayName: '系统管理员', role: 'ADMIN', department: null },
]
